import { createSimilarIndex } from '../../search/similar.js';
import { resolveIds } from '../../state/resolve-ids.js';
import { intOption, parseCommandArgs } from '../args.js';
import { FatalError, UsageError } from '../errors.js';
import { formatPaperLines, paperJson } from '../format.js';
import type { Io } from '../io.js';
import { loadPapersOrFail } from '../load-or-fail.js';
import { markColumn, markJson, readMarksForCli, STATE_OPTIONS } from './state-opts.js';

export const SIMILAR_HELP = `paperterm similar ID [PATH...] [--limit N] [--json]
  The papers most like paper ID (its title and abstract words, TF-IDF and cosine; local), most
  similar first, same columns as list. ID as for read. Exit code 1 when none shares a word.
  --limit N  at most N papers (default 10)
  --json     a JSON array like list --json, each paper with its "similarity" (cosine, 0 to 1)`;

const DEFAULT_LIMIT = 10;

export function similarCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, limit: { type: 'string' }, ...STATE_OPTIONS });
  const limit = intOption(values.limit, 'limit', 1) ?? DEFAULT_LIMIT;
  const [id, ...paths] = positionals;
  if (id === undefined) throw new UsageError('similar needs a paper ID');
  const { papers } = loadPapersOrFail(paths, io);
  const resolved = resolveIds(papers, [id]);
  if (resolved.problems.length) throw new FatalError(resolved.problems[0]!, 2);
  const index = papers.indexOf(resolved.papers[0]!);
  const hits = createSimilarIndex(papers).similar(index, limit);
  const marks = readMarksForCli(values, io);
  if (values.json) {
    const rows = hits.map((h) => paperJson(papers[h.index]!, { ...markJson(marks, papers[h.index]!.id), similarity: Number(h.score.toFixed(4)) }));
    io.json(rows);
  } else {
    io.out(formatPaperLines(hits.map((h) => papers[h.index]!), (p) => markColumn(marks, p.id)));
  }
  return hits.length > 0 ? 0 : 1;
}
