import type { Paper } from '../core/types.js';
import type { Marks } from '../state/types.js';
import { safeJson } from '../core/terminal-text.js';
import { bibtexDocument } from './bibtex.js';
import { csvDocument } from './csv.js';
import { markdownDocument } from './markdown.js';

export const EXPORT_FORMATS = ['markdown', 'json', 'bibtex', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The JSON object of a paper, as list --json and search --json print it. */
export function paperRecord(p: Paper, marks: Marks): Record<string, unknown> {
  // date/label/days as in list --json: the newest digest's ISO date and its label as written.
  const [date = null, label = null] = [p.days[0], p.dates[0]];
  return { id: p.id, title: p.title, date, label, abstract: p.abstract, dates: p.dates, days: p.days, sources: p.sources, links: p.links, read: marks.read, starred: marks.starred };
}

/** The whole document for a format; JSON is one array, exact text with C1 and bidi escaped. */
export function exportDocument(papers: readonly Paper[], format: ExportFormat, marksOf: (p: Paper) => Marks): string {
  switch (format) {
    case 'markdown':
      return markdownDocument(papers, marksOf);
    case 'bibtex':
      return bibtexDocument(papers);
    case 'csv':
      return csvDocument(papers, marksOf);
    case 'json':
      return `${safeJson(papers.map((p) => paperRecord(p, marksOf(p))), 2)}\n`;
  }
}
