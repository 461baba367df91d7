import { terminalLine } from '../core/terminal-text.js';
import type { Paper } from '../core/types.js';

/**
 * One line a paper, columns split by two spaces so `awk '{print $1}'` gives the id. The date (an
 * undated digest's file name) and the title are made one safe line each before the date column is
 * measured, so the padding counts what the terminal shows.
 */
export function formatPaperLines(papers: readonly Paper[], marks?: (p: Paper) => string): string {
  if (papers.length === 0) return '';
  const dates = papers.map((p) => terminalLine(p.dates[0] ?? ''));
  const dateWidth = Math.max(...dates.map((d) => d.length));
  return papers
    .map((p, i) => {
      const date = dates[i]!.padEnd(dateWidth);
      const mark = marks ? `${marks(p)}  ` : '';
      return `${p.id}  ${mark}${date}  ${terminalLine(p.title)}\n`;
    })
    .join('');
}

export function paperJson(p: Paper, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: p.id, title: p.title, abstract: p.abstract, dates: p.dates, sources: p.sources, links: p.links, ...extra };
}
