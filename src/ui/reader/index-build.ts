import type { Paper } from '../../core/types.js';
import type { createSearchEngineAsync, SearchEngine } from '../../search/engine.js';

/**
 * Builds the search index a slice at a time between key events, so the reader draws and reads keys
 * while it is built; once at a time, and abandoned when the session ends.
 */
export class IndexBuild {
  #building: AbortController | undefined;

  get running(): boolean {
    return this.#building !== undefined;
  }

  /** The engine over `papers`, or undefined when the build was stopped. */
  async run(papers: readonly Paper[], build?: typeof createSearchEngineAsync): Promise<SearchEngine | undefined> {
    if (this.#building) return undefined;
    const building = new AbortController();
    this.#building = building;
    try {
      // Loaded here, not at startup: the engine and Fuse.js take ~50 ms to load, after the first frame.
      const create = build ?? (await import('../../search/engine.js')).createSearchEngineAsync;
      return await create(papers, { signal: building.signal });
    } catch (err) {
      if (building.signal.aborted) return undefined;
      throw err;
    } finally {
      this.#building = undefined;
    }
  }

  stop(): void {
    this.#building?.abort();
  }
}
