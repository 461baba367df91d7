import { parseCommandArgs } from '../args.js';
import { formatPaperLines, paperJson } from '../format.js';
import type { Io } from '../io.js';
import { loadOrFail } from '../load-or-fail.js';
import { markColumn, markJson, readMarksForCli, STATE_OPTIONS } from './state-opts.js';
import { marksOf } from '../../state/types.js';

export const LIST_HELP = `paperterm list [PATH...] [--json] [--unread] [--starred] [--state-dir DIR]
  Print the merged papers, newest digest first: id, marks (N unread, * starred), newest date, title.
  --json      one JSON array of {id, title, abstract, dates, sources, links, read, starred}
  --unread    only papers not marked read
  --starred   only starred papers (with --unread: both)`;

export function listCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    unread: { type: 'boolean' },
    starred: { type: 'boolean' },
    ...STATE_OPTIONS,
  });
  const { papers: all } = loadOrFail(positionals, io);
  const marks = readMarksForCli(values, io);
  const papers = all.filter((p) => {
    const m = marksOf(marks, p.id);
    return (!values.unread || !m.read) && (!values.starred || m.starred);
  });
  if (values.json) io.json(papers.map((p) => paperJson(p, markJson(marks, p.id))));
  else io.out(formatPaperLines(papers, (p) => markColumn(marks, p.id)));
  return 0;
}
