// A digest file's text decoded as blocks of whole lines, each a string of its own. Decoded whole, a
// digest of ~150 papers (~250 KB) is one string past V8's large-object size (128 KB), and such a
// string gets memory mapped for it alone, fresh at every file and handed back when it dies: on the
// 2-core VM the bench runs on, ~1.3 ms a file, ~1 s for the 782 files of 100,000 papers, where the
// same bytes decoded in 32 KB blocks took ~0.1 s (young strings, on memory the heap reuses).
import { decodedText, digestBody, ownedString, type DigestText, type ScanText } from './parse.js';

const BLOCK_BYTES = 32 * 1024;
const LF = 0x0a;

/**
 * The text of `bytes` (valid UTF-8, or decoded as textOfBytes decodes it: one leading BOM dropped,
 * pure ASCII as one-byte strings) in blocks of about `blockBytes` that each end after a line feed.
 * A UTF-8 sequence never holds that byte, so the blocks decode to exactly the whole text's pieces.
 */
export function blockedText(bytes: Uint8Array, blockBytes = BLOCK_BYTES): BlockedText {
  const body = digestBody(bytes);
  const blocks: string[] = [];
  for (let from = 0; from < body.length; ) {
    const lf = from + blockBytes >= body.length ? -1 : body.indexOf(LF, from + blockBytes - 1);
    const to = lf === -1 ? body.length : lf + 1;
    blocks.push(decodedText(body.subarray(from, to)));
    from = to;
  }
  return new BlockedText(blocks);
}

/**
 * Reads like the whole text (offsets are the whole text's): what scanDigest and digestFromLayout
 * use of a string. Reads mostly move forward, so the block of the last one is tried first.
 */
export class BlockedText implements ScanText, DigestText {
  readonly length: number;
  readonly #blocks: readonly string[];
  /** Offset of each block in the whole text, then the text's length. */
  readonly #starts: number[];
  #last = 0;

  constructor(blocks: readonly string[]) {
    this.#blocks = blocks;
    this.#starts = [0];
    let at = 0;
    for (const b of blocks) this.#starts.push((at += b.length));
    this.length = at;
  }

  /** The block holding offset `at` (the last block for the text's end and past it). */
  #blockAt(at: number): number {
    const starts = this.#starts;
    let b = this.#last;
    if (at >= starts[b]! && at < starts[b + 1]!) return b;
    if (at >= starts[b + 1]! && at < (starts[b + 2] ?? -1)) return (this.#last = b + 1);
    let lo = 0;
    let hi = this.#blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return (this.#last = Math.max(lo, 0));
  }

  charCodeAt(at: number): number {
    if (at < 0 || at >= this.length) return NaN;
    const b = this.#blockAt(at);
    return this.#blocks[b]!.charCodeAt(at - this.#starts[b]!);
  }

  indexOf(search: string, from = 0): number {
    // Longer strings could straddle two blocks; scanDigest only looks for line breaks.
    if (search.length !== 1) return this.toString().indexOf(search, from);
    for (let b = this.#blockAt(Math.max(0, from)); b < this.#blocks.length; b++) {
      const start = this.#starts[b]!;
      const i = this.#blocks[b]!.indexOf(search, Math.max(0, from - start));
      if (i !== -1) return start + i;
    }
    return -1;
  }

  includes(search: string): boolean {
    return this.indexOf(search) !== -1;
  }

  slice(start: number, end: number = this.length): string {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    const b = this.#blockAt(from);
    const blockStart = this.#starts[b]!;
    if (to <= this.#starts[b + 1]!) return this.#blocks[b]!.slice(from - blockStart, to - blockStart);
    // A line never crosses blocks: this is for other callers.
    return this.toString().slice(from, to);
  }

  part(start: number, end: number): string {
    return ownedString(this.slice(start, end));
  }

  toString(): string {
    return this.#blocks.join('');
  }
}
