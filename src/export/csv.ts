import type { Paper } from '../core/types.js';
import type { Marks } from '../state/types.js';

export const CSV_COLUMNS = ['id', 'title', 'dates', 'links', 'read', 'starred', 'abstract'] as const;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled. A field a
 * spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe, as spreadsheets
 * themselves write it; digest text is untrusted.
 */
export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
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
