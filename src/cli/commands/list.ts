import { parseCommandArgs } from '../args.js';
import { formatPaperLines, paperJson } from '../format.js';
import type { Io } from '../io.js';
import { loadPapersOrFail } from '../load-or-fail.js';
import { markColumn, markJson, newPaperIds, readMarksForCli, STATE_OPTIONS } from './state-opts.js';
import { marksOf } from '../../state/types.js';
import { isPaperOrder, PAPER_ORDERS, sortPapers } from '../../core/paper-order.js';
import { UsageError } from '../errors.js';

export const LIST_HELP = `paperterm list [PATH...] [--json] [--unread] [--starred] [--new] [--sort ORDER] [--state-dir DIR]
  Print the merged papers: id, marks (N unread, * starred), how many digests it was in, the newest
  digest's date (2025-03-18; 2025-03-18? when inferred from the file's time), title.
  --json      one JSON array of {id, title, date, label, abstract, dates, days, sources, links, read, starred}
  --unread    only papers not marked read
  --starred   only starred papers (with --unread: both)
  --new       only papers new since the reader was last opened (not yet seen by it)
  --sort ORDER  newest (default: newest digest first), recurring (most digests first), title (A-Z)`;

export function listCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    unread: { type: 'boolean' },
    starred: { type: 'boolean' },
    sort: { type: 'string' },
    new: { type: 'boolean' },
    ...STATE_OPTIONS,
  });
  const order = values.sort ?? 'newest';
  if (!isPaperOrder(order)) throw new UsageError(`--sort must be one of ${PAPER_ORDERS.join(', ')}, not '${String(order)}'`);
  const { papers: loaded } = loadPapersOrFail(positionals, io);
  const all = sortPapers(loaded, order);
  const marks = readMarksForCli(values, io);
  const fresh = values.new ? newPaperIds(all, values, io) : null;
  const papers = all.filter((p) => {
    const m = marksOf(marks, p.id);
    return (!values.unread || !m.read) && (!values.starred || m.starred) && (!fresh || fresh.has(p.id));
  });
  if (values.json) io.json(papers.map((p) => paperJson(p, markJson(marks, p.id))));
  else io.out(formatPaperLines(papers, (p) => markColumn(marks, p.id)));
  return 0;
}
