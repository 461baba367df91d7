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

// Titles in real digests stay under ~200 characters and abstracts run well over 300; these bounds
// let a missing abstract in the middle of a file be noticed instead of shifting every later entry.
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
  let body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  return body.toString(isAscii(body) ? 'latin1' : 'utf8');
}

function looksLikeTitle(length: number): boolean {
  return length <= TITLE_MAX;
}

function looksLikeAbstract(length: number): boolean {
  return length >= ABSTRACT_MIN;
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

// Code units that are never whitespace, so a line bounded by them needs no trim().
function plainAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c > 32 && c < 127;
}

/**
 * Finds the entries of one digest's text. Tolerates CRLF, a BOM, trailing spaces, any number of
 * blank lines, and both known layouts. Throws DigestError when no entry is found.
 */
export function scanDigest(text: string): DigestLayout {
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
  // Line breaks are \r\n, \r or \n, as in text.split(/\r\n|\r|\n/).
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let nextLf = text.indexOf('\n', pos);
  let nextCr = text.indexOf('\r', pos);
  for (let no = 1; ; no++) {
    if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
    if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
    const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
    addLine(pos, end === -1 ? text.length : end, no);
    if (end === -1) break;
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  const lineText = (k: number) => text.slice(starts[k], ends[k]);
  const lengthOf = (k: number) => ends[k]! - starts[k]!;

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

  const spans: number[] = [];
  const warnings: string[] = [];
  while (i < starts.length) {
    const hasNext = i + 1 < starts.length;
    const hasAfter = i + 2 < starts.length;
    if (!hasNext) {
      warnings.push(`line ${nos[i]}: last title has no abstract: "${lineText(i)}"`);
      spans.push(starts[i]!, ends[i]!, -1, -1);
      i += 1;
      continue;
    }
    const title = lengthOf(i);
    const next = lengthOf(i + 1);
    if (looksLikeTitle(next) && !looksLikeAbstract(title) && hasAfter && looksLikeAbstract(lengthOf(i + 2)) && looksLikeTitle(title)) {
      // Two short lines in a row followed by a long one: the first title lost its abstract.
      warnings.push(`line ${nos[i]}: title has no abstract: "${lineText(i)}"`);
      spans.push(starts[i]!, ends[i]!, -1, -1);
      i += 1;
      continue;
    }
    spans.push(starts[i]!, ends[i]!, starts[i + 1]!, ends[i + 1]!);
    i += 2;
  }

  if (spans.length === 0) throw new DigestError('no paper entries found');
  if (spans.length >= 8 && !hasProse(spans)) {
    // Any text file alternates lines; a digest's abstracts are prose. Without one this is some
    // other file (a README, a JSON file) named by mistake, and its lines are not papers.
    throw new DigestError('no paper entries found (no line reads like an abstract)');
  }
  return { date, spans, warnings };
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
 * DigestText). A cache
 * passes the entries' ids and links along, so that they are built whole rather than grown.
 */
export function digestFromLayout(
  text: string | DigestText,
  file: string,
  layout: DigestLayout,
  derived?: { ids: string[]; links: string[][] },
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
    entries.push(derived ? { title, abstract, rank, id: derived.ids[rank], links: derived.links[rank] } : { title, abstract, rank });
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
