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

/** Larger is newer. Year-less dates compare within a year; undated digests sort after dated ones. */
export function digestOrderKey(date: string | null): number {
  const d = date ? parseDate(date) : null;
  if (!d) return -1;
  return (d.year ?? 0) * 10_000 + d.month * 100 + d.day;
}

export function labelFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]*$/, '') || base;
}

/** Decodes a file's bytes as digest text, refusing what is clearly not one. */
export function decodeDigestBytes(bytes: Uint8Array): string {
  if (bytes.subarray(0, 8192).includes(0)) throw new DigestError('binary file, not a text digest');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DigestError('not valid UTF-8 text');
  }
}

function looksLikeTitle(line: string): boolean {
  return line.length <= TITLE_MAX;
}

function looksLikeAbstract(line: string): boolean {
  return line.length >= ABSTRACT_MIN;
}

/**
 * Parses one digest's text. Tolerates CRLF, a BOM, trailing spaces, any number of blank lines, and
 * both known layouts. Throws DigestError when no entry is found.
 */
export function parseDigest(text: string, file: string): Digest {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const raw = text.split(/\r\n|\r|\n/);
  const lines: { text: string; no: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!.trim();
    if (t) lines.push({ text: t, no: i + 1 });
  }

  let i = 0;
  let date: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (HEADER_LINES.some((re) => re.test(line.text))) continue;
    if (GLUED_SUBSCRIBE.test(line.text)) {
      lines[i] = { ...line, text: line.text.replace(GLUED_SUBSCRIBE, '') };
      break;
    }
    if (date === null && parseDate(line.text)) {
      date = line.text.replace(/\s+/g, ' ');
      continue;
    }
    break;
  }

  const entries: DigestEntry[] = [];
  const warnings: string[] = [];
  while (i < lines.length) {
    const title = lines[i]!;
    const next = lines[i + 1];
    const after = lines[i + 2];
    if (!next) {
      warnings.push(`line ${title.no}: last title has no abstract: "${title.text}"`);
      entries.push({ title: title.text, abstract: '', rank: entries.length });
      i += 1;
      continue;
    }
    if (looksLikeTitle(next.text) && !looksLikeAbstract(title.text) && after && looksLikeAbstract(after.text) && looksLikeTitle(title.text)) {
      // Two short lines in a row followed by a long one: the first title lost its abstract.
      warnings.push(`line ${title.no}: title has no abstract: "${title.text}"`);
      entries.push({ title: title.text, abstract: '', rank: entries.length });
      i += 1;
      continue;
    }
    entries.push({ title: title.text, abstract: next.text, rank: entries.length });
    i += 2;
  }

  if (entries.length === 0) throw new DigestError('no paper entries found');
  return { file, date, label: date ?? labelFromFile(file), order: digestOrderKey(date), entries, warnings };
}
