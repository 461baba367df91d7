import { parseCommandArgs } from '../args.js';
import { formatPaperLines, paperJson } from '../format.js';
import type { Io } from '../io.js';
import { loadOrFail } from '../load-or-fail.js';

export const LIST_HELP = `paperterm list [PATH...] [--json]
  Print the merged papers, newest digest first: id, newest date, title.
  --json   one JSON array of {id, title, abstract, dates, sources, links}`;

export function listCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  const { papers } = loadOrFail(positionals, io);
  if (values.json) io.out(`${JSON.stringify(papers.map((p) => paperJson(p)), null, 2)}\n`);
  else io.out(formatPaperLines(papers));
  return 0;
}
