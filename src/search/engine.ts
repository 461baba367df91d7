import { existsSync } from 'node:fs';
import type { Paper } from '../core/types.js';
import { type IndexCacheKey, loadCachedIndex, loadCachedIndexAsync, loadStaleIndex, loadStaleIndexAsync, type StaleIndex, storeCachedIndex } from './index-cache.js';
import { updateSeedSteps } from './index-update.js';
import { runSteps } from './run-steps.js';
import { createScanEngine } from './scan-engine.js';
import { parseQuery, type Term, type TermGroup, termKey } from './query.js';
import { type TermCosts, TermEvaluator } from './term-eval.js';
import { type TitleMatch, TitleScorer } from './title-score.js';
import { topByCost } from './top.js';
import { INSIDE, tierOf } from './tuning.js';
import { SeedError, type WordIndex, wordIndexSteps } from './word-index.js';
import { WordMatcher } from './word-match.js';

/** Characters `start..end` of paper.title, both inclusive (Fuse.js's convention): title.slice(start, end + 1). */
export type TitleRange = readonly [start: number, end: number];

export interface SearchHit {
  /** Position in the papers the engine was created with. */
  readonly index: number;
  /** Fuse.js convention: 0 is a perfect match, 1 no evidence at all (empty or negation-only query). */
  readonly score: number;
  /** Matched characters of the title, sorted and merged; empty when only other fields matched. */
  readonly titleRanges: readonly TitleRange[];
}

export interface SearchResult {
  readonly query: string;
  /** Best first; papers of equal score keep library order. At most `limit` of them. */
  readonly hits: readonly SearchHit[];
  /** How many papers match in all (may exceed hits.length). */
  readonly total: number;
}

export interface SearchOptions {
  /** Return only the best `limit` hits (default: all). An interactive list should pass what it can show. */
  limit?: number;
}

export interface SearchEngine {
  readonly papers: readonly Paper[];
  search(query: string, options?: SearchOptions): SearchResult;
}

export interface EngineOptions {
  /**
   * Where this library's index is cached (indexCacheKey in index-cache.ts, from the cache directory
   * and the digest files the papers were read from): read from there when it checks out, else
   * built (updated from the index there when that was built for other digests and most papers are
   * the same: index-update.ts) and written there. Absent or null: always built.
   */
  cache?: IndexCacheKey | null;
  /**
   * Writing a built index to the cache is handed to this (e.g. setImmediate) instead of done before
   * the engine is returned: the reader builds a small library's index before its first frame, which
   * need not wait for the write.
   */
  storeLater?: (store: () => void) => void;
}

/** Builds the word index once (≈40 ms per 1,000 papers, see bench/), or reads it from the cache; every search afterwards works from it. */
export function createSearchEngine(papers: readonly Paper[], options: EngineOptions = {}): SearchEngine {
  const { cache } = options;
  const cached = cache ? loadCachedIndex(cache, papers) : null;
  if (cached) return new Engine(papers, cached);
  const index = runSteps(indexSteps(papers, cache, cache ? loadStaleIndex(cache) : null));
  if (cache) {
    const store = () => storeCachedIndex(cache, index);
    if (options.storeLater) options.storeLater(store);
    else store();
  }
  return new Engine(papers, index);
}

/** The engine over the index read from the cache, or null when there is none that checks out. */
export function cachedSearchEngine(papers: readonly Paper[], cache: IndexCacheKey): SearchEngine | null {
  const cached = loadCachedIndex(cache, papers);
  return cached ? new Engine(papers, cached) : null;
}

/**
 * The same, built a slice at a time (~15–20 ms each, plus any garbage-collector pause) between
 * turns of the event loop, so a UI can keep drawing and reading keys while a large library is
 * indexed. Rejects with the signal's reason if aborted.
 */
export async function createSearchEngineAsync(papers: readonly Paper[], options: EngineOptions & { signal?: AbortSignal } = {}): Promise<SearchEngine> {
  const { signal, cache } = options;
  signal?.throwIfAborted();
  const cached = cache ? await loadCachedIndexAsync(cache, papers) : null;
  signal?.throwIfAborted();
  if (cached) return new Engine(papers, cached);
  // Not held here: the steps let go of the stale index once they have what they need of it.
  const index = await stepped(indexSteps(papers, cache, cache ? await loadStaleIndexAsync(cache) : null), signal);
  if (cache) storeCachedIndex(cache, index);
  return new Engine(papers, index);
}

/** Runs `steps` a step per turn of the event loop. Apart so that nothing of the build outlives it (an update's stale index). */
async function stepped(steps: Generator<void, WordIndex, void>, signal?: AbortSignal): Promise<WordIndex> {
  for (;;) {
    signal?.throwIfAborted();
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * The index build's steps: an update of `stale` when it can keep most papers (index-update.ts),
 * else a fresh build; an update that finds the stale vocabulary unusable (SeedError) goes on as a
 * fresh build.
 */
function* indexSteps(papers: readonly Paper[], cache: IndexCacheKey | null | undefined, stale: StaleIndex | null): Generator<void, WordIndex, void> {
  const seed = stale && cache?.files ? yield* updateSeedSteps(stale, papers, cache.files) : null;
  // The seed keeps what the update needs of it: the rest (titles, the file's bytes) can go.
  stale = null;
  if (seed) {
    try {
      return yield* wordIndexSteps(papers, seed);
    } catch (err) {
      if (!(err instanceof SeedError)) throw err;
    }
  }
  return yield* wordIndexSteps(papers);
}

/** An engine that answers from a scan at once and from the full index once that is ready. */
export interface ProgressiveSearchEngine extends SearchEngine {
  /** Whether searches now use the full index (typo-tolerant, Fuse-scored); before that, a scan. */
  readonly indexed: boolean;
  /** The indexed engine, once read from the cache or built; rejects if the signal aborts first. */
  readonly ready: Promise<SearchEngine>;
  /**
   * A cached index file is there to be read (~0.2 s at 100,000 papers, less than one scan takes
   * there): a caller may rather wait for `ready` than scan. False when it must be built.
   */
  readonly readySoon: boolean;
}

/**
 * For a reader that must answer the first keys typed: a scan engine (scan-engine.ts: verbatim
 * words, same ranking by kind of match) answers every search until the index has been read from
 * the cache or built between turns of the event loop (createSearchEngineAsync), then the index
 * does. A caller re-runs its query when `ready` resolves to get the final order.
 */
export function openSearchEngine(papers: readonly Paper[], options: EngineOptions & { signal?: AbortSignal } = {}): ProgressiveSearchEngine {
  let current: SearchEngine = createScanEngine(papers);
  let indexed = false;
  const readySoon = options.cache ? existsSync(options.cache.path) : false;
  const ready = createSearchEngineAsync(papers, options).then((engine) => {
    current = engine;
    indexed = true;
    return engine;
  });
  // The caller may never wait for it; an abort is not an error worth reporting then.
  ready.catch(() => undefined);
  return {
    papers,
    ready,
    readySoon,
    get indexed() {
      return indexed;
    },
    search: (query, opts) => current.search(query, opts),
  };
}

/** Candidates ranked by the word-level score beyond the limit that Fuse re-scores on their full titles. */
function refineWindow(limit: number): number {
  return limit + Math.max(50, Math.ceil(limit / 2));
}

const TERM_CACHE_SIZE = 12;

class Engine implements SearchEngine {
  private readonly evaluator: TermEvaluator;
  private readonly titles: TitleScorer;
  /** Recent terms' costs: while typing, every term but the last one is unchanged. */
  private readonly termCache = new Map<string, { costs: TermCosts; usedBy: number }>();
  /** Cost arrays of evicted terms, reused so typing doesn't churn megabytes through the GC. */
  private readonly spare: TermCosts[] = [];
  private searchNumber = 0;
  private readonly best: Float64Array;
  private readonly sum: Float64Array;
  private last: { query: string; limit: number; result: SearchResult } | undefined;

  constructor(
    readonly papers: readonly Paper[],
    private readonly index: WordIndex,
  ) {
    this.evaluator = new TermEvaluator(this.index, new WordMatcher(this.index));
    this.titles = new TitleScorer(this.index);
    this.best = new Float64Array(papers.length);
    this.sum = new Float64Array(papers.length);
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = options.limit ?? Infinity;
    if (!(limit >= 0) || (limit !== Infinity && !Number.isInteger(limit))) {
      throw new RangeError(`search limit must be a whole number >= 0, not ${limit}`);
    }
    const last = this.last;
    if (last && last.query === query && limit <= last.limit) {
      return { query, hits: last.result.hits.slice(0, limit), total: last.result.total };
    }
    const result = this.run(query, limit);
    this.last = { query, limit, result };
    return result;
  }

  private run(query: string, limit: number): SearchResult {
    this.searchNumber++;
    const groups = parseQuery(query);
    if (groups.length === 0) {
      const count = Math.min(limit, this.papers.length);
      const hits = Array.from({ length: count }, (_, index): SearchHit => ({ index, score: 1, titleRanges: [] }));
      return { query, hits, total: this.papers.length };
    }
    const resolved = groups.map((g) => this.resolve(g));
    const best = this.best.fill(-1);
    for (const g of resolved) accumulate(g, best, this.sum);
    const window = limit === Infinity ? Infinity : refineWindow(limit);
    const { order, total } = topByCost(best, window);
    const hits = this.refine(order, groups, resolved);
    return { query, hits: hits.slice(0, limit), total };
  }

  private resolve(group: TermGroup): Resolved {
    const positive: Resolved['positive'] = [];
    const negative: TermCosts[] = [];
    for (const term of group) {
      if (term.negate) negative.push(this.costs({ ...term, negate: false }));
      else positive.push({ term, costs: this.costs(term) });
    }
    return { positive, negative };
  }

  private costs(term: Term): TermCosts {
    const key = termKey(term);
    let entry = this.termCache.get(key);
    if (entry) {
      this.termCache.delete(key);
    } else {
      // Never evict a term this search already uses: its arrays are still being read.
      for (const [k, e] of this.termCache) {
        if (this.termCache.size < TERM_CACHE_SIZE) break;
        if (e.usedBy === this.searchNumber) continue;
        this.termCache.delete(k);
        this.spare.push(e.costs);
      }
      const n = this.papers.length;
      const into = this.spare.pop() ?? { title: new Float32Array(n), rest: new Float32Array(n), tier: new Uint8Array(n) };
      entry = { costs: this.evaluator.evaluate(term, into), usedBy: 0 };
    }
    entry.usedBy = this.searchNumber;
    this.termCache.set(key, entry);
    return entry.costs;
  }

  /**
   * Fuse.js re-scores the best candidates on their whole titles — the ranking signal that matters
   * most, and the source of the highlighted ranges — while abstracts and dates keep their
   * word-level Fuse scores.
   */
  private refine(order: readonly number[], groups: readonly TermGroup[], resolved: readonly Resolved[]): SearchHit[] {
    const titleMatches = new Map<string, ReadonlyMap<number, TitleMatch | null>>();
    for (const g of groups) {
      for (const term of g) {
        const key = termKey(term);
        const titled = term.field === undefined || term.field === 'title';
        if (!term.negate && titled && !titleMatches.has(key)) titleMatches.set(key, this.titles.score(term, order));
      }
    }
    const scored = order.map((d) => {
      let total = -1;
      const ranges: (readonly [number, number])[] = [];
      for (const g of resolved) {
        if (!matchesGroup(g, d)) continue;
        let cost = 0;
        for (const { term, costs } of g.positive) {
          cost += rankOf(costs.tier[d]!);
          const rest = costs.rest[d]!;
          if (rest > 0) cost += rest;
          const title = titleMatches.get(termKey(term))?.get(d);
          if (title) {
            cost += title.cost;
            ranges.push(...title.ranges);
          }
        }
        total = Math.max(total, 0) + cost;
      }
      return { index: d, cost: total, titleRanges: mergeRanges(ranges, this.papers[d]!.title.length) };
    });
    scored.sort((a, b) => b.cost - a.cost || a.index - b.index);
    return scored.map(({ index, cost, titleRanges }) => ({ index, score: scoreOf(cost), titleRanges }));
  }
}

interface Resolved {
  positive: { term: Term; costs: TermCosts }[];
  negative: TermCosts[];
}

function matchesGroup(g: Resolved, d: number): boolean {
  for (const { costs } of g.positive) if (costs.title[d]! < 0 && costs.rest[d]! < 0) return false;
  for (const costs of g.negative) if (costs.title[d]! >= 0 || costs.rest[d]! >= 0) return false;
  return true;
}

/**
 * A paper's rank for a query is one number, compared highest first: per matched term, a whole
 * WORD_WEIGHT (so matching more of the query's words beats fewer: OR alternatives add up), then
 * TIER_WEIGHT per tier (whole word > word start > inside a word > typo, title ahead of abstract
 * for the same kind: tuning.ts), then the Fuse.js-style costs, which order papers within a tier.
 * Costs per term stay far below TIER_WEIGHT (a perfect title match is ~25).
 */
const TIER_WEIGHT = 1000;
const WORD_WEIGHT = 1_000_000;

/** A typo'd match counts as a word matched only weakly: `lidar | radar` must not favour two near-misses. */
const VERBATIM = tierOf(INSIDE, false);

function rankOf(tier: number): number {
  return (tier >= VERBATIM ? WORD_WEIGHT : 0) + TIER_WEIGHT * tier;
}

/** 0 is a perfect match, 1 no evidence; lower for every higher rank. */
function scoreOf(cost: number): number {
  return cost <= 0 ? 1 : 1 / (1 + cost / TIER_WEIGHT);
}

/** best[d] += this group's rank for every paper the group matches; `sum` is scratch. */
function accumulate(g: Resolved, best: Float64Array, sum: Float64Array): void {
  const n = best.length;
  sum.fill(0);
  // Term by term over plain arrays: -1 in `sum` marks a paper the group has already lost.
  for (const { costs } of g.positive) {
    const { title, rest, tier } = costs;
    for (let d = 0; d < n; d++) {
      const s = sum[d]!;
      if (s < 0) continue;
      const t = title[d]!;
      const r = rest[d]!;
      if (t < 0 && r < 0) sum[d] = -1;
      else sum[d] = s + rankOf(tier[d]!) + (t > 0 ? t : 0) + (r > 0 ? r : 0);
    }
  }
  for (const { title, rest } of g.negative) {
    for (let d = 0; d < n; d++) if (title[d]! >= 0 || rest[d]! >= 0) sum[d] = -1;
  }
  for (let d = 0; d < n; d++) {
    const s = sum[d]!;
    if (s >= 0) best[d] = Math.max(best[d]!, 0) + s;
  }
}

function mergeRanges(ranges: readonly (readonly [number, number])[], titleLength: number): TitleRange[] {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, s), Math.min(e, titleLength - 1)] as [number, number])
    .filter(([s, e]) => s <= e)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1] + 1) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

export { createScanEngine } from './scan-engine.js';
export { indexCacheKey, type IndexCacheKey } from './index-cache.js';

// For the detail view: what a query matched in one paper's abstract.
export { abstractRanges, type AbstractRange } from './abstract-ranges.js';
