// The search index updated from the cached one when digests change (src/search/index-update.ts), on
// copies of the real sample digests: only papers that may have changed are read again, and every
// answer is the one a fresh build gives.
import { appendFileSync, copyFileSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { createSearchEngine, createSearchEngineAsync, type SearchEngine } from '../src/search/engine.js';
import { indexCacheKey, loadCachedIndex, loadStaleIndex, type IndexCacheKey } from '../src/search/index-cache.js';
import { updateSeed } from '../src/search/index-update.js';
import { buildWordIndex } from '../src/search/word-index.js';
import { RELEVANCE_CASES } from '../bench/relevance.js';
import { SAMPLE_DIR, tempDirs } from './helpers/digests.js';

const temp = tempDirs('paperterm-index-update-test-');

const SAMPLE_FILES = readdirSync(SAMPLE_DIR).sort();
/** The newest sample digest (Mar 18): the one a new day brings. */
const NEWEST = SAMPLE_FILES[0]!;

/** A copy of the samples without `left` out, and a cache directory. */
function samplesWithout(...left: string[]): { dir: string; cacheDir: string } {
  const dir = temp();
  for (const f of SAMPLE_FILES) if (!left.includes(f)) copyFileSync(join(SAMPLE_DIR, f), join(dir, f));
  return { dir, cacheDir: temp() };
}

function library(dir: string, cacheDir: string): { papers: Paper[]; slot: IndexCacheKey } {
  const { papers, digests } = loadLibrary([dir]);
  const slot = indexCacheKey(cacheDir, digests.map((d) => d.file));
  if (!slot) throw new Error('no cache slot');
  return { papers, slot };
}

/** The index of the library in `dir` built and cached, as a launch before the change leaves it. */
function cacheIndex(dir: string, cacheDir: string): void {
  const { papers, slot } = library(dir, cacheDir);
  createSearchEngine(papers, { cache: slot });
  expect(loadCachedIndex(slot, papers)).not.toBeNull();
}

// The relevance suite's queries, and more of every kind: typos, prefixes, fields, dates, negation, or.
const QUERIES = [
  ...RELEVANCE_CASES.map((c) => c.query),
  'model soup', 'trasformer', 'agnet', 'x', 'e', 'date:mar 18', 'date:mar 14 !diffusion', "abs:'the", 't:^a', 'llm | vlm', 'pre-training', 'pretraining', '!model',
];
const answers = (engine: SearchEngine) => QUERIES.map((q) => engine.search(q));
const fresh = (papers: readonly Paper[]) => answers(createSearchEngine(papers));

/** Which papers an update would read again (not kept from the stale index), by title. */
function readAgain(papers: readonly Paper[], slot: IndexCacheKey): string[] {
  const stale = loadStaleIndex(slot);
  expect(stale).not.toBeNull();
  const seed = updateSeed(stale!, papers, slot.files!);
  expect(seed).not.toBeNull();
  return papers.filter((_, d) => seed!.from[d]! < 0).map((p) => p.title);
}

describe('search index update', () => {
  it("a new day's digest: only its papers are read, the rest kept from the cached index; every answer is a fresh build's, and it is cached for the next launch", () => {
    const { dir, cacheDir } = samplesWithout(NEWEST);
    cacheIndex(dir, cacheDir);
    copyFileSync(join(SAMPLE_DIR, NEWEST), join(dir, NEWEST));
    const { papers, slot } = library(dir, cacheDir);
    const inNewest = papers.filter((p) => p.sources.includes(join(dir, NEWEST))).map((p) => p.title);
    expect(inNewest.length).toBeGreaterThan(50);
    expect(readAgain(papers, slot).sort()).toEqual(inNewest.sort());

    const stale = loadStaleIndex(slot)!;
    const updated = createSearchEngine(papers, { cache: slot });
    expect(answers(updated)).toEqual(fresh(papers));
    // Written for the new set: the next launch reads it, and answers the same. Updated, not built:
    // the stale vocabulary comes first (built, the newest digest's words would, its papers leading).
    const reread = loadCachedIndex(slot, papers);
    expect(reread!.words.slice(0, stale.words.length)).toEqual(stale.words);
    expect(buildWordIndex(papers).words.slice(0, stale.words.length)).not.toEqual(stale.words);
    expect(createSearchEngine(papers, { cache: slot }).search('lora')).toEqual(updated.search('lora'));
  });

  it("the reader's builder (in steps, file read off the main thread) updates the same way", async () => {
    const { dir, cacheDir } = samplesWithout(NEWEST);
    cacheIndex(dir, cacheDir);
    copyFileSync(join(SAMPLE_DIR, NEWEST), join(dir, NEWEST));
    const { papers, slot } = library(dir, cacheDir);
    const stale = loadStaleIndex(slot)!;
    expect(answers(await createSearchEngineAsync(papers, { cache: slot }))).toEqual(fresh(papers));
    expect(loadCachedIndex(slot, papers)!.words.slice(0, stale.words.length)).toEqual(stale.words);
  });

  it('a digest edited in place (an abstract changed to words of the same length): its papers are read again and the new words found', () => {
    const { dir, cacheDir } = samplesWithout();
    cacheIndex(dir, cacheDir);
    const file = join(dir, SAMPLE_FILES[1]!);
    const text = readFileSync(file, 'utf8');
    // A word swapped for one as long: the abstract's length, its paper's title and dates stay the same.
    const at = text.indexOf(' model ', text.indexOf('\n\n', 400));
    expect(at).toBeGreaterThan(0);
    writeFileSync(file, `${text.slice(0, at)} quokk ${text.slice(at + 7)}`);
    const { papers, slot } = library(dir, cacheDir);
    const edited = papers.filter((p) => p.abstract.includes(' quokk '));
    expect(edited).toHaveLength(1);
    expect(readAgain(papers, slot)).toContain(edited[0]!.title);
    const engine = createSearchEngine(papers, { cache: slot });
    expect(engine.search("'quokk").hits.map((h) => papers[h.index]!.title)).toEqual([edited[0]!.title]);
    expect(answers(engine)).toEqual(fresh(papers));
  });

  it('a digest removed: papers only in it are gone, papers also in it are read again with the dates they have left', () => {
    const { dir, cacheDir } = samplesWithout();
    cacheIndex(dir, cacheDir);
    const gone = join(dir, SAMPLE_FILES[1]!);
    const before = library(dir, cacheDir).papers;
    const shared = before.filter((p) => p.sources.includes(gone) && p.sources.length > 1);
    expect(shared.length).toBeGreaterThan(0);
    unlinkSync(gone);
    const { papers, slot } = library(dir, cacheDir);
    expect(readAgain(papers, slot)).toEqual(expect.arrayContaining(shared.map((p) => p.title)));
    const engine = createSearchEngine(papers, { cache: slot });
    expect(answers(engine)).toEqual(fresh(papers));
    expect(engine.search(`=${before.find((p) => p.sources.length === 1 && p.sources[0] === gone)!.title}`).total).toBe(0);
  });

  it('too few papers kept (digests removed, the largest one edited): built afresh, without the words only the papers gone had', () => {
    const { dir, cacheDir } = samplesWithout();
    cacheIndex(dir, cacheDir);
    // Left as they were: only the papers of 002 alone (52 of the 260 or so that remain).
    for (const f of SAMPLE_FILES.filter((f) => /^00[01]_/.test(f))) unlinkSync(join(dir, f));
    appendFileSync(join(dir, SAMPLE_FILES.find((f) => f.startsWith('004_'))!), '\n');
    const { papers, slot } = library(dir, cacheDir);
    const stale = loadStaleIndex(slot);
    expect(stale).not.toBeNull();
    expect(updateSeed(stale!, papers, slot.files!)).toBeNull();
    expect(answers(createSearchEngine(papers, { cache: slot }))).toEqual(fresh(papers));
    const vocabulary = new Set(loadCachedIndex(slot, papers)!.words);
    expect(stale!.words.filter((w) => !vocabulary.has(w)).length).toBeGreaterThan(100);
  });

  it('a damaged stale index, or one without the digests it was built from, is not updated from: built afresh, answers right', () => {
    const { dir, cacheDir } = samplesWithout(NEWEST);
    cacheIndex(dir, cacheDir);
    copyFileSync(join(SAMPLE_DIR, NEWEST), join(dir, NEWEST));
    const { papers, slot } = library(dir, cacheDir);
    const damaged = readFileSync(slot.path);
    damaged.writeUInt8(damaged.readUInt8(damaged.length >> 1) ^ 0x55, damaged.length >> 1);
    writeFileSync(slot.path, damaged);
    expect(loadStaleIndex(slot)).toBeNull();
    expect(answers(createSearchEngine(papers, { cache: slot }))).toEqual(fresh(papers));

    // A file written without the digests' signatures (as a key made by hand has none) tells no update what is unchanged.
    const bare = samplesWithout(NEWEST);
    const old = library(bare.dir, bare.cacheDir);
    createSearchEngine(old.papers, { cache: { path: old.slot.path, key: old.slot.key } });
    copyFileSync(join(SAMPLE_DIR, NEWEST), join(bare.dir, NEWEST));
    const now = library(bare.dir, bare.cacheDir);
    const stale = loadStaleIndex(now.slot);
    expect(stale?.files).toEqual([]);
    expect(updateSeed(stale!, now.papers, now.slot.files!)).toBeNull();
    expect(answers(createSearchEngine(now.papers, { cache: now.slot }))).toEqual(fresh(now.papers));
  });
});
