// The reader's search index with a cache key: in a large library a search typed before the index
// is ready is answered by a scan at once, and the index's results keep the paper the user moved to
// (or select the new best one when the cursor is still on the first result); a second start reads
// the index from the cache; a small library waits the moment the index takes instead of scanning.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { makeCorpusPapers } from '../bench/corpus.js';
import { createSearchEngine, type IndexCacheKey } from '../src/search/engine.js';
import { BUILD_NOW_PAPERS, SCAN_FIRST_PAPERS } from '../src/ui/reader/index-build.js';
import type { ReaderSession } from '../src/ui/reader/session.js';
import { makeTempDir } from './state-helpers.js';
import { cleanupStores, MEASURE, sampleLibrary, sampleSearchEngine, testSession, turn } from './helpers/session.js';

afterEach(cleanupStores);

const keys = (session: ReaderSession, ...names: string[]) => session.keys(names, MEASURE);
const snap = (s: ReaderSession) => s.getSnapshot();

function cacheKey(): IndexCacheKey {
  const { dir } = makeTempDir();
  return { path: join(dir, 'search-test', 'library.idx'), key: 'library' };
}

/**
 * Event-loop turns until `ready` holds, for at most 20 s: bounded by time, not by a count of
 * turns, since a build on a loaded machine can need more turns than a quiet one.
 */
async function until(ready: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
}

const big = makeCorpusPapers(SCAN_FIRST_PAPERS + 500);
let bigEngine: ReturnType<typeof createSearchEngine> | undefined;
const bigBest = (query: string) => {
  bigEngine ??= createSearchEngine(big);
  return bigEngine.search(query).hits.map((h) => big[h.index]!);
};

describe('the reader index with a cache', { timeout: 30_000 }, () => {
  test('a large library answers from a scan at once, and keeps the paper moved to when the index results come', async () => {
    const key = cacheKey();
    const { session } = await testSession({ papers: big, engine: null, searchCache: () => key });
    keys(session, '/', 'd', 'i', 'f', 'f', 'u', 's', 'i', 'o', 'n', 'enter');
    expect(snap(session).indexing).toBe(true);
    const unsearched = snap(session).list;
    let indexed = false;
    const built = session.buildIndex().then(() => void (indexed = true));
    await until(() => snap(session).list !== unsearched);
    expect(indexed).toBe(false);
    expect(snap(session).list.papers.length).toBeGreaterThan(3);
    keys(session, 'j', 'j');
    const chosen = session.selected!;
    await built;
    await turn();
    expect(snap(session).indexing).toBe(false);
    expect(session.selected).toBe(chosen);
    // The list is now the index's: the papers the indexed engine ranks first, in its order.
    const shown = snap(session).list.papers;
    expect(shown.slice(0, 20)).toEqual(bigBest('diffusion').slice(0, 20));
    expect(existsSync(key.path)).toBe(true);
  });

  test('with the cursor still on the first result, the best result of the index is selected when it comes', async () => {
    const { session } = await testSession({ papers: big, engine: null, searchCache: () => cacheKey(), query: 'diffusion' });
    const unsearched = snap(session).list;
    let indexed = false;
    const built = session.buildIndex().then(() => void (indexed = true));
    await until(() => snap(session).list !== unsearched);
    expect(indexed).toBe(false);
    await built;
    await turn();
    expect(snap(session).nav.cursor).toBe(0);
    expect(session.selected).toBe(bigBest('diffusion')[0]);
  });

  test('a second start reads the cached index (no rebuild) and answers --query from it', async () => {
    const key = cacheKey();
    const first = await testSession({ engine: null, searchCache: () => key });
    await first.session.buildIndex();
    const written = statSync(key.path).mtimeMs;

    const { session } = await testSession({ engine: null, searchCache: () => key, query: 'qwen2.5' });
    expect(snap(session).indexing).toBe(true);
    await session.buildIndex();
    await turn();
    expect(snap(session).list.papers[0]!.title).toBe('Qwen2.5 Technical Report');
    expect(statSync(key.path).mtimeMs).toBe(written);
  });

  test('a small library shows no scan results first: the first results are the index ones', async () => {
    const { session } = await testSession({ engine: null, searchCache: () => cacheKey(), query: 'diffusion' });
    const unsearched = snap(session).list;
    const built = session.buildIndex();
    await until(() => snap(session).list !== unsearched);
    const { papers } = sampleLibrary();
    const best = sampleSearchEngine().search('diffusion', { limit: 5 }).hits.map((h) => papers[h.index]);
    expect(snap(session).list.papers.slice(0, 5)).toEqual(best);
    await built;
  });

  test('--query in a small library: the index is made before the first frame, whose snapshot already shows the results', async () => {
    const key = cacheKey();
    const { session } = await testSession({ engine: null, searchCache: () => key, query: 'diffusion' });
    await session.indexNow();
    // No turn of the event loop: this is what the first frame draws.
    expect(snap(session).indexing).toBe(false);
    const { papers } = sampleLibrary();
    const best = sampleSearchEngine().search('diffusion', { limit: 5 }).hits.map((h) => papers[h.index]);
    expect(snap(session).list.papers.slice(0, 5)).toEqual(best);
    expect(snap(session).nav.cursor).toBe(0);
    // Not written yet: the first frame does not wait for the cache.
    expect(existsSync(key.path)).toBe(false);
    // Built once, cached (a turn later) for the next start; buildIndex after the first frame has nothing left to do.
    await turn();
    const written = statSync(key.path).mtimeMs;
    await session.buildIndex();
    expect(statSync(key.path).mtimeMs).toBe(written);
  });

  test('a search typed before the first frame: the index is made then, and the first frame shows the results and the moves typed after it', async () => {
    const { session } = await testSession({ engine: null, searchCache: () => cacheKey() });
    keys(session, '/', 'q', 'w', 'e', 'n', '2', '.', '5', 'enter', 'j');
    await session.indexNow();
    // No turn of the event loop: this is what the first frame draws.
    expect(snap(session).indexing).toBe(false);
    expect(snap(session).list.papers[0]!.title).toBe('Qwen2.5 Technical Report');
    expect(snap(session).nav.cursor).toBe(1);
  });

  test('without a search at launch nothing is built before the first frame, not even for keys that move', async () => {
    const key = cacheKey();
    const { session } = await testSession({ engine: null, searchCache: () => key });
    keys(session, 'j', 'j');
    await session.indexNow();
    expect(existsSync(key.path)).toBe(false);
    expect(snap(session).nav.cursor).toBe(2);
    await session.buildIndex();
    expect(existsSync(key.path)).toBe(true);
  });

  test('a library too large to index at once keeps its first frame first, unless its index is cached', async () => {
    const mid = makeCorpusPapers(BUILD_NOW_PAPERS + 200);
    const key = cacheKey();
    const cold = await testSession({ papers: mid, engine: null, searchCache: () => key, query: 'diffusion' });
    await cold.session.indexNow();
    expect(snap(cold.session).indexing).toBe(true);
    expect(existsSync(key.path)).toBe(false);
    // The key asked for stays for the build after the first frame, which caches the index.
    await cold.session.buildIndex();
    expect(existsSync(key.path)).toBe(true);

    const warm = await testSession({ papers: mid, engine: null, searchCache: () => key, query: 'diffusion' });
    await warm.session.indexNow();
    expect(snap(warm.session).indexing).toBe(false);
    expect(snap(warm.session).list.papers[0]).toBe(createSearchEngine(mid).search('diffusion', { limit: 1 }).hits.map((h) => mid[h.index])[0]);

    const { session } = await testSession({ papers: big, engine: null, searchCache: () => cacheKey(), query: 'diffusion' });
    await session.indexNow();
    expect(snap(session).indexing).toBe(true);
  });
});
