import { cacheDirFromEnv } from '../../core/cache.js';
import { createSearchEngine } from '../../search/engine.js';
import { indexCacheKey } from '../../search/index-cache.js';
import { intOption, parseCommandArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { formatPaperLines, paperJson } from '../format.js';
import type { Io } from '../io.js';
import { loadPapersOrFail } from '../load-or-fail.js';
import { markColumn, markJson, readMarksForCli, STATE_OPTIONS } from './state-opts.js';

export const SEARCH_HELP = `paperterm search QUERY [PATH...] [--limit N] [--json]
  Search titles, abstracts and digest dates; best match first, same columns as list.
  Exit code 1 when nothing matches. Quote the query: 'diffusion !video'.
  QUERY   words are fuzzy (typos allowed) and must all match; a | b  either;
          'word  exact   ^word  title starts with   word$  title ends with
          =text  the whole title or date   !word  no field contains word
          t: abs: date:  one field only (t:^bev, !t:survey, date:mar 17)
          "a b"  keep a space inside one pattern
  --limit N  at most N papers
  --json     a JSON array like list --json (with read/starred), each paper with its "score" (0 = perfect)`;

export function searchCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, limit: { type: 'string' }, ...STATE_OPTIONS });
  const limit = intOption(values.limit, 'limit', 1);
  const [query, ...paths] = positionals;
  if (query === undefined) throw new UsageError('search needs a QUERY');
  const { papers, digests, signatures } = loadPapersOrFail(paths, io);
  const cache = indexCacheKey(cacheDirFromEnv(io.env), digests.map((d) => d.file), signatures);
  const { hits } = createSearchEngine(papers, { cache }).search(query, { limit });
  const marks = readMarksForCli(values, io);
  if (values.json) {
    io.json(hits.map((h) => paperJson(papers[h.index]!, { ...markJson(marks, papers[h.index]!.id), score: h.score })));
  } else {
    io.out(formatPaperLines(hits.map((h) => papers[h.index]!), (p) => markColumn(marks, p.id)));
  }
  return hits.length > 0 ? 0 : 1;
}
