import { terminalLine } from '../core/terminal-text.js';
import type { Paper } from '../core/types.js';
import type { Marks } from '../state/types.js';

export const CSV_COLUMNS = ['id', 'title', 'dates', 'links', 'read', 'starred', 'abstract'] as const;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled. Digest text
 * is untrusted: it is made terminal-safe (escape sequences removed, controls in caret notation, as
 * everywhere paperterm prints it; digest lines hold no line breaks), and a field a spreadsheet would
 * run as a formula (=, +, -, @ first) gets a leading apostrophe, as spreadsheets write it themselves.
 */
export function csvField(value: string): string {
  const safe = terminalLine(value);
  const text = /^[=+\-@]/.test(safe) ? `'${safe}` : safe;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CRLF-terminated records, header first; dates joined by "; ", links by spaces. */
export function csvDocument(papers: readonly Paper[], marksOf: (p: Paper) => Marks): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const p of papers) {
    const m = marksOf(p);
    rows.push(
      [p.id, p.title, p.dates.join('; '), p.links.join(' '), String(m.read), String(m.starred), p.abstract].map(csvField).join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
