/**
 * A search in a large library that is still loading (issue 12): answered from the papers read so
 * far from the first frame, the header saying so, the answer growing as digests arrive (never a
 * count that is not the query's), the paper the user moved to kept, keys typed meanwhile applied in
 * order; once the library is whole the answer is a full scan's, then the index's, the same as
 * `paperterm search`. The real loader and parser on a generated corpus, a real digest cache and
 * marks store in temp dirs, the reader drawn by Ink's test renderer.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { writeCorpus } from '../bench/digest-writer.js';
import { CachedPaper } from '../src/core/cached-paper.js';
import { startLibraryLoad, type LibraryLoad } from '../src/core/library-load.js';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { createScanEngine, createSearchEngine, indexCacheKey } from '../src/search/engine.js';
import { cachedIndexMatches } from '../src/search/index-cache.js';
import { SCAN_FIRST_PAPERS } from '../src/ui/reader/index-build.js';
import { snapshotOf } from '../src/ui/reader/live-library.js';
import { ReaderSession } from '../src/ui/reader/session.js';
import { fixedSize } from '../src/ui/terminal/size.js';
import { tempDir } from './helpers/digests.js';
import { mountedApps, tick } from './helpers/ink.js';
import { TestReader } from './helpers/reader.js';
import { cleanupStores, MEASURE, tempStore } from './helpers/session.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const apps = mountedApps<ReturnType<typeof render>>();
afterEach(() => {
  apps.unmountAll();
  cleanupStores();
});

// Large enough to be searched while it loads; 30% of the entries repeat a paper of a newer digest
// (older dates added in place).
let corpus: string | undefined;
const corpusDir = () => {
  if (!corpus) {
    corpus = writeCorpus(tempDir('paperterm-wl-'), { papers: SCAN_FIRST_PAPERS + 1000, perDigest: 100, repeatRate: 0.3, seed: 12 }).dir;
    temps.push(corpus);
  }
  return corpus;
};
let whole: Paper[] | undefined;
const wholeLibrary = () => (whole ??= loadLibrary([corpusDir()]).papers);

const QUERY = 'model';
const COLS = 110;
const ROWS = 14;

/** As the reader starts (cli/commands/reader.ts): the newest digests read, the rest to come. */
function startLoad(cacheDir = join(tempDir('paperterm-wl-cache-'), 'cache')): LibraryLoad {
  temps.push(cacheDir);
  const load = startLibraryLoad([corpusDir()], { cacheDir });
  while (load.papers().length < 200) load.step(0);
  return load;
}

/** `searchMs`: how long each search seems to take on the session's clock (over 12 ms, a search runs after the key's frame). */
async function reader(load: LibraryLoad, query?: string, searchMs = 0, cacheDir?: string) {
  const { store } = await tempStore();
  let clock = 0;
  const first = snapshotOf(load);
  // As cli/commands/reader.ts wires the index cache.
  const cache = cacheDir
    ? { searchCache: () => indexCacheKey(cacheDir, load.digestFiles()), indexCached: () => cachedIndexMatches(indexCacheKey(cacheDir, load.found)!), libraryCached: load.readFrom === 'cache' }
    : {};
  const session = new ReaderSession({ papers: first.papers, days: first.days, loading: first.loading ?? 1, store, cols: COLS, rows: ROWS, now: () => (clock += searchMs / 2), ...(query ? { query } : {}), ...cache });
  const h = render(<TestReader session={session} size={fixedSize(COLS, ROWS)} color={false} />);
  apps.track(h);
  const header = () => stripVTControlCharacters(h.lastFrame() ?? '').split('\n')[0]!;
  /** Reads `files` more digests and hands the library to the session, a second later on its clock. */
  const grow = (files = 5) => {
    for (let i = 0; i < files && !load.done; i++) load.step(0);
    clock += 1000;
    session.libraryGrew(snapshotOf(load));
  };
  return { session, h, header, grow };
}

const listed = (s: ReaderSession) => s.getSnapshot().list.papers;
const scanned = (papers: readonly Paper[], q: string, n: number) => createScanEngine(papers).search(q, { limit: n }).hits.map((hit) => papers[hit.index]!);

describe('a search while a large library loads', { timeout: 60_000 }, () => {
  test('--query: answered from the first frame, "so far"; the answer grows; whole, a full scan, then the index, as paperterm search', async () => {
    const load = startLoad();
    const { session, h, header, grow } = await reader(load, QUERY);
    await session.searchWhileLoading();
    await tick();
    // The first frame's answer: the matches among the papers read so far, best first.
    const early = session.papers;
    expect(early.length).toBeLessThan(wholeLibrary().length);
    expect(listed(session).length).toBeGreaterThan(0);
    expect(listed(session).slice(0, 10)).toEqual(scanned(early, QUERY, 10));
    expect(header()).toMatch(new RegExp(`/${QUERY}  \\d+/${early.length} matches so far  loading \\d+%…`));

    const counts = [session.getSnapshot().list.count];
    while (!load.done) {
      grow();
      await tick();
      counts.push(session.getSnapshot().list.count);
      if (!load.done) expect(header()).toContain('matches so far');
    }
    // A count that only grows, never a jump back.
    expect(counts.length).toBeGreaterThan(5);
    counts.slice(1).forEach((c, i) => expect(c).toBeGreaterThanOrEqual(counts[i]!));

    // Whole: exactly a fresh scan of the whole library, and the header says the index is still to come.
    const all = session.papers;
    expect(all).toEqual(wholeLibrary());
    expect(listed(session).slice(0, 20)).toEqual(scanned(all, QUERY, 20));
    expect(session.getSnapshot().list.count).toBe(createScanEngine(all).search(QUERY).total);
    expect(header()).toMatch(new RegExp(`/${QUERY}  \\d+/${all.length} matches  indexing…`));

    // Then the index's answer, the same as paperterm search's (which loads the library whole).
    await session.buildIndex();
    await tick();
    const search = createSearchEngine(wholeLibrary()).search(QUERY);
    expect(session.getSnapshot().list.count).toBe(search.total);
    expect(listed(session).slice(0, 20).map((p) => p.id)).toEqual(search.hits.slice(0, 20).map((hit) => wholeLibrary()[hit.index]!.id));
    expect(header()).toContain(`/${QUERY}  ${search.total}/${all.length} matches`);
    expect(header()).not.toContain('indexing');
    expect(h.lastFrame()).toBeDefined();
  });

  test('the paper the user moved to stays selected as better results arrive; on the first row, the new best is selected', async () => {
    const load = startLoad();
    const { session, grow } = await reader(load, QUERY);
    await session.searchWhileLoading();
    session.keys(['j', 'j'], MEASURE);
    const chosen = session.selected!;
    for (let i = 0; i < 8; i++) grow(10);
    expect(session.selected).toBe(chosen);
    session.keys(['g'], MEASURE);
    expect(session.getSnapshot().nav.cursor).toBe(0);
    while (!load.done) grow(10);
    expect(session.getSnapshot().nav.cursor).toBe(0);
    expect(session.selected).toBe(scanned(session.papers, QUERY, 1)[0]);
  });

  test('keys typed at launch, before the scan is ready, are all applied in order: the search typed, then the moves in its results', async () => {
    const load = startLoad();
    const { session, header, grow } = await reader(load, undefined, 100);
    // Typed the moment the reader opened: the search waits, saying so, without a count.
    session.keys(['/', 'm', 'o', 'd', 'e', 'l', 'enter', 'j', 'j', 'k'], MEASURE);
    await tick();
    expect(session.getSnapshot().indexing).toBe(true);
    expect(header()).toContain(`/${QUERY}  indexing…`);
    await session.searchWhileLoading();
    await tick();
    // j j k: the second result of the answer so far.
    expect(session.getSnapshot().nav.cursor).toBe(1);
    expect(session.selected).toBe(scanned(session.papers, QUERY, 2)[1]);
    const chosen = session.selected;
    grow(20);
    await tick();
    expect(session.selected).toBe(chosen);
    // A longer query typed while loading: until its answer, no count at all (the list is the last query's).
    session.keys(['/', 's'], MEASURE);
    expect(session.getSnapshot().searching).toBe(true);
    // Drawn before the search runs (it runs on the next turn): the frame between says so.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(header()).toContain('/models  searching…');
    await tick();
    expect(header()).toMatch(/\/models  \d+\/\d+ matches so far/);
    expect(listed(session).slice(0, 5)).toEqual(scanned(session.papers, 'models', 5));
  });

  test('Esc while loading goes back to the whole view, which kept growing under the search', async () => {
    const load = startLoad();
    const { session, grow } = await reader(load);
    await session.searchWhileLoading();
    session.keys(['/', 'm', 'o', 'd', 'e', 'l'], MEASURE);
    await tick();
    for (let i = 0; i < 5; i++) grow(10);
    session.keys(['escape'], MEASURE);
    await tick();
    expect(session.getSnapshot().query).toBe('');
    expect(listed(session)).toEqual(session.papers);
  });

  test("with the whole library's index cached, the scan stops following the load once the screen is full; the rest comes from the index", async () => {
    const cacheDir = join(tempDir('paperterm-wl-cache-'), 'cache');
    // A first start (or paperterm search) left the index of the whole library in the cache.
    const files = loadLibrary([corpusDir()]).digests.map((d) => d.file);
    createSearchEngine(wholeLibrary(), { cache: indexCacheKey(cacheDir, files) });
    const load = startLoad(cacheDir);
    const { session, header, grow } = await reader(load, QUERY, 0, cacheDir);
    await session.searchWhileLoading();
    while (session.getSnapshot().list.papers.length < 100 && !load.done) grow(10);
    await tick();
    const stopped = session.getSnapshot().list;
    const searched = stopped.viewSize;
    expect(searched).toBeLessThan(wholeLibrary().length / 2);
    while (!load.done) grow(10);
    await tick();
    // Still the answer from the papers searched, and the header says so.
    expect(session.getSnapshot().list).toBe(stopped);
    expect(session.getSnapshot().loading).toBeNull();
    expect(header()).toContain(`/${QUERY}  ${stopped.count}/${searched} matches so far`);
    // The index's answer: the whole library's, as paperterm search gives it.
    await session.buildIndex();
    await tick();
    const search = createSearchEngine(wholeLibrary()).search(QUERY);
    expect(session.getSnapshot().list.count).toBe(search.total);
    expect(listed(session).slice(0, 10).map((p) => p.id)).toEqual(search.hits.slice(0, 10).map((hit) => wholeLibrary()[hit.index]!.id));
    expect(header()).toContain(`/${QUERY}  ${search.total}/${wholeLibrary().length} matches`);
    expect(header()).not.toMatch(/so far|indexing/);
  });

  test('with the library and its index both cached, the scan stops after its first answer, reading no more abstracts; the rest comes from the index', async () => {
    const cacheDir = join(tempDir('paperterm-wl-cache-'), 'cache');
    const files = loadLibrary([corpusDir()]).digests.map((d) => d.file);
    createSearchEngine(wholeLibrary(), { cache: indexCacheKey(cacheDir, files) });
    // A first start left the library in the cache too.
    const first = startLibraryLoad([corpusDir()], { cacheDir });
    while (!first.step(5));
    await first.storeCache();
    const load = startLoad(cacheDir);
    expect(load.readFrom).toBe('cache');
    // A rarer word: its first answer does not fill what a screen fetches (which alone stops the scan).
    const rare = 'soup';
    const { session, header, grow } = await reader(load, rare, 0, cacheDir);
    await session.searchWhileLoading();
    await tick();
    const searched = session.papers.length;
    expect(searched).toBeLessThan(wholeLibrary().length / 2);
    const answer = session.getSnapshot().list;
    expect(answer.count).toBeGreaterThan(0);
    expect(answer.count).toBeLessThan(50);
    while (!load.done) grow(1);
    await tick();
    expect(session.getSnapshot().list).toBe(answer);
    expect(header()).toContain(`/${rare}  ${answer.count}/${searched} matches so far`);
    // The papers the scan did not reach: their abstracts still on disk.
    const unread = session.papers.slice(searched).filter((p) => p instanceof CachedPaper && p.abstractRead);
    expect(unread).toEqual([]);
    await session.buildIndex();
    await tick();
    const search = createSearchEngine(wholeLibrary()).search(rare);
    expect(search.total).toBeGreaterThan(answer.count);
    expect(session.getSnapshot().list.count).toBe(search.total);
    expect(listed(session).slice(0, 10).map((p) => p.id)).toEqual(search.hits.slice(0, 10).map((hit) => wholeLibrary()[hit.index]!.id));
  });

  test('an index cached for other digests is no reason to stop: the scan follows the load to the end', async () => {
    const cacheDir = join(tempDir('paperterm-wl-cache-'), 'cache');
    const files = loadLibrary([corpusDir()]).digests.map((d) => d.file);
    // Built for all but the newest digest: a day later, the cached index is stale.
    const older = loadLibrary(files.slice(1)).papers;
    createSearchEngine(older, { cache: indexCacheKey(cacheDir, files.slice(1)) });
    const load = startLoad(cacheDir);
    const { session, header, grow } = await reader(load, QUERY, 0, cacheDir);
    await session.searchWhileLoading();
    while (!load.done) grow(10);
    await tick();
    expect(session.getSnapshot().list.viewSize).toBe(wholeLibrary().length);
    expect(header()).toMatch(new RegExp(`/${QUERY}  \\d+/${wholeLibrary().length} matches  indexing…`));
  });
});
