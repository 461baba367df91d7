import { terminalLine } from '../../core/terminal-text.js';
import type { Paper } from '../../core/types.js';
import { stateDir } from '../../state/location.js';
import { readSeen, unseenIds } from '../../state/seen.js';
import { openStateStore, readMarks, type StateStore } from '../../state/store.js';
import { marksOf, type MarkMap } from '../../state/types.js';
import type { OptionSpec, Parsed } from '../args.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

/** Spread into any command's parseCommandArgs options: every command accepts --state-dir. */
export const STATE_OPTIONS = {
  'state-dir': { type: 'string' },
} as const satisfies OptionSpec;

export const STATE_HELP = `--state-dir DIR   keep read/starred marks in DIR (default: $PAPERTERM_STATE_DIR,
                    else the per-user config directory, e.g. ~/.config/paperterm)`;

export function stateDirFromArgs(values: Parsed['values'], io: Io): string {
  const flag = values['state-dir'];
  if (flag === '') throw new UsageError('--state-dir needs a directory');
  return stateDir(typeof flag === 'string' ? flag : undefined, io.env);
}

function warn(io: Io, warnings: readonly string[]): void {
  for (const w of warnings) io.err(`paperterm: warning: ${terminalLine(w)}\n`);
}

/** The ids of `papers` the reader has not seen yet (list --new); reads seen.json, never writes it. */
export function newPaperIds(papers: readonly Paper[], values: Parsed['values'], io: Io): Set<string> {
  const seen = readSeen(stateDirFromArgs(values, io));
  warn(io, seen.warnings);
  return unseenIds(seen, papers.map((p) => p.id));
}

/** Marks for a command that only shows them (list, search); problems become warnings, never failures. */
export function readMarksForCli(values: Parsed['values'], io: Io): MarkMap {
  const state = readMarks(stateDirFromArgs(values, io));
  warn(io, state.warnings);
  return state.marks;
}

/**
 * The writable store for a command that changes marks. Its warnings are left for the caller: a
 * script is told in one error line, not a warning about a session, when marks cannot be saved.
 */
export async function openStoreForCli(values: Parsed['values'], io: Io): Promise<StateStore> {
  return openStateStore({ dir: stateDirFromArgs(values, io), checkWritable: false });
}

export function printStoreWarnings(store: StateStore, io: Io): void {
  warn(
    io,
    store
      .takeWarnings()
      .filter((w) => w.kind === 'moved-aside' || w.kind === 'malformed')
      .map((w) => w.message),
  );
}

/** The `read` and `starred` fields every JSON paper object carries (list, search). */
export function markJson(marks: MarkMap, id: string): { read: boolean; starred: boolean } {
  const m = marksOf(marks, id);
  return { read: m.read, starred: m.starred };
}

/** Plain-output marker column: `N` unread (new), `*` starred; always two characters wide. */
export function markColumn(marks: MarkMap, id: string): string {
  const m = marksOf(marks, id);
  return `${m.read ? ' ' : 'N'}${m.starred ? '*' : ' '}`;
}
