import type { LibraryLoad } from '../../core/library-load.js';
import type { Paper } from '../../core/types.js';
import type { DigestDay } from './views.js';

/** The library as read so far, for the reader (see ReaderSession.libraryGrew). */
export interface LibrarySnapshot {
  /** In library order; papers already handed out keep their place. */
  papers: readonly Paper[];
  /** The digest days, newest first, each once (as views.digestDays). */
  days: readonly DigestDay[];
  /** Share of the digests read, 0 to 1, while loading goes on; null once everything is in. */
  loading: number | null;
  /** The problems found so far as one status line; undefined while there are none. */
  notice: string | undefined;
}

/** A library being read in the background: its latest snapshot, and a call after each new one. */
export interface LiveLibrary {
  get(): LibrarySnapshot;
  subscribe(listener: () => void): () => void;
  /** Stops reading (the reader is quitting). */
  stop(): void;
}

/** Problems found while loading, as the reader's status line shows them: the first, and how many more. */
export function problemNotice(problems: readonly string[]): string | undefined {
  if (problems.length === 0) return undefined;
  return problems.length > 1 ? `${problems[0]} (+${problems.length - 1} more; paperterm list prints them all)` : problems[0];
}

export function snapshotOf(load: LibraryLoad): LibrarySnapshot {
  return {
    papers: load.papers(),
    days: load.days(),
    loading: load.done ? null : load.progress(),
    notice: problemNotice([...load.errors, ...load.warnings].map((p) => p.message)),
  };
}

export interface BackgroundOptions {
  /** Reading per turn of the event loop: a key waits at most about this long for its frame. */
  sliceMs?: number;
  /**
   * How often the reader is given the papers so far. Each time costs it a frame (10-25 ms at
   * 100,000 papers on a loaded 2-core machine, taken from the load): 300 ms keeps the progress
   * moving at ~3 updates a second for ~7% of the load's time (150 ms cost twice that).
   */
  publishMs?: number;
}

/**
 * Reads the rest of `load` in short slices between turns of the event loop, so keys and frames are
 * handled in between, and publishes the library so far every `publishMs` and when it is complete.
 */
export function loadInBackground(load: LibraryLoad, options: BackgroundOptions = {}): LiveLibrary {
  const { sliceMs = 8, publishMs = 300 } = options;
  const listeners = new Set<() => void>();
  let snapshot = snapshotOf(load);
  let lastPublish = performance.now();
  let timer: NodeJS.Immediate | undefined;

  const tick = () => {
    timer = undefined;
    const done = load.step(sliceMs);
    if (done || performance.now() - lastPublish >= publishMs) {
      snapshot = snapshotOf(load);
      lastPublish = performance.now();
      for (const l of listeners) l();
    }
    if (!done) timer = setImmediate(tick);
  };
  if (!load.done) timer = setImmediate(tick);

  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      if (timer) clearImmediate(timer);
      timer = undefined;
    },
  };
}
