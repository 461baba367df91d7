import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';

// zlib.crc32 (Node >= 20.15) checks 50 MB in a few tens of ms; sha1 where it is missing.
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** A checksum over bytes given piece by piece, for cache files: catches damage, not tampering. */
export function runningChecksum(): { update(bytes: Uint8Array): void; digest(): string } {
  if (crc32) {
    let value = 0;
    // Skipping empty input: Node 20's crc32 returns 0 for a view of an empty ArrayBuffer, whatever the value.
    return { update: (b) => void (b.length > 0 && (value = crc32(b, value))), digest: () => `crc32:${value.toString(16)}` };
  }
  const hash = createHash('sha1');
  return { update: (b) => void hash.update(b), digest: () => `sha1:${hash.digest('hex')}` };
}

/** The checksum of one piece of bytes (runningChecksum's). */
export function checksumOf(bytes: Uint8Array): string {
  const sum = runningChecksum();
  sum.update(bytes);
  return sum.digest();
}
