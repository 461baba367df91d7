import type { Paper } from '../../core/types.js';
import type { cachedSearchEngine, createSearchEngine, createSearchEngineAsync, IndexCacheKey, SearchEngine } from '../../search/engine.js';

/**
 * Below this many papers the index is built in ~0.2 s (read from the cache in a few ms): a scan's
 * results would only be reordered under the user's eyes a moment later.
 */
export const SCAN_FIRST_PAPERS = 5000;

/**
 * A library still loading is searched as it loads (a scan of the papers read so far that grows with
 * them) when it will reach SCAN_FIRST_PAPERS: estimated from the papers read and the share of its
 * bytes they came from. A smaller one loads in a moment and waits for its index.
 */
export function scansWhileLoading(papersRead: number, loading: number | null): boolean {
  return loading !== null && papersRead >= Math.max(loading, 1e-6) * SCAN_FIRST_PAPERS;
}

/**
 * A search pending at launch (--query, or keys typed before the first frame) waits for the index
 * before the first frame when it is built in a fresh process in about 0.1 s (428 samples: ~100 ms
 * plus ~20 ms for the first search on a loaded 2-core machine; 1,000 papers ~140 ms), or read from
 * the cache (a few ms below SCAN_FIRST_PAPERS): the first frame then shows the results instead of
 * "indexing…" and the results a moment later. Larger libraries draw their first frame first.
 */
export const BUILD_NOW_PAPERS = 1000;

/** Where the library's search index is cached; asked for when the build starts (the library is complete then). */
export type IndexCacheSource = () => IndexCacheKey | null;

/**
 * Builds the search index a slice at a time between key events, so the reader draws and reads keys
 * while it is built; once at a time, and abandoned when the session ends. With a cache key the index
 * is read from the cache (~0.2 s at 100,000 papers) when it checks out, else built and stored there.
 */
export class IndexBuild {
  #building: AbortController | undefined;
  readonly #cache: IndexCacheSource | undefined;
  /** The cache key asked for by `now` but not used there: the next build takes it. */
  #key: IndexCacheKey | null | undefined;

  constructor(cache?: IndexCacheSource) {
    this.#cache = cache;
  }

  get running(): boolean {
    return this.#building !== undefined;
  }

  /**
   * The indexed engine over `papers`, or undefined when the build was stopped. In a large library
   * (SCAN_FIRST_PAPERS) whose index cannot be read from the cache at once, `scan` is first given an
   * engine that answers by scanning the papers (same ranking by kind of match, verbatim words), for
   * the searches typed meanwhile.
   * `build` replaces the whole process (tests).
   */
  async run(papers: readonly Paper[], build?: typeof createSearchEngineAsync, scan?: (engine: SearchEngine) => void): Promise<SearchEngine | undefined> {
    if (this.#building) return undefined;
    const building = new AbortController();
    this.#building = building;
    try {
      if (build) return await build(papers, { signal: building.signal });
      // Loaded here, not at startup: the engine and Fuse.js take ~50 ms to load, after the first frame.
      const { openSearchEngine } = await import('../../search/engine.js');
      if (building.signal.aborted) return undefined;
      const engine = openSearchEngine(papers, { signal: building.signal, cache: this.#takeKey() });
      // A cached index is read faster than one scan at 100,000 papers: then no scan.
      if (scan && !engine.readySoon && papers.length >= SCAN_FIRST_PAPERS) scan(engine);
      return await engine.ready;
    } catch (err) {
      if (building.signal.aborted) return undefined;
      throw err;
    } finally {
      this.#building = undefined;
    }
  }

  /**
   * The indexed engine over `papers` built (or read from the cache) at once, when that takes well
   * under 100 ms (BUILD_NOW_PAPERS), else undefined: `run` then builds it between key events.
   */
  now(papers: readonly Paper[], engines: { createSearchEngine: typeof createSearchEngine; cachedSearchEngine: typeof cachedSearchEngine }): SearchEngine | undefined {
    if (this.#building || papers.length >= SCAN_FIRST_PAPERS) return undefined;
    // Cached after the first frame: the frame waits for the build only.
    if (papers.length < BUILD_NOW_PAPERS) return engines.createSearchEngine(papers, { cache: this.#takeKey(), storeLater: (store) => void setImmediate(store) });
    this.#key ??= this.#cache?.() ?? null;
    const engine = this.#key ? engines.cachedSearchEngine(papers, this.#key) : null;
    if (engine) this.#key = undefined;
    return engine ?? undefined;
  }

  #takeKey(): IndexCacheKey | null {
    const key = this.#key !== undefined ? this.#key : (this.#cache?.() ?? null);
    this.#key = undefined;
    return key;
  }

  stop(): void {
    this.#building?.abort();
  }
}
