// The synthetic library the benchmarks (and later the digest writer) build on, and the benchmark itself.
import { describe, expect, it } from 'vitest';
import { makeCorpusPapers } from '../bench/corpus.js';
import { benchSearch, timing } from '../bench/search-bench.js';
import { normalizeTitle, paperId } from '../src/core/library.js';
import { extractLinks } from '../src/core/links.js';

describe('synthetic corpus', () => {
  const papers = makeCorpusPapers(1200, 42);

  it('makes n distinct papers with ids derived from their titles', () => {
    expect(papers).toHaveLength(1200);
    expect(new Set(papers.map((p) => normalizeTitle(p.title))).size).toBe(1200);
    for (const p of papers) expect(p.id).toBe(paperId(p.title));
  });

  it('gives sample-sized abstracts and the links written in them', () => {
    const lengths = papers.map((p) => p.abstract.length).sort((a, b) => a - b);
    const median = lengths[lengths.length >> 1]!;
    expect(median).toBeGreaterThan(900);
    expect(median).toBeLessThan(2500);
    for (const p of papers) expect(p.links).toEqual(extractLinks(p.abstract));
    expect(papers.some((p) => p.links.length > 0)).toBe(true);
  });

  it('puts papers into dated digests, newest first, some seen in more than one', () => {
    expect(papers[0]!.dates[0]).toBe('Mar 18, 2025');
    expect(papers[1199]!.dates[0]).toBe('Mar 7, 2025');
    for (const p of papers) {
      expect(p.dates.length).toBe(p.sources.length);
      expect(p.dates.length).toBeGreaterThan(0);
      const days = p.dates.map((d) => Date.parse(`${d} UTC`));
      expect(days).toEqual([...days].sort((a, b) => b - a));
    }
    const repeated = papers.filter((p) => p.dates.length > 1).length / papers.length;
    expect(repeated).toBeGreaterThan(0.05);
    expect(repeated).toBeLessThan(0.2);
  });

  it('is the same for the same seed and different for another', () => {
    expect(makeCorpusPapers(1200, 42)).toEqual(papers);
    expect(makeCorpusPapers(1200, 43).map((p) => p.title)).not.toEqual(papers.map((p) => p.title));
  });

  it('rejects a count that is not a whole number', () => {
    expect(() => makeCorpusPapers(-1)).toThrow(RangeError);
    expect(() => makeCorpusPapers(1.5)).toThrow(RangeError);
  });
});

describe('search benchmark', () => {
  it('times every keystroke of every query and reports the spread', () => {
    const r = benchSearch(makeCorpusPapers(300, 1), ['bev', "'model s"], 10);
    expect(r.papers).toBe(300);
    expect(r.keystroke.count).toBe('bev'.length + "'model s".length);
    expect(r.perQuery.map((q) => q.query)).toEqual(['bev', "'model s"]);
    expect(r.cold.count).toBe(2);
    expect(r.keystroke.median).toBeLessThanOrEqual(r.keystroke.p95);
    expect(r.keystroke.p95).toBeLessThanOrEqual(r.keystroke.max);
    expect(r.rssMb.peak).toBeGreaterThan(0);
  });

  it('summarises samples as median, 95th percentile and maximum', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(timing(samples)).toEqual({ median: 51, p95: 96, max: 100, count: 100 });
  });
});
