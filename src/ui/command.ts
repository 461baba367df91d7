import type { Io } from '../cli/io.js';
import { loadOrFail } from '../cli/load-or-fail.js';
import { openStateStore, readMarks } from '../state/store.js';
import { DeferredStore } from './deferred-store.js';
import { wantsColor } from './theme.js';
import { digestDates } from './views.js';

export interface ReaderCommandOptions {
  noColor: boolean;
  /** Where marks are kept (stateDirFromArgs: --state-dir, $PAPERTERM_STATE_DIR or the default). */
  stateDir: string;
  /** Start with this search applied. */
  query?: string;
}

/** `paperterm [PATH...]` on a terminal: load, open the marks, then hand the screen to the reader. */
export async function readerCommand(paths: readonly string[], options: ReaderCommandOptions, io: Io): Promise<number> {
  // Problems go to the reader's status line: stderr would be hidden behind the full screen.
  const loaded = loadOrFail(paths, io, { quiet: true });
  const problems = [...loaded.errors, ...loaded.warnings].map((p) => p.message);
  const notices =
    problems.length > 1 ? [`${problems[0]} (+${problems.length - 1} more; paperterm list prints them all)`] : problems;
  // The first frame needs the marks, not the writable store (conf is slow to load): see DeferredStore.
  const store = new DeferredStore(readMarks(options.stateDir));
  const openStore = () => openStateStore({ dir: options.stateDir });
  // React's development build checks every render and is several times slower; users get the
  // production build unless they ask otherwise. It must be chosen before React is first loaded.
  process.env.NODE_ENV ??= 'production';
  const { startReader } = await import('./start.js');
  return startReader(
    { papers: loaded.papers, dates: digestDates(loaded.digests), store, query: options.query, notices },
    { color: wantsColor(io.env, options.noColor), openStore },
  );
}
