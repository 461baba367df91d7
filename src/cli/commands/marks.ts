import { readFileSync } from 'node:fs';
import { cacheDirFromEnv } from '../../core/cache.js';
import { describeFsError } from '../../core/fs-errors.js';
import { defaultPaths, STDIN_PATH } from '../../core/load.js';
import { loadPapers } from '../../core/load-papers.js';
import { readMarks } from '../../state/store.js';
import { decodeMarksFile, encodeMarksFile } from '../../state/transfer.js';
import type { MarkEdit } from '../../state/types.js';
import { parseCommandArgs } from '../args.js';
import { FatalError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { nearest } from '../suggest.js';
import { openStoreForCli, printStoreWarnings, STATE_OPTIONS, stateDirFromArgs } from './state-opts.js';

export const MARKS_HELP = `paperterm marks export [-o FILE] [--state-dir DIR]
paperterm marks import FILE [--digests PATH]... [--state-dir DIR]
  Carry read/starred marks between machines. export writes every mark with the time it last
  changed (JSON, the state file's format; -o writes FILE atomically). import merges FILE (- for
  stdin) into your marks: per paper and mark the newest change wins, an unmark too. It prints each
  mark that changed ("no changes" when none), so importing twice changes nothing the second time.
  Titles are shown for papers in the default digests or --digests PATH.`;

const SUBCOMMANDS = ['export', 'import'];

function verb(edit: MarkEdit): string {
  if (edit.field === 'read') return edit.value ? 'marked read' : 'marked unread';
  return edit.value ? 'starred' : 'unstarred';
}

function exportMarks(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs(argv, { output: { type: 'string', short: 'o' }, ...STATE_OPTIONS });
  if (positionals.length) throw new UsageError(`marks export takes no arguments (write to a file with -o FILE)`);
  const output = typeof values.output === 'string' ? values.output : undefined;
  if (output === '') throw new UsageError('--output needs a file name');
  const state = readMarks(stateDirFromArgs(values, io));
  for (const w of state.warnings) io.err(`paperterm: warning: ${w}\n`);
  // No marks because they could not be read: writing an empty file over a shared one would make
  // the other machine's next sync start from nothing.
  if (state.records.size === 0 && state.warnings.length > 0) throw new FatalError('no marks could be read; nothing written', 2);
  writeOutput(io, output, encodeMarksFile(state.records));
  return 0;
}

function readInput(file: string): string {
  try {
    return readFileSync(file === STDIN_PATH ? 0 : file, 'utf8');
  } catch (err) {
    throw new FatalError(`${file === STDIN_PATH ? 'stdin' : file}: ${describeFsError(err)}; nothing changed`, 2);
  }
}

async function importMarks(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { digests: { type: 'string', multiple: true }, ...STATE_OPTIONS });
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'marks import takes one FILE' : 'marks import needs a FILE (- for stdin)');
  const file = positionals[0]!;
  const name = file === STDIN_PATH ? 'stdin' : file;
  const decoded = decodeMarksFile(readInput(file));
  if (!decoded.ok) throw new FatalError(`${name}: not a paperterm marks file (${decoded.reason}); nothing changed`, 2);
  if (decoded.malformed > 0) io.err(`paperterm: warning: ${name}: ${decoded.malformed} unreadable mark${decoded.malformed === 1 ? '' : 's'} skipped\n`);

  const store = await openStoreForCli(values, io);
  const result = store.importRecords(decoded.records);
  printStoreWarnings(store, io);
  if (!result.saved) throw new FatalError(`${store.saveProblem ?? 'cannot save marks'}; nothing changed`, 1);
  if (result.changed.length === 0) {
    io.out('no changes\n');
    return 0;
  }
  // Titles are a courtesy: the marks may be for papers this machine has no digest of.
  const digests = (values.digests as string[] | undefined) ?? [];
  const papers = loadPapers(digests.length ? digests : defaultPaths(io.env), { cacheDir: cacheDirFromEnv(io.env) }).papers;
  const titles = new Map(papers.map((p) => [p.id, p.title]));
  for (const edit of result.changed) {
    const title = titles.get(edit.id);
    io.out(`${verb(edit)}: ${edit.id}${title !== undefined ? `  ${title}` : ''}\n`);
  }
  return 0;
}

export async function marksCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return exportMarks(rest, io);
  if (sub === 'import') return importMarks(rest, io);
  if (sub === undefined) throw new UsageError('marks needs export or import');
  const near = nearest(sub, SUBCOMMANDS);
  throw new UsageError(`unknown marks command '${sub}'${near ? `; did you mean \`marks ${near}\`?` : ' (use export or import)'}`);
}
