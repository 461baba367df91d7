import { isAscii, isUtf8 } from 'node:buffer';
import { resolveDigestDay, type DigestDay } from './digest-date.js';
import type { Digest, DigestEntry } from './types.js';

/** Raised for a file that cannot be a digest at all; the message is shown as-is after the file name. */
export class DigestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigestError';
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DATE_LINE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/i;

// The page chrome the digests were copied from; only recognised before the first entry.
const HEADER_LINES = [
  /^new$/i,
  /^get trending papers\b.*$/i,
  /^subscribe$/i,
  /^by\s*ak and the research community$/i,
];
// One layout glues the first title to the "Subscribe" button text.
const GLUED_SUBSCRIBE = /^Subscribe(?=\S)/;

// Titles in real digests stay under ~200 characters and abstracts run well over 300 (the four real
// digests: titles 21-169, abstracts 507-1,920). Lengths past these bounds make a line less likely to
// be that part, never impossible: see pairEntries.
const TITLE_MAX = 250;
const ABSTRACT_MIN = 300;

export function parseDate(line: string): { month: number; day: number; year: number | null } | null {
  const m = DATE_LINE.exec(line);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  const day = Number(m[2]);
  if (day < 1 || day > 31) return null;
  return { month, day, year: m[3] ? Number(m[3]) : null };
}

/**
 * The full date of a digest with this date line (or none), file and modification time; see
 * resolveDigestDay. `order` is its sort key, larger = newer.
 */
export function digestDay(date: string | null, file: string, mtimeMs: number): DigestDay {
  const d = date ? parseDate(date) : null;
  return resolveDigestDay(d && date ? { text: date, ...d } : null, file, mtimeMs);
}

/** The path that names standard input (`paperterm list -`); an undated digest read from it is labelled "stdin". */
export const STDIN_PATH = '-';

export function labelFromFile(file: string): string {
  if (file === STDIN_PATH) return 'stdin';
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]*$/, '') || base;
}

/** Decodes a file's bytes as digest text, refusing what is clearly not one. */
export function decodeDigestBytes(bytes: Uint8Array): string {
  checkDigestBytes(bytes);
  return textOfBytes(bytes);
}

/** Throws DigestError for bytes that are clearly not a text digest. */
export function checkDigestBytes(bytes: Uint8Array): void {
  if (bytes.subarray(0, 8192).includes(0)) throw new DigestError('binary file, not a text digest');
  if (!isUtf8(bytes)) throw new DigestError('not valid UTF-8 text');
}

/**
 * Decodes bytes already known to be valid UTF-8, dropping one leading BOM (as TextDecoder does).
 * Much faster than TextDecoder on large inputs, and pure-ASCII digests become one-byte strings.
 */
export function textOfBytes(bytes: Uint8Array): string {
  return decodedText(digestBody(bytes));
}

/** The bytes without one leading UTF-8 BOM. */
export function digestBody(bytes: Uint8Array): Buffer {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
}

/** Valid UTF-8 as text; pure ASCII as a one-byte string. */
export function decodedText(body: Buffer): string {
  return body.toString(isAscii(body) ? 'latin1' : 'utf8');
}

/**
 * Where a digest's parts stand in its text, so a cache can rebuild the entries by slicing the text
 * again instead of re-parsing it. `spans` holds four offsets per entry: title start and end, abstract
 * start and end (both -1 when the entry has no abstract).
 */
export interface DigestLayout {
  date: string | null;
  spans: number[];
  warnings: string[];
}

/** What scanDigest reads of a text: a string is one, and so is a file's text read in blocks (blocked-text.ts). */
export interface ScanText {
  readonly length: number;
  charCodeAt(at: number): number;
  /** Only ever asked for one code unit (a line break). */
  indexOf(search: string, from?: number): number;
  includes(search: string): boolean;
  slice(start: number, end: number): string;
}

// Code units that are never whitespace, so a line bounded by them needs no trim().
function plainAt(text: ScanText, at: number): boolean {
  const c = text.charCodeAt(at);
  return c > 32 && c < 127;
}

/**
 * Finds the entries of one digest's text. Tolerates CRLF, a BOM, trailing spaces, any number of
 * blank lines, and both known layouts. Throws DigestError when no entry is found.
 */
export function scanDigest(text: ScanText): DigestLayout {
  // Non-blank lines, trimmed, as [start, end) offsets into text with their 1-based line numbers.
  // Offsets rather than substrings: a 100,000-paper library has ~250,000 lines.
  const starts: number[] = [];
  const ends: number[] = [];
  const nos: number[] = [];
  const addLine = (from: number, to: number, no: number) => {
    if (to > from && plainAt(text, from) && plainAt(text, to - 1)) {
      starts.push(from);
      ends.push(to);
      nos.push(no);
      return;
    }
    const line = text.slice(from, to);
    const trimmed = line.trim();
    if (!trimmed) return;
    const start = from + line.length - line.trimStart().length;
    starts.push(start);
    ends.push(start + trimmed.length);
    nos.push(no);
  };
  // Line breaks are \n and \r\n. A lone CR inside a line is text (shown as a space): a stray one
  // in an abstract must not split it and shift every later entry. Only a file with no \n at all
  // (old Mac line ends) has its line breaks as lone CRs.
  const crBreaks = !text.includes('\n');
  const breakChar = crBreaks ? '\r' : '\n';
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let no = 1; ; no++) {
    const end = text.indexOf(breakChar, pos);
    const lineEnd = end === -1 ? text.length : end;
    addLine(pos, !crBreaks && lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd, no);
    if (end === -1) break;
    pos = end + 1;
  }
  const lineText = (k: number) => text.slice(starts[k]!, ends[k]!);

  let i = 0;
  let date: string | null = null;
  for (; i < starts.length; i++) {
    const line = lineText(i);
    if (HEADER_LINES.some((re) => re.test(line))) continue;
    if (GLUED_SUBSCRIBE.test(line)) {
      starts[i]! += 'Subscribe'.length;
      break;
    }
    if (date === null && parseDate(line)) {
      date = line.replace(/\s+/g, ' ');
      continue;
    }
    break;
  }

  const { spans, warnings } = pairEntries(text, starts.slice(i), ends.slice(i), nos.slice(i));
  if (spans.length === 0) throw new DigestError('no paper entries found');
  if (spans.length >= 8 && !hasProse(spans)) {
    // Any text file alternates lines; a digest's abstracts are prose. Without one this is some
    // other file (a README, a JSON file) named by mistake, and its lines are not papers.
    throw new DigestError('no paper entries found (no line reads like an abstract)');
  }
  return { date, spans, warnings };
}

// Costs of reading the lines one way rather than another (see pairEntries), in units where a title
// twice TITLE_MAX long costs 2, and an abstract a quarter of ABSTRACT_MIN costs 3.
const NO_ABSTRACT = 3;
const SKIPPED = 6;

/**
 * What a title reading costs on top of its length when the line ends with a full stop, as sentences
 * do: no title in the real digests does, and abstracts end with one (or with a URL).
 */
const SENTENCE_TITLE = 4;

function titleCost(length: number, sentence: boolean): number {
  return (length <= TITLE_MAX ? 0 : 3 * Math.log2(length / TITLE_MAX)) + (sentence ? SENTENCE_TITLE : 0);
}

/** What a short abstract reading costs on top of its length when the line does not end with a full stop. */
const TERSE_ABSTRACT = 2;

function abstractCost(length: number, sentence: boolean): number {
  if (length >= ABSTRACT_MIN) return 0;
  return 1.5 * Math.log2(ABSTRACT_MIN / Math.max(length, 1)) + (sentence ? 0 : TERSE_ABSTRACT);
}

/** A quoted line in a warning: enough to find it, never a whole abstract. */
export function preview(text: string): string {
  if (text.length <= 80) return text;
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(78)) ? 78 : 79; // never half a surrogate pair
  return `${text.slice(0, cut)}…`;
}

/** Labels of labelEntryLines. */
export const LINE_TITLE = 0;
export const LINE_ABSTRACT = 1;
export const LINE_SKIPPED = 2;
const T = LINE_TITLE;
const A = LINE_ABSTRACT;
const X = LINE_SKIPPED;

/**
 * Reads entry lines, given by their lengths and whether each ends with a full stop, as titles,
 * abstracts (each right after its title) and skipped lines (text that follows no title), choosing
 * the reading of the whole file that costs least (Viterbi over the three labels). A line only tends to be a title when short and an abstract
 * when long, so one odd entry (a short abstract, a 400-character title, a lost abstract or title, a
 * line of junk) is read as odd by itself: shifting the pairing of every later entry would cost more
 * on each of them than reading the one entry as odd.
 */
export function labelEntryLines(lengths: ArrayLike<number>, sentence: ArrayLike<number>): Uint8Array {
  const n = lengths.length;
  const labels = new Uint8Array(n);
  if (n === 0) return labels;
  const back = new Uint8Array(n * 3);
  let t = titleCost(lengths[0]!, sentence[0] === 1);
  let a = Infinity;
  let x = SKIPPED;
  for (let k = 1; k < n; k++) {
    const length = lengths[k]!;
    // Into a title or a skipped line: from an abstract or a skipped line for free, or from a title
    // that then had no abstract. Ties go to the abstract, then the skipped line.
    let into = a;
    let from = A;
    if (x < into) {
      into = x;
      from = X;
    }
    if (t + NO_ABSTRACT < into) {
      into = t + NO_ABSTRACT;
      from = T;
    }
    back[k * 3 + T] = from;
    back[k * 3 + A] = T; // an abstract only right after its title
    back[k * 3 + X] = from;
    const isSentence = sentence[k] === 1;
    a = t + abstractCost(length, isSentence);
    t = into + titleCost(length, isSentence);
    x = into + SKIPPED;
  }
  let state = A;
  let best = a;
  if (x < best) {
    best = x;
    state = X;
  }
  if (t + NO_ABSTRACT < best) state = T;
  for (let k = n - 1; k >= 0; k--) {
    labels[k] = state;
    if (k > 0) state = back[k * 3 + state]!;
  }
  return labels;
}

/** The entries' spans and the warnings that name each odd line and its paper. */
function pairEntries(text: ScanText, starts: readonly number[], ends: readonly number[], nos: readonly number[]): { spans: number[]; warnings: string[] } {
  const n = starts.length;
  const lengths = new Int32Array(n);
  const sentence = new Uint8Array(n);
  // Real digests alternate short lines that are no sentence with long ones: then the cheapest
  // reading is that alternation (it costs nothing, any other reading something), without the search.
  let plain = n % 2 === 0;
  for (let k = 0; k < n; k++) {
    lengths[k] = ends[k]! - starts[k]!;
    if (text.charCodeAt(ends[k]! - 1) === 46) sentence[k] = 1;
    if (plain) plain = k % 2 === 0 ? lengths[k]! <= TITLE_MAX && sentence[k] === 0 : lengths[k]! >= ABSTRACT_MIN;
  }
  const labels = plain ? lengths.map((_, k) => k % 2) : labelEntryLines(lengths, sentence);
  const spans: number[] = [];
  const warnings: string[] = [];
  const lineText = (k: number) => text.slice(starts[k]!, ends[k]!);
  for (let k = 0; k < n; k++) {
    const length = lengths[k]!;
    if (labels[k] === X) {
      warnings.push(`line ${nos[k]}: skipped text that follows no title: "${preview(lineText(k))}"`);
      continue;
    }
    if (labels[k] !== T) continue;
    if (length > TITLE_MAX) warnings.push(`line ${nos[k]}: unusually long title (${length} characters): "${preview(lineText(k))}"`);
    if (k + 1 < n && labels[k + 1] === A) {
      const abstractLength = lengths[k + 1]!;
      if (abstractLength < PROSE_MIN) {
        warnings.push(`line ${nos[k + 1]}: unusually short abstract (${abstractLength} characters) of "${preview(lineText(k))}"`);
      }
      spans.push(starts[k]!, ends[k]!, starts[k + 1]!, ends[k + 1]!);
    } else {
      warnings.push(`line ${nos[k]}: ${k + 1 < n ? 'title' : 'last title'} has no abstract: "${preview(lineText(k))}"`);
      spans.push(starts[k]!, ends[k]!, -1, -1);
    }
  }
  return { spans, warnings };
}

/** Shortest abstract line that counts as prose; real abstracts run well past 300 characters. */
const PROSE_MIN = 100;

function hasProse(spans: readonly number[]): boolean {
  for (let k = 0; k < spans.length; k += 4) if (spans[k + 2]! >= 0 && spans[k + 3]! - spans[k + 2]! >= PROSE_MIN) return true;
  return false;
}

// A slice of a string is, in V8, a view that keeps the whole string alive, and a string with one
// character above U+00FF anywhere is stored two bytes per character throughout. Papers outlive their
// file's text, so each part is copied into a string of its own, one byte per character when its own
// characters allow (measured: 100,000 papers took ~500-640 MB RSS with slices, see README).
const NOT_LATIN1 = /[^\u0000-\u00ff]/;
let scratch = Buffer.allocUnsafe(1 << 16);

/** A copy of `s` that shares no storage with any other string, as compact as its characters allow. */
export function ownedString(s: string): string {
  const latin1 = !NOT_LATIN1.test(s);
  const need = latin1 ? s.length : s.length * 2;
  if (scratch.length < need) scratch = Buffer.allocUnsafe(Math.max(need, scratch.length * 2));
  const encoding = latin1 ? 'latin1' : 'utf16le';
  const n = scratch.write(s, 0, encoding);
  return scratch.toString(encoding, 0, n);
}

/**
 * A digest's text as digestFromLayout reads it: its length and copies of its parts. Either a decoded
 * string, or (for a pure-ASCII file, the common case) the file's bytes themselves, whose offsets are
 * the text's: a part is then decoded straight from the bytes and the whole text is never made.
 */
export interface DigestText {
  readonly length: number;
  part(start: number, end: number): string;
}

/** The parts of a decoded text, each copied out (ownedString). */
export function stringText(text: string): DigestText {
  return { length: text.length, part: (start, end) => ownedString(text.slice(start, end)) };
}

/**
 * The parts of pure-ASCII bytes, decoded one by one; null unless every byte is ASCII (a BOM is not).
 * The bytes must stay unchanged while the parts are taken.
 */
export function asciiText(bytes: Uint8Array): DigestText | null {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isAscii(body)) return null;
  return { length: body.length, part: (start, end) => body.toString('latin1', start, end) };
}

/**
 * The digest a layout describes; `text` must be the very text the layout was scanned from (or its
 * DigestText). A cache passes the entries' ids along, so that they are built whole rather
 * than grown.
 */
export function digestFromLayout(
  text: string | DigestText,
  file: string,
  layout: DigestLayout,
  derived?: { ids: string[] },
  mtimeMs: number = Date.now(),
): Digest {
  const date = layout.date === null ? null : ownedString(layout.date);
  const warnings = layout.warnings.map(ownedString);
  const { spans } = layout;
  const source = typeof text === 'string' ? stringText(text) : text;
  const entries: DigestEntry[] = [];
  for (let k = 0; k < spans.length; k += 4) {
    const a = spans[k + 2]!;
    const title = source.part(spans[k]!, spans[k + 1]!);
    const abstract = a < 0 ? '' : source.part(a, spans[k + 3]!);
    const rank = entries.length;
    entries.push(derived ? { title, abstract, rank, id: derived.ids[rank] } : { title, abstract, rank });
  }
  const { day, inferred, label, order } = digestDay(date, file, mtimeMs);
  return { file, date, day, inferred, label, order, entries, warnings };
}

/**
 * Parses one digest's text (see scanDigest). `mtimeMs`, the file's modification time, dates it when
 * its date line has no year (or it has no date line). Throws DigestError when no entry is found.
 */
export function parseDigest(text: string, file: string, mtimeMs: number = Date.now()): Digest {
  return digestFromLayout(text, file, scanDigest(text), undefined, mtimeMs);
}
