/**
 * Myers' bit-parallel edit distance, in its "pattern anywhere inside the text" form: the fewest
 * insertions, deletions and substitutions that turn the pattern into some substring of the text.
 * That is the quantity Fuse.js's bitap matcher thresholds (errors / pattern length), computed here
 * in one pass of a few integer operations per character so the whole vocabulary can be screened
 * before Fuse scores the survivors. Patterns of at most 32 UTF-16 units.
 */
export class SubstringDistance {
  private readonly ascii = new Int32Array(128);
  private readonly other = new Map<number, number>();
  private readonly high: number;

  constructor(readonly pattern: string) {
    if (pattern.length === 0 || pattern.length > 32) throw new RangeError('pattern length must be 1..32');
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      if (c < 128) this.ascii[c]! |= 1 << i;
      else this.other.set(c, (this.other.get(c) ?? 0) | (1 << i));
    }
    this.high = 1 << (pattern.length - 1);
  }

  /**
   * True when the pattern occurs in text[start..end) with at most `maxErrors` edits; `atStart`:
   * an occurrence that begins at `start` (the top row counts the text skipped, as in the edit
   * distance of whole strings).
   */
  within(text: string, maxErrors: number, start = 0, end = text.length, atStart = false): boolean {
    const m = this.pattern.length;
    const { ascii, other, high } = this;
    let pv = -1;
    let mv = 0;
    let score = m;
    if (score <= maxErrors) return true;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      const eq = c < 128 ? ascii[c]! : (other.get(c) ?? 0);
      const xv = eq | mv;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & high) score++;
      else if (mh & high) score--;
      ph = (ph << 1) | (atStart ? 1 : 0);
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (score <= maxErrors) return true;
    }
    return false;
  }
}

/**
 * The pattern cut into `errors + 1` pieces of near-equal length. A match with at most `errors`
 * edits leaves at least one piece untouched (each edit falls in one piece), so a text containing
 * none of the pieces verbatim is not within reach: a plain indexOf rules it out before any
 * edit-distance pass. (A pattern shorter than that has empty pieces, which every text holds.)
 */
export function exactPieces(pattern: string, errors: number): string[] {
  const count = errors + 1;
  const pieces: string[] = [];
  let start = 0;
  for (let i = 1; i <= count; i++) {
    const end = Math.round((pattern.length * i) / count);
    pieces.push(pattern.slice(start, end));
    start = end;
  }
  return pieces;
}
