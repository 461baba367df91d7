import type { Paper } from '../core/types.js';

/** One line a paper, columns split by two spaces so `awk '{print $1}'` gives the id. */
export function formatPaperLines(papers: readonly Paper[], marks?: (p: Paper) => string): string {
  if (papers.length === 0) return '';
  const dateWidth = Math.max(...papers.map((p) => (p.dates[0] ?? '').length));
  return papers
    .map((p) => {
      const date = (p.dates[0] ?? '').padEnd(dateWidth);
      const mark = marks ? `${marks(p)}  ` : '';
      return `${p.id}  ${mark}${date}  ${p.title}\n`;
    })
    .join('');
}

export function paperJson(p: Paper, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: p.id, title: p.title, abstract: p.abstract, dates: p.dates, sources: p.sources, links: p.links, ...extra };
}
