import { cacheDirFromEnv } from '../../core/cache.js';
import { startLibraryLoad } from '../../core/library-load.js';
import { defaultPaths } from '../../core/load.js';
import { cachedIndexMatches, indexCacheKey } from '../../search/index-cache.js';
import { openStateStore, readMarks } from '../../state/store.js';
import { openTerminal } from '../../ui/app/open-terminal.js';
import { searchHistoryIn } from '../../ui/app/search-history.js';
import { hyperlinksWanted } from '../../ui/terminal/osc.js';
import { DeferredStore } from '../../ui/reader/deferred-store.js';
import { loadInBackground, snapshotOf } from '../../ui/reader/live-library.js';
import { wantsColor } from '../../ui/view/color.js';
import { mark } from '../../core/timeline.js';
import { FatalError } from '../errors.js';
import type { Io } from '../io.js';

export interface ReaderCommandOptions {
  noColor: boolean;
  /** --no-mouse: no mouse reporting asked of the terminal. */
  noMouse?: boolean;
  /** Links as plain text, not OSC 8 hyperlinks (also with TERM=dumb). */
  noHyperlinks?: boolean;
  /** Where marks are kept (stateDirFromArgs: --state-dir, $PAPERTERM_STATE_DIR or the default). */
  stateDir: string;
  /** Start with this search applied. */
  query?: string;
}

/** Papers read before the first frame: more than any screen shows, from the newest digests. */
const FIRST_SCREEN_PAPERS = 200;
/** Libraries up to this size (a few weeks of digests) are read whole before the first frame: no loading step. */
export const READ_WHOLE_BYTES = 4 << 20;

/**
 * `paperterm [PATH...]` on a terminal: take the terminal, read the newest digests, open the marks,
 * hand the screen to the reader, and read the rest of a large library while it runs.
 */
export async function readerCommand(paths: readonly string[], options: ReaderCommandOptions, io: Io): Promise<number> {
  // First thing: raw mode and the alternate screen, so nothing typed from here on is echoed onto
  // the shell's screen; keys are read (and kept) from now on.
  mark('bundle loaded');
  const terminal = openTerminal({}, { mouse: !options.noMouse });
  // Asked for now, so that the UI modules are read while the newest digests are.
  const running = import('../../ui/app/run.js');
  running.catch(() => {}); // awaited below, unless no digest loads at all
  try {
    const opened = paths.length ? paths : defaultPaths(io.env);
    // The reader keeps running: new cache records are written after its first answer (cacheLibrary
    // below), off the main thread, not in the load's way.
    const load = startLibraryLoad(opened, { cacheDir: cacheDirFromEnv(io.env), writeCacheInBackground: true, holdCacheRecords: true });
    const whole = load.totalBytes <= READ_WHOLE_BYTES;
    // A search given at launch is run before the first frame (Session.indexNow) in a library read
    // whole: its engine is read meanwhile too. A larger one answers from a scan while loading and
    // builds its index only after, so reading the engine now would only take the load's time.
    if (whole && options.query?.trim()) import('../../search/engine.js').catch(() => {});
    while (!load.done && (whole || load.digestCount === 0 || load.papers().length < FIRST_SCREEN_PAPERS)) load.step(0);
    if (load.done && load.digestCount === 0) {
      // Nothing to show: the problems explain why (on the reader's screen they would go unseen).
      terminal.close();
      for (const e of load.errors) io.err(`paperterm: ${e.message}\n`);
      for (const w of load.warnings) io.err(`paperterm: warning: ${w.message}\n`);
      throw new FatalError('no digests loaded', 2);
    }
    // Problems go to the reader's status line: stderr would be hidden behind the full screen.
    const first = snapshotOf(load);
    mark('first papers');
    mark(`read from ${load.readFrom}`);
    // The first frame needs the marks, not the writable store (conf is slow to load): see DeferredStore.
    const store = new DeferredStore(readMarks(options.stateDir));
    const openStore = () => openStateStore({ dir: options.stateDir });
    const growing = load.done ? undefined : loadInBackground(load);
    const { runReader } = await running;
    mark('UI modules loaded');
    // The first index build covers exactly the files loaded, keyed as `paperterm search` keys them,
    // so both share one cached index. Later builds (digests arriving live) cover files the key does
    // not name: they are not cached.
    let indexKeyed = false;
    const searchCache = () => {
      if (indexKeyed) return null;
      indexKeyed = true;
      return indexCacheKey(cacheDirFromEnv(io.env), load.digestFiles(), load.signatures());
    };
    return await runReader(
      terminal,
      {
        papers: first.papers,
        days: first.days,
        store,
        query: options.query,
        history: searchHistoryIn(options.stateDir),
        searchCache,
        // Asked while loading: is there an index for the whole library as found (every digest loading)?
        indexCached: () => {
          const key = indexCacheKey(cacheDirFromEnv(io.env), load.found, load.signatures());
          return key !== null && cachedIndexMatches(key);
        },
        libraryCached: load.readFrom === 'cache',
        notices: first.notice === undefined ? [] : [first.notice],
        ...(first.loading === null ? {} : { loading: first.loading }),
      },
      {
        color: wantsColor(io.env, options.noColor),
        openStore,
        growing,
        // Marked for the bench (PAPERTERM_TIMELINE): a library read from its cache is not written again.
        cacheLibrary: (stop) => void load.storeCache(stop).then(() => load.readFrom !== 'cache' && mark(stop.aborted ? 'library cache stopped' : 'library cache written')),
        // New papers are recorded and digests watched in the state directory and the paths opened.
        stateDir: options.stateDir,
        watch: opened,
        env: io.env,
        hyperlinks: hyperlinksWanted(io.env, options.noHyperlinks),
      },
    );
  } finally {
    terminal.close();
  }
}
