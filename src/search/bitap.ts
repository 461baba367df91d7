import { THRESHOLD } from './tuning.js';

/** A fuzzy match as Fuse.js's BitapSearch reports it: its score and the matched characters (inclusive ranges). */
export interface BitapMatch {
  score: number;
  indices: readonly (readonly [number, number])[];
}

/** Fuse's smallest score for a match that is not the whole text. */
const MIN_SCORE = 0.001;
/** Fuse's bitap works on at most this many pattern characters at a time. */
const CHUNK = 32;

interface Chunk {
  pattern: string;
  /** Fuse's pattern alphabet: per character, the bits of the positions it holds (first character highest). */
  ascii: Int32Array;
  other: Map<number, number>;
  start: number;
}

/** Bit rows and marks, shared by every Bitap (searches never overlap) and grown as texts need. */
let rows = [new Int32Array(0), new Int32Array(0)];
let marks = new Uint8Array(0);

/**
 * Fuse.js 7.5's bitap matcher (BitapSearch.searchIn and bitap/search.ts), redone for the one set of
 * options the engine gives it — threshold THRESHOLD, ignoreLocation, includeMatches, location 0,
 * case-sensitive, minMatchCharLength 1 — with the same results to the bit (test/search-index.test.ts
 * compares them with Fuse.js's). Fuse's own code costs a first search ~15 ms: an index and a result
 * object per text, a new array per error level, a string per character looked up in an object. This
 * reads character codes into two reused Int32Arrays, so a cold process pays a few ms for it instead.
 */
export class Bitap {
  private readonly chunks: Chunk[] = [];

  constructor(readonly pattern: string) {
    // Fuse's chunking: whole chunks of 32, then the last 32 characters for any remainder.
    const len = pattern.length;
    if (len <= CHUNK) {
      if (len > 0) this.addChunk(pattern, 0);
      return;
    }
    const end = len - (len % CHUNK);
    for (let i = 0; i < end; i += CHUNK) this.addChunk(pattern.slice(i, i + CHUNK), i);
    if (end < len) this.addChunk(pattern.slice(len - CHUNK), len - CHUNK);
  }

  private addChunk(pattern: string, start: number): void {
    const ascii = new Int32Array(128);
    const other = new Map<number, number>();
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      const bit = 1 << (pattern.length - i - 1);
      if (c < 128) ascii[c]! |= bit;
      else other.set(c, (other.get(c) ?? 0) | bit);
    }
    this.chunks.push({ pattern, ascii, other, start });
  }

  /** Fuse's match of the pattern in `text`, or null where Fuse finds none. */
  search(text: string): BitapMatch | null {
    const { pattern } = this;
    if (pattern === text) return text.length > 0 ? { score: 0, indices: [[0, text.length - 1]] } : null;
    if (this.chunks.length === 1 && text.includes(pattern)) return { score: MIN_SCORE, indices: occurrences(text, pattern) };
    let total = 0;
    let matched = false;
    const all: [number, number][] = [];
    for (const chunk of this.chunks) {
      const score = this.searchChunk(text, chunk);
      // A chunk without a match still counts in the average, as 1.
      if (score < 0) total += 1;
      else {
        total += score;
        // Fuse drops a match that marked no character.
        if (this.maskRuns(text.length, all)) matched = true;
      }
    }
    if (!matched) return null;
    return { score: total / this.chunks.length, indices: this.chunks.length > 1 ? mergeIndices(all) : all };
  }

  /**
   * bitap/search.ts for one chunk: the score (at least MIN_SCORE), or -1 for no match; the matched
   * characters are left in `marks`. With ignoreLocation every error level scans the whole text,
   * and the first level with a match ends the search.
   */
  private searchChunk(text: string, { pattern, ascii, other, start: location }: Chunk): number {
    const m = pattern.length;
    const n = text.length;
    const expected = Math.max(0, Math.min(location, n));
    if (marks.length < n) marks = new Uint8Array(n * 2);
    const mask = marks.fill(0, 0, n);
    let threshold = THRESHOLD;
    // Verbatim occurrences (left to right, not overlapping) are all marked and score 0.
    for (let from = expected, at: number; (at = text.indexOf(pattern, from)) > -1; from = at + m) {
      threshold = 0;
      mask.fill(1, at, at + m);
    }
    const finish = n + m;
    if (rows[0]!.length < finish + 2) rows = [new Int32Array((finish + 2) * 2), new Int32Array((finish + 2) * 2)];
    let last = rows[0]!;
    let row = rows[1]!;
    const high = 1 << (m - 1);
    let best = -1;
    let bestErrors = 0;
    let finalScore = 1;
    for (let errors = 0; errors < m; errors++) {
      let start = 1;
      row[finish + 1] = (1 << errors) - 1;
      for (let j = finish; j >= start; j--) {
        const c = j - 1 < n ? text.charCodeAt(j - 1) : -1;
        const charMatch = c < 0 ? 0 : c < 128 ? ascii[c]! : (other.get(c) ?? 0);
        let bits = ((row[j + 1]! << 1) | 1) & charMatch;
        if (errors) bits |= ((last[j + 1]! | last[j]!) << 1) | 1 | last[j + 1]!;
        row[j] = bits;
        if (bits & high) {
          finalScore = errors / m;
          if (finalScore <= threshold) {
            threshold = finalScore;
            best = j - 1;
            bestErrors = errors;
            if (best <= expected) break;
            start = Math.max(1, 2 * expected - best);
          }
        }
      }
      if ((errors + 1) / m > threshold) break;
      const done = row;
      row = last;
      last = done;
    }
    if (best < 0) return -1;
    const end = Math.min(n - 1, best + m - 1 + bestErrors);
    for (let k = best; k <= end; k++) {
      const c = text.charCodeAt(k);
      if (c < 128 ? ascii[c] : other.get(c)) mask[k] = 1;
    }
    return Math.max(MIN_SCORE, finalScore);
  }

  /** Appends the runs of marked characters (Fuse's convertMaskToIndices); false when there are none. */
  private maskRuns(n: number, into: [number, number][]): boolean {
    const mask = marks;
    const before = into.length;
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const start = i;
      while (i + 1 < n && mask[i + 1]) i++;
      into.push([start, i]);
    }
    return into.length > before;
  }
}

/**
 * A pattern found verbatim: Fuse marks its occurrences (left to right, not overlapping), and its
 * bitap, stopping at the first error level with a match, adds only the leftmost one again.
 */
export function occurrences(text: string, pattern: string): [number, number][] {
  const m = pattern.length;
  const found: [number, number][] = [];
  for (let at = text.indexOf(pattern); at > -1; at = text.indexOf(pattern, at + m)) {
    const prev = found[found.length - 1];
    if (prev && prev[1] + 1 === at) prev[1] = at + m - 1;
    else found.push([at, at + m - 1]);
  }
  return found;
}

/** Fuse's mergeIndices: sorted, with touching or overlapping ranges joined. */
export function mergeIndices(ranges: [number, number][]): [number, number][] {
  if (ranges.length <= 1) return ranges;
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [ranges[0]!];
  for (let i = 1; i < ranges.length; i++) {
    const prev = merged[merged.length - 1]!;
    const cur = ranges[i]!;
    if (cur[0] <= prev[1] + 1) prev[1] = Math.max(prev[1], cur[1]);
    else merged.push(cur);
  }
  return merged;
}
