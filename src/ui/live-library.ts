import type { LibraryLoad } from '../core/library-load.js';
import type { Paper } from '../core/types.js';

/** What the reader shows at one moment. */
export interface LibrarySnapshot {
  papers: readonly Paper[];
  /** Share of the digests read, 0 to 1, while loading goes on; null once everything is in. */
  loading: number | null;
}

/** The papers behind the reader, which may still grow while it runs (see useSyncExternalStore). */
export interface LiveLibrary {
  get(): LibrarySnapshot;
  subscribe(listener: () => void): () => void;
  /** Stops any loading still going on (the reader is quitting). */
  stop(): void;
}

export function fixedLibrary(papers: readonly Paper[]): LiveLibrary {
  const snapshot: LibrarySnapshot = { papers, loading: null };
  return { get: () => snapshot, subscribe: () => () => {}, stop() {} };
}

export interface BackgroundOptions {
  /** Reading per turn of the event loop: a key waits at most about this long for its frame. */
  sliceMs?: number;
  /** How often the reader is given the papers so far (each time costs it a frame). */
  publishMs?: number;
  /** Called once when everything is read (not when stopped). */
  onDone?(): void;
}

/**
 * Reads the rest of `load` in short slices between turns of the event loop, so keys and frames are
 * handled in between, and hands the reader the papers so far every `publishMs`.
 */
export function loadInBackground(load: LibraryLoad, options: BackgroundOptions = {}): LiveLibrary {
  const { sliceMs = 8, publishMs = 150, onDone } = options;
  const listeners = new Set<() => void>();
  let snapshot: LibrarySnapshot = { papers: load.papers(), loading: load.done ? null : load.progress() };
  let lastPublish = performance.now();
  let timer: NodeJS.Immediate | undefined;

  const publish = () => {
    snapshot = { papers: load.papers(), loading: load.done ? null : load.progress() };
    lastPublish = performance.now();
    for (const l of listeners) l();
  };
  const tick = () => {
    timer = undefined;
    const done = load.step(sliceMs);
    if (done || performance.now() - lastPublish >= publishMs) publish();
    if (done) onDone?.();
    else timer = setImmediate(tick);
  };
  if (load.done) onDone?.();
  else timer = setImmediate(tick);

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
