// (5) baseline: the simplest possible search, a lowercase substring scan over every title and
// abstract. Whatever the real search engine does per keystroke should be judged against this.
import { loadLibrary } from '../src/core/load.js';
import type { CorpusInfo } from './digest-writer.js';
import type { BenchContext, BenchSection, Measurement } from './sections.js';

const SECTION = '(5) baseline';
/** A common word, a phrase, a typo (no hits) and a short acronym. */
export const BASELINE_QUERIES = ['diffusion', 'contrastive learning', 'trasformer', 'bev'];

export function substringScan(haystacks: readonly string[], query: string): number {
  const q = query.toLowerCase();
  let hits = 0;
  for (const h of haystacks) if (h.includes(q)) hits++;
  return hits;
}

export const baselineSection: BenchSection = {
  id: 5,
  title: 'baseline',
  measure(corpus: CorpusInfo, ctx: BenchContext): Measurement[] {
    const { papers } = loadLibrary([corpus.dir]);
    const prep: number[] = [];
    let haystacks: string[] = [];
    for (let r = 0; r < Math.min(ctx.runs, 3); r++) {
      const t = performance.now();
      haystacks = papers.map((p) => `${p.title}\n${p.abstract}`.toLowerCase());
      prep.push(performance.now() - t);
    }
    const rows: Measurement[] = [
      { section: SECTION, metric: 'lowercase all texts', unit: 'ms', papers: corpus.papers, samples: prep },
    ];
    const iterations = ctx.quick ? 5 : 20;
    for (const query of BASELINE_QUERIES) {
      const hits = substringScan(haystacks, query); // also warms up the JIT
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const t = performance.now();
        substringScan(haystacks, query);
        samples.push(performance.now() - t);
      }
      rows.push({ section: SECTION, metric: `scan "${query}"`, unit: 'ms', papers: corpus.papers, samples, detail: { hits } });
    }
    ctx.log(`  baseline ${corpus.papers} papers: done`);
    return rows;
  },
};
