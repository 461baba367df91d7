/**
 * Word splitting shared by the index and the query side. Text is folded (fold.ts) before matching;
 * the scanner folds ASCII case itself as it goes, so the index reads text with ASCII case intact.
 */

const WORD = 1;
const SEPARATOR = 2;
const OTHER = 3;

// Character class per UTF-16 code unit; 0 = not classified yet (non-ASCII ones are done on first sight).
const CLASS = new Uint8Array(65536);
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
for (let c = 0; c < 128; c++) {
  CLASS[c] = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? WORD : OTHER;
}
// Fuse.js's own word separators: its field-length norm counts runs of anything else.
for (const c of [9, 10, 11, 12, 13, 32, 160]) CLASS[c] = SEPARATOR;

function classOf(code: number): number {
  const k = CLASS[code]!;
  if (k !== 0) return k;
  // Surrogate halves count as word characters so astral letters are never split mid-symbol.
  const v = (code >= 0xd800 && code <= 0xdfff) || WORD_RE.test(String.fromCharCode(code)) ? WORD : OTHER;
  CLASS[code] = v;
  return v;
}

export function isSeparator(code: number): boolean {
  return classOf(code) === SEPARATOR;
}

export function isWordChar(code: number): boolean {
  return classOf(code) === WORD;
}

export function isPlainWord(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (classOf(text.charCodeAt(i)) !== WORD) return false;
  return true;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** ASCII A–Z to a–z. Lets ASCII text (nearly every abstract) be indexed without a lowercased copy. */
export function foldAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** 32-bit FNV-1a of text[start..end), ASCII case folded. */
export function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ foldAscii(text.charCodeAt(i)), FNV_PRIME);
  return h >>> 0;
}

/**
 * Calls `visit(start, end, hash)` for every indexed word of a field (as foldKeepAsciiCase gives it;
 * the hash folds ASCII case, so "BEV" and "bev" are one word): each
 * whitespace-separated chunk with its leading and trailing punctuation stripped ("(bev)," → "bev",
 * "qwen2.5" stays whole), and, when such a word has punctuation inside ("bird's-eye-view"), each of
 * its letter/digit runs too. `hash` is hashRange of the word, computed during the same pass;
 * `inner` says the word has punctuation inside (its runs follow).
 * Returns the number of whitespace-separated chunks, which is what Fuse's field norm counts.
 * Ranges instead of strings: the index looks words up without allocating.
 */
export function scanWords(text: string, visit: (start: number, end: number, hash: number, inner: boolean) => void): number {
  const len = text.length;
  let chunks = 0;
  let i = 0;
  while (i < len) {
    let k = classOf(text.charCodeAt(i));
    if (k === SEPARATOR) {
      i++;
      continue;
    }
    chunks++;
    // One chunk: hash from its first word character; remember the hash at its last word character.
    let start = -1;
    let end = -1;
    let h = FNV_OFFSET;
    let hEnd = 0;
    let inner = false;
    for (; i < len; i++) {
      const c = text.charCodeAt(i);
      k = classOf(c);
      if (k === SEPARATOR) break;
      if (k === WORD) {
        if (start < 0) start = i;
        else if (end < i) inner = true;
        h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), FNV_PRIME);
        end = i + 1;
        hEnd = h;
      } else if (start >= 0) {
        h = Math.imul(h ^ c, FNV_PRIME);
      }
    }
    if (start >= 0) {
      visit(start, end, hEnd >>> 0, inner);
      if (inner) runs(text, start, end, visit);
    }
  }
  return chunks;
}

function runs(text: string, from: number, to: number, visit: (start: number, end: number, hash: number, inner: boolean) => void): void {
  let j = from;
  while (j < to) {
    while (j < to && classOf(text.charCodeAt(j)) !== WORD) j++;
    const start = j;
    while (j < to && classOf(text.charCodeAt(j)) === WORD) j++;
    if (j > start) visit(start, j, hashRange(text, start, j), false);
  }
}

/** The words scanWords finds, as strings. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (s, e) => out.push(text.slice(s, e)));
  return out;
}

/** Letter/digit runs of a pattern, longest first: the most selective piece to look up. */
export function wordRuns(text: string): string[] {
  const found: string[] = [];
  runs(text, 0, text.length, (s, e) => found.push(text.slice(s, e)));
  return found.sort((a, b) => b.length - a.length);
}

/** Fuse.js's field-length norm (fieldNormWeight 1): 1/sqrt(words), rounded to 3 decimals. */
export function fieldNorm(words: number): number {
  return Math.round(1000 / Math.sqrt(Math.max(1, words))) / 1000;
}

export function countChunks(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    if (!isSeparator(text.charCodeAt(i))) {
      if (!inWord) n++;
      inWord = true;
    } else inWord = false;
  }
  return n;
}

/** Bits 0–25 for the letters a–z, 26 for any digit, 27 for anything else. */
export function letterMask(word: string, start = 0, end = word.length): number {
  let mask = 0;
  for (let i = start; i < end; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) mask |= 1 << (c - 97);
    else if (c >= 48 && c <= 57) mask |= 1 << 26;
    else mask |= 1 << 27;
  }
  return mask;
}

export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The best kind (tuning.ts WHOLE / PREFIX / INSIDE) of `pattern`'s occurrences in `text`, or -1. */
export function occurrenceKind(text: string, pattern: string): number {
  let best = -1;
  if (pattern.length === 0) return best;
  const startsWord = !isWordChar(pattern.charCodeAt(0));
  const endsWord = !isWordChar(pattern.charCodeAt(pattern.length - 1));
  for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
    const end = at + pattern.length;
    const atStart = startsWord || at === 0 || !isWordChar(text.charCodeAt(at - 1));
    const atEnd = endsWord || end >= text.length || !isWordChar(text.charCodeAt(end));
    const kind = atStart ? (atEnd ? 3 : 2) : 1;
    if (kind > best) best = kind;
    if (best === 3) break;
  }
  return best;
}
