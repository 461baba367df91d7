import { cacheDirFromEnv } from '../core/cache.js';
import { startLibraryLoad } from '../core/library-load.js';
import { defaultPaths } from '../core/load.js';
import type { Io } from '../cli/io.js';
import { FatalError } from '../cli/errors.js';
import { openStateStore, readMarks } from '../state/store.js';
import { DeferredStore } from './reader/deferred-store.js';
import { loadInBackground, snapshotOf } from './reader/live-library.js';
import { keysUntil, openReader } from './open-reader.js';
import { wantsColor } from './theme.js';

export interface ReaderCommandOptions {
  noColor: boolean;
  /** Where marks are kept (stateDirFromArgs: --state-dir, $PAPERTERM_STATE_DIR or the default). */
  stateDir: string;
  /** Start with this search applied. */
  query?: string;
}

/** Papers read before the first frame: more than any screen shows, from the newest digests. */
const FIRST_SCREEN_PAPERS = 200;
/** Libraries up to this size (a few weeks of digests) are read whole before the first frame: no loading step. */
const READ_WHOLE_BYTES = 4 << 20;

/**
 * `paperterm [PATH...]` on a terminal: read the newest digests, open the marks, hand the screen to
 * the reader, and read the rest of a large library while it runs.
 */
export async function readerCommand(paths: readonly string[], options: ReaderCommandOptions, io: Io): Promise<number> {
  // React's development build checks every render and is several times slower; users get the
  // production build unless they ask otherwise. It must be chosen before React is first loaded.
  process.env.NODE_ENV ??= 'production';
  // Asked for first, so that the module files are read while the newest digests are (and the first
  // screen drawn: nothing of them runs before this function waits for them).
  const starting = import('./start.js');
  starting.catch(() => {}); // awaited below, unless no digest loads at all
  const load = startLibraryLoad(paths.length ? paths : defaultPaths(io.env), { cacheDir: cacheDirFromEnv(io.env) });
  const whole = load.totalBytes <= READ_WHOLE_BYTES;
  while (!load.done && (whole || load.digestCount === 0 || load.papers().length < FIRST_SCREEN_PAPERS)) load.step(0);
  if (load.done && load.digestCount === 0) {
    // Nothing to show: the problems explain why (on the reader's screen they would go unseen).
    for (const e of load.errors) io.err(`paperterm: ${e.message}\n`);
    for (const w of load.warnings) io.err(`paperterm: warning: ${w.message}\n`);
    throw new FatalError('no digests loaded', 2);
  }
  // Problems go to the reader's status line: stderr would be hidden behind the full screen.
  const first = snapshotOf(load);
  // The first frame needs the marks, not the writable store (conf is slow to load): see DeferredStore.
  const store = new DeferredStore(readMarks(options.stateDir));
  const openStore = () => openStateStore({ dir: options.stateDir });
  const growing = load.done ? undefined : loadInBackground(load);
  // The first screen is drawn now, while React and Ink (most of a second) are still loading.
  const opened = openReader(
    {
      papers: first.papers,
      dates: first.dates,
      store,
      query: options.query,
      notices: first.notice === undefined ? [] : [first.notice],
      ...(first.loading === null ? {} : { loading: first.loading }),
    },
    { color: wantsColor(io.env, options.noColor) },
  );
  try {
    const ready = await keysUntil(opened, starting);
    if (ready === 'quit') {
      // Quit before Ink was even loaded: marks made meanwhile are saved all the same.
      growing?.stop();
      opened.close();
      store.attach(await openStore());
      return 0;
    }
    return await ready.runReader(opened, { store, openStore, growing });
  } catch (err) {
    opened.close();
    throw err;
  }
}
