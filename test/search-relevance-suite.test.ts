// The relevance suite (bench/relevance.ts) on the sample digests: every case's expected papers in the
// top 3, and the mean reciprocal rank over all cases at least 0.95. `npm run bench` prints the same
// figures with precision@5.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRelevance, RELEVANCE_CASES } from '../bench/relevance.js';
import { loadLibrary } from '../src/core/load.js';
import { createSearchEngine } from '../src/search/engine.js';

const papers = loadLibrary([fileURLToPath(new URL('../sample-data', import.meta.url))]).papers;
const report = evaluateRelevance(papers, createSearchEngine(papers));

describe('relevance suite on the sample digests', () => {
  it('has at least 40 queries of every kind people type, each naming papers that exist', () => {
    expect(RELEVANCE_CASES.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(RELEVANCE_CASES.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['acronym', 'exact title', 'operators', 'short word', 'topic words', 'typo']);
    for (const c of RELEVANCE_CASES) {
      for (const t of c.top3) expect(papers.filter((p) => p.title.startsWith(t)), `${c.query}: ${t}`).toHaveLength(1);
      const relevant = papers.filter((p) => c.relevant?.(p) ?? c.top3.some((t) => p.title.startsWith(t)));
      expect(relevant.length, c.query).toBeGreaterThan(0);
    }
  });

  it.each(RELEVANCE_CASES.map((c) => [c.query, c] as const))('%s: the expected papers are in the top 3', (query) => {
    const result = report.cases.find((r) => r.query === query)!;
    expect(result.missingFromTop3, result.top5.join('\n')).toEqual([]);
    expect(result.reciprocalRank, result.top5.join('\n')).toBeGreaterThan(0);
  });

  it('mean reciprocal rank >= 0.95 (precision@5 reported alongside)', () => {
    expect(report.mrr).toBeGreaterThanOrEqual(0.95);
    expect(report.precisionAt5).toBeGreaterThan(0);
  });
});
