// Loaded into the reader with --import by the wire section: notes when stdin hands over input (read
// or emitted as 'data') and
// when a frame (ending with the end-of-synchronized-output marker) is written, in epoch ms, and
// writes them to $PAPERTERM_KEY_TRACE when the process exits. The difference is the reader's own
// share of key-to-frame, without the pseudo-terminal and the measuring process around it.
import { writeFileSync } from 'node:fs';

const FRAME_END = '\u001b[?2026l';
const file = process.env.PAPERTERM_KEY_TRACE;
if (file) {
  const events: string[] = [];
  const now = () => (performance.timeOrigin + performance.now()).toFixed(3);
  const stdin = process.stdin;
  const emit = stdin.emit.bind(stdin) as (event: string | symbol, ...args: unknown[]) => boolean;
  stdin.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'data') events.push(`key ${now()}`);
    return emit(event, ...args);
  }) as typeof stdin.emit;
  const write = process.stdout.write.bind(process.stdout) as (...a: unknown[]) => boolean;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && chunk.includes(FRAME_END)) events.push(`frame ${now()}`);
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.on('exit', () => writeFileSync(file, `${events.join('\n')}\n`));
}
