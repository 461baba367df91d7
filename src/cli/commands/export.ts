import type { LoadedDigest } from '../../core/library-load.js';
import type { Paper } from '../../core/types.js';
import { EXPORT_FORMATS, exportDocument, type ExportFormat } from '../../export/formats.js';
import { cacheDirFromEnv } from '../../core/cache.js';
import { createSearchEngine, indexCacheKey } from '../../search/engine.js';
import { marksOf } from '../../state/types.js';
import { parseCommandArgs } from '../args.js';
import { FatalError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { loadPapersOrFail } from '../load-or-fail.js';
import { writeOutput } from '../output.js';
import { nearest } from '../suggest.js';
import { readMarksForCli, STATE_OPTIONS } from './state-opts.js';

export const EXPORT_HELP = `paperterm export [PATH...] [--starred|--unread|--all] [--date DATE] [--query Q]
                 --format markdown|json|bibtex|csv [-o FILE]
  Write papers as a Markdown reading list, one JSON array, BibTeX @misc entries or RFC 4180 CSV.
  --all          every paper (the default)    --starred / --unread   only those (both: both)
  --date DATE    only papers in that digest: its date as written ("Mar 18") or in full (2025-03-18)
  --query Q      only papers matching Q (as paperterm search), best match first
  -f, --format   markdown, json, bibtex or csv; guessed from -o's extension (.md .json .bib .csv)
  -o, --output FILE  write FILE atomically (all or nothing) instead of stdout
  Exit code 1, and nothing written, when no paper is selected.`;

const BY_EXTENSION: Record<string, ExportFormat> = { md: 'markdown', markdown: 'markdown', json: 'json', bib: 'bibtex', csv: 'csv' };

function chooseFormat(flag: unknown, output: string | undefined): ExportFormat {
  if (typeof flag === 'string') {
    const format = EXPORT_FORMATS.find((f) => f === flag.toLowerCase()) ?? (flag.toLowerCase() === 'md' ? 'markdown' : undefined);
    if (format) return format;
    const near = nearest(flag, EXPORT_FORMATS);
    throw new UsageError(`unknown --format '${flag}'${near ? `; did you mean \`${near}\`?` : ` (use ${EXPORT_FORMATS.join(', ')})`}`);
  }
  const ext = output?.match(/\.([^./\\]+)$/)?.[1]?.toLowerCase();
  const guessed = ext !== undefined ? BY_EXTENSION[ext] : undefined;
  if (guessed) return guessed;
  throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')}`);
}

const normalLabel = (label: string) => label.replace(/\s+/g, ' ').trim().toLowerCase();
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** --date matched nothing: the nearest of `dates` offered, or all of them. */
function noDigest(given: string, dates: readonly string[]): FatalError {
  const near = nearest(given, dates);
  return new FatalError(`no digest dated '${given}'${near ? `; did you mean '${near}'?` : ` (loaded: ${dates.join(', ')})`}`, 2);
}

/**
 * The digest day --date names: a full date (2025-03-18), or a label as the digests write it
 * ("Mar 18"). A label two years share names two days: the full date is asked for then.
 */
function chosenDay(given: string, digests: readonly LoadedDigest[]): string {
  const want = given.trim();
  if (ISO_DAY.test(want)) {
    if (digests.some((d) => d.day === want)) return want;
    throw noDigest(given, [...new Set(digests.map((d) => d.day))].sort().reverse());
  }
  const labels = [...new Set(digests.map((d) => d.label))];
  const label = labels.find((l) => normalLabel(l) === normalLabel(want));
  if (label === undefined) throw noDigest(given, labels);
  const days = [...new Set(digests.filter((d) => d.label === label).map((d) => d.day))].sort().reverse();
  if (days.length > 1) throw new FatalError(`'${given}' is the date of digests of ${days.length} days (${days.join(', ')}): give the full date, e.g. --date ${days[0]}`, 2);
  return days[0]!;
}

export function exportCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs(argv, {
    starred: { type: 'boolean' },
    unread: { type: 'boolean' },
    all: { type: 'boolean' },
    date: { type: 'string' },
    query: { type: 'string' },
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    ...STATE_OPTIONS,
  });
  if (values.all && (values.starred || values.unread)) throw new UsageError('--all cannot be combined with --starred or --unread');
  const output = typeof values.output === 'string' ? values.output : undefined;
  if (output === '') throw new UsageError('--output needs a file name');
  const format = chooseFormat(values.format, output);

  const { papers: all, digests, signatures } = loadPapersOrFail(positionals, io);
  let papers: readonly Paper[] = all;
  if (typeof values.date === 'string') {
    const day = chosenDay(values.date, digests);
    papers = papers.filter((p) => p.days.includes(day));
  }
  const marks = readMarksForCli(values, io);
  papers = papers.filter((p) => {
    const m = marksOf(marks, p.id);
    return (!values.unread || !m.read) && (!values.starred || m.starred);
  });
  if (typeof values.query === 'string' && values.query.trim() !== '') {
    // Searched over the whole library, so its cached index serves (scores are per paper and ties
    // keep library order: the same papers in the same order as searching the chosen ones alone).
    const cache = indexCacheKey(cacheDirFromEnv(io.env), digests.map((d) => d.file), signatures);
    const { hits } = createSearchEngine(all, { cache }).search(values.query);
    const chosen = new Set(papers);
    papers = hits.map((h) => all[h.index]!).filter((p) => chosen.has(p));
  }
  if (papers.length === 0) {
    io.err(`paperterm: no papers to export${output && output !== '-' ? `; ${output} left as it was` : ''}\n`);
    return 1;
  }
  writeOutput(io, output, exportDocument(papers, format, (p) => marksOf(marks, p.id)));
  return 0;
}
