// The reader's search index with a cache key: a search typed before the index is ready is answered
// by a scan at once, the index's results keep the paper the user moved to, and a second start reads
// the index from the cache without scanning.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { IndexCacheKey } from '../src/search/engine.js';
import type { ReaderSession } from '../src/ui/reader/session.js';
import { makeTempDir } from './state-helpers.js';
import { cleanupStores, MEASURE, sampleSearchEngine, testSession, turn } from './helpers/session.js';

afterEach(cleanupStores);

const keys = (session: ReaderSession, ...names: string[]) => session.keys(names, MEASURE);
const snap = (s: ReaderSession) => s.getSnapshot();

function cacheKey(): IndexCacheKey {
  const { dir } = makeTempDir();
  return { path: join(dir, 'search-test', 'library.idx'), key: 'samples' };
}

/** Turns until `ready` holds (at most 200). */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await turn();
}

describe('the reader index with a cache', () => {
  test('answers from a scan at once, and keeps the paper moved to when the index results come', async () => {
    const key = cacheKey();
    const { session } = await testSession({ engine: null, searchCache: () => key });
    keys(session, '/', 'b', 'e', 'v', 'enter');
    expect(snap(session).indexing).toBe(true);
    const unsearched = snap(session).list;
    let indexed = false;
    const built = session.buildIndex().then(() => void (indexed = true));
    await until(() => snap(session).list !== unsearched);
    expect(indexed).toBe(false);
    const scanned = snap(session).list.papers;
    expect(scanned.length).toBeGreaterThan(3);
    expect(scanned[0]!.title).toMatch(/BEV/);
    keys(session, 'j', 'j');
    const chosen = session.selected!;
    await built;
    await turn();
    expect(snap(session).indexing).toBe(false);
    expect(session.selected).toBe(chosen);
    // The list is now the index's: same papers as the indexed engine finds, in its order.
    const best = sampleSearchEngine().search('bev').hits.map((h) => sampleSearchEngine().papers[h.index]);
    expect(new Set(snap(session).list.papers)).toEqual(new Set(best));
    expect(existsSync(key.path)).toBe(true);
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
});
