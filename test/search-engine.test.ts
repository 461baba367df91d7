// The engine's API and its guarantees: the index layers (vocabulary screens, letter masks, bitset
// postings, caches while typing) never change what matches, checked against Fuse.js applied word by
// word to every paper; plus the result shape an interactive caller relies on.
import Fuse from 'fuse.js';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeCorpusPapers } from '../bench/corpus.js';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { createSearchEngine, createSearchEngineAsync, type SearchResult } from '../src/search/engine.js';
import { fold } from '../src/search/fold.js';
import { parseQuery, type Term } from '../src/search/query.js';
import { wordsOf } from '../src/search/tokens.js';
import { THRESHOLD } from '../src/search/tuning.js';

const samples = loadLibrary([fileURLToPath(new URL('../sample-data', import.meta.url))]).papers;
// Big enough (> 1024 papers) that common words are stored as bitsets.
const synthetic = makeCorpusPapers(1500, 7);

interface Fields {
  title: string;
  abstract: string;
  words: string[];
  labels: string[];
}

const fieldsOf = (papers: readonly Paper[]): Fields[] =>
  papers.map((p) => {
    const title = fold(p.title);
    const abstract = fold(p.abstract);
    const words = [...wordsOf(title), ...wordsOf(abstract)];
    // A hyphenated compound is also indexed joined up ("pre-training" as "pretraining").
    const joined = words.filter((w) => /^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)+$/u.test(w)).map((w) => w.replaceAll('-', ''));
    return { title, abstract, words: [...new Set([...words, ...joined])], labels: p.dates.map((d) => fold(d)) };
  });

const fuseMemo = new Map<string, boolean>();
function fuzzyMatch(pattern: string, text: string): boolean {
  const key = `${pattern}\u0000${text}`;
  let hit = fuseMemo.get(key);
  if (hit === undefined) {
    hit = Fuse.match(pattern, text, { threshold: THRESHOLD, ignoreLocation: true, isCaseSensitive: true }).isMatch;
    fuseMemo.set(key, hit);
  }
  return hit;
}

/** Which papers match `query`, straight from the documented meaning, with Fuse.match as the matcher. */
function referenceMatches(fields: readonly Fields[], query: string): number[] {
  const groups = parseQuery(query);
  if (groups.length === 0) return fields.map((_, i) => i);
  const holds = (t: Term, f: Fields): boolean => {
    const anchored = (test: (s: string) => boolean): boolean => test(f.title) || f.labels.some(test);
    switch (t.kind) {
      case 'fuzzy':
        return f.words.some((w) => fuzzyMatch(t.text, w)) || f.labels.some((l) => fuzzyMatch(t.text, l));
      case 'include':
        return anchored((s) => s.includes(t.text)) || f.abstract.includes(t.text);
      case 'prefix':
        return anchored((s) => s.startsWith(t.text));
      case 'suffix':
        return anchored((s) => s.endsWith(t.text));
      case 'exact':
        return anchored((s) => s === t.text);
    }
  };
  const out: number[] = [];
  fields.forEach((f, i) => {
    if (groups.some((g) => g.every((t) => holds(t, f) !== t.negate))) out.push(i);
  });
  return out;
}

const matchedSet = (r: SearchResult): number[] => r.hits.map((h) => h.index).sort((a, b) => a - b);

describe('search engine', () => {
  const sampleQueries = [
    'b', 'be', 'bev', 'tran', 'trasformer', 'llma', 'qwen2.5', 'diffusion !video', "'model soups",
    '^eff', 'models$', 'lidar | radar', 'mar 14', 'x', '2', "'2.5", "pre-training", "'\"bird's eye\"",
    '!the', 'segmentaton benchmark', '=qwen2.5 technical report', 'zz',
  ];
  // One engine per corpus for all queries: its caches carry over from query to query, as in use.
  const sampleEngine = createSearchEngine(samples);
  const sampleFields = fieldsOf(samples);
  it.each(sampleQueries)('matches exactly the papers Fuse.js matches word by word: %s (samples)', (q) => {
    const result = sampleEngine.search(q);
    expect(result.total).toBe(result.hits.length);
    expect(matchedSet(result)).toEqual(referenceMatches(sampleFields, q));
  });

  const syntheticQueries = ['e', 'th', 'the', 'model', 'transfomer', 'diffusion !video', "'model s", 'zo', 'contrastive pretraining | bev'];
  const syntheticEngine = createSearchEngine(synthetic);
  const syntheticFields = fieldsOf(synthetic);
  it.each(syntheticQueries)('matches exactly the papers Fuse.js matches word by word: %s (1500 synthetic papers)', (q) => {
    expect(matchedSet(syntheticEngine.search(q))).toEqual(referenceMatches(syntheticFields, q));
  });

  it('typing a query key by key gives the same results as asking for the prefixes longest first', () => {
    // Asked longest first, the second engine never has a shorter pattern cached to narrow from.
    const typed = createSearchEngine(synthetic);
    const backwards = createSearchEngine(synthetic);
    for (const query of ['diffusion models for video', 'trasformer !vision', "'model soups | bev"]) {
      const prefixes = Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1));
      const forward = prefixes.map((p) => typed.search(p, { limit: 30 }));
      const reverse = [...prefixes].reverse().map((p) => backwards.search(p, { limit: 30 })).reverse();
      expect(forward).toEqual(reverse);
    }
  }, 30_000);

  it('orders hits best first, ties in library order, and counts every match', () => {
    const r = createSearchEngine(samples).search('pretraining');
    expect(r.total).toBeGreaterThan(50);
    for (let i = 1; i < r.hits.length; i++) {
      const [a, b] = [r.hits[i - 1]!, r.hits[i]!];
      expect(a.score <= b.score).toBe(true);
      if (a.score === b.score) expect(a.index).toBeLessThan(b.index);
    }
  });

  it('with a limit returns the best hits of the unlimited search and the same total', () => {
    const engine = createSearchEngine(samples);
    const all = engine.search('vision transformer');
    const top = createSearchEngine(samples).search('vision transformer', { limit: 7 });
    expect(top.hits).toEqual(all.hits.slice(0, 7));
    expect(top.total).toBe(all.total);
    expect(engine.search('vision transformer', { limit: 3 }).hits).toEqual(all.hits.slice(0, 3));
  });

  it.each(['', '   ', "'", '!', '^', '|'])('shows the whole library in library order for the query %j', (q) => {
    const r = createSearchEngine(samples).search(q, { limit: 5 });
    expect(r.total).toBe(samples.length);
    expect(r.hits).toEqual([0, 1, 2, 3, 4].map((index) => ({ index, score: 1, titleRanges: [] })));
  });

  it('a query of negations alone keeps library order for everything not excluded', () => {
    const r = createSearchEngine(samples).search('!video');
    const expected = samples.flatMap((p, i) => (/video/i.test(`${p.title} ${p.abstract}`) ? [] : [i]));
    expect(expected.length).toBeLessThan(samples.length);
    expect(r.hits.map((h) => h.index)).toEqual(expected);
  });

  it('returns title ranges sorted, merged and inside the title, covering the matched words', () => {
    const engine = createSearchEngine(samples);
    for (const q of ['model soups', 'bev', 'trasformer', 'diffusion models', "'model | ^qwen", 'transformers$']) {
      for (const h of engine.search(q, { limit: 40 }).hits) {
        const title = samples[h.index]!.title;
        h.titleRanges.forEach(([s, e], i) => {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(e).toBeLessThan(title.length);
          expect(s).toBeLessThanOrEqual(e);
          if (i > 0) expect(s).toBeGreaterThan(h.titleRanges[i - 1]![1] + 1);
        });
      }
    }
    const soups = engine.search("'soups").hits[0]!;
    const title = samples[soups.index]!.title;
    expect(soups.titleRanges.map(([s, e]) => title.slice(s, e + 1))).toEqual(['soups']);
    const qwen = engine.search('qwen2.5 report').hits[0]!;
    expect(qwen.titleRanges.map(([s, e]) => samples[qwen.index]!.title.slice(s, e + 1))).toEqual(['Qwen2.5', 'Report']);
  });

  it('gives no title ranges for a paper matched only by its abstract or a negation', () => {
    const engine = createSearchEngine(samples);
    const r = engine.search("'llama !sorted");
    expect(r.hits.length).toBeGreaterThan(5);
    for (const h of r.hits) {
      if (!/llama/i.test(samples[h.index]!.title)) expect(h.titleRanges).toEqual([]);
    }
  });

  it('rejects a limit that is not a whole number >= 0', () => {
    const engine = createSearchEngine(samples);
    expect(() => engine.search('bev', { limit: -1 })).toThrow(RangeError);
    expect(() => engine.search('bev', { limit: 2.5 })).toThrow(RangeError);
    expect(engine.search('bev', { limit: 0 }).hits).toEqual([]);
  });

  it('can be built a slice at a time without holding up the event loop, with the same results', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const engine = await createSearchEngineAsync(synthetic);
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(1);
    for (const q of ['diffusion !video', 'trasformer', "'model | bev"]) {
      expect(engine.search(q, { limit: 20 })).toEqual(createSearchEngine(synthetic).search(q, { limit: 20 }));
    }
    const controller = new AbortController();
    const building = createSearchEngineAsync(synthetic, { signal: controller.signal });
    controller.abort(new Error('closed'));
    await expect(building).rejects.toThrow('closed');
  });

  it('works on an empty library', () => {
    const engine = createSearchEngine([]);
    expect(engine.search('bev')).toEqual({ query: 'bev', hits: [], total: 0 });
    expect(engine.search('')).toEqual({ query: '', hits: [], total: 0 });
  });
});
