import { readSync } from 'node:fs';
import { describeFsError } from './fs-errors.js';
import { DigestError } from './parse.js';

/**
 * All of standard input, read at once (`paperterm list -`). A pipe that a shell or a parent left
 * non-blocking answers EAGAIN while it is empty; that is waited out, not taken as its end.
 */
export function readStdinBytes(): Buffer {
  const chunks: Buffer[] = [];
  const buf = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break;
      throw new DigestError(describeFsError(err));
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}
