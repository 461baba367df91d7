import { INFERRED_MARK, isInferredLabel } from '../core/digest-date.js';
import { digestCount } from '../core/paper-order.js';
import { terminalLine } from '../core/terminal-text.js';
import type { Paper } from '../core/types.js';

/** The newest digest's full date, `2025-03-18`, with a `?` when it was inferred from a file's time. */
export function newestDay(p: Paper): string {
  const day = p.days[0] ?? '';
  return isInferredLabel(p.dates[0] ?? '') ? `${day}${INFERRED_MARK}` : day;
}

/**
 * One line a paper, columns split by two spaces so `awk '{print $1}'` gives the id: id, marks, how
 * many digests it was in, the newest digest's date, the title. The title (digest text) is made one
 * safe line (terminalLine) here; the whole output passes the Io boundary besides.
 */
export function formatPaperLines(papers: readonly Paper[], marks?: (p: Paper) => string): string {
  if (papers.length === 0) return '';
  let dateWidth = 0;
  let countWidth = 0;
  for (const p of papers) {
    dateWidth = Math.max(dateWidth, newestDay(p).length);
    countWidth = Math.max(countWidth, String(digestCount(p)).length);
  }
  return papers
    .map((p) => {
      const date = newestDay(p).padEnd(dateWidth);
      const mark = marks ? `${marks(p)}  ` : '';
      const count = String(digestCount(p)).padStart(countWidth);
      return `${p.id}  ${mark}${count}  ${date}  ${terminalLine(p.title)}\n`;
    })
    .join('');
}

export function paperJson(p: Paper, extra: Record<string, unknown> = {}): Record<string, unknown> {
  // `date`: the newest digest's full date (ISO), `label`: that digest's date as written (or as
  // inferred, `Mar 18?`); `days` are the full dates of `dates`, in the same order.
  const [date = null, label = null] = [p.days[0], p.dates[0]];
  return { id: p.id, title: p.title, date, label, abstract: p.abstract, dates: p.dates, days: p.days, sources: p.sources, links: p.links, ...extra };
}
