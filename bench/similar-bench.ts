// (6) similar: the "papers like this one" index (src/search/similar.ts) on each generated corpus:
// the one-off build (done lazily on the first `r` / `paperterm similar`), then the time of each
// query after it, over papers spread through the whole library. Budget: 200 ms a query at 100,000.
// The reader builds it sliced, in the background (buildSliced): its wall time and the longest the
// event loop was held meanwhile (what a key can wait), next to the sync build's.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadLibrary } from '../src/core/load.js';
import { createSimilarIndex } from '../src/search/similar.js';
import type { CorpusInfo } from './digest-writer.js';
import type { BenchContext, BenchSection, Measurement } from './sections.js';

const SECTION = '(6) similar';

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

/** Runs `work`; returns the longest the event loop was held meanwhile, in ms. */
async function loopDelay(work: () => Promise<void>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  // A turn before and after, so a block at either end is seen.
  await new Promise((r) => setTimeout(r, 5));
  await work();
  await new Promise((r) => setTimeout(r, 5));
  h.disable();
  return h.max / 1e6;
}

export const similarSection: BenchSection = {
  id: 6,
  title: 'similar',
  async measure(corpus: CorpusInfo, ctx: BenchContext): Promise<Measurement[]> {
    const { papers } = loadLibrary([corpus.dir]);
    const builds: number[] = [];
    const buildCpu: number[] = [];
    const memory: number[] = [];
    const queries: number[] = [];
    const first: number[] = [];
    const syncBlock: number[] = [];
    const sliced: number[] = [];
    const slicedBlock: number[] = [];
    const count = ctx.quick ? 50 : 200;
    for (let r = 0; r < Math.min(ctx.runs, 3); r++) {
      const before = heapMb();
      const index = createSimilarIndex(papers);
      const cpu = process.cpuUsage();
      const syncDelay = await loopDelay(() => {
        builds.push(index.build());
        return Promise.resolve();
      });
      const used = process.cpuUsage(cpu);
      syncBlock.push(syncDelay);
      buildCpu.push((used.user + used.system) / 1000);
      // Once: later runs' baselines can still hold the previous run's index, not yet collected.
      if (r === 0) memory.push(heapMb() - before);
      for (let q = 0; q < count; q++) {
        // Every paper of the library equally likely, newest and oldest alike (deterministic).
        const at = Math.floor(((q * 7919 + r * 104_729) % count) * (papers.length / count));
        const t = performance.now();
        index.similar(at, 20);
        const ms = performance.now() - t;
        (q === 0 ? first : queries).push(ms);
      }
    }
    for (let r = 0; r < Math.min(ctx.runs, 3); r++) {
      const index = createSimilarIndex(papers);
      slicedBlock.push(await loopDelay(async () => void sliced.push(await index.buildSliced())));
    }
    ctx.log(`  similar ${corpus.papers} papers: done`);
    const row = (metric: string, unit: Measurement['unit'], samples: number[]): Measurement => ({ section: SECTION, metric, unit, papers: corpus.papers, samples });
    return [
      row('index build (first query)', 'ms', builds),
      row('index build, CPU time (other processes excluded)', 'ms', buildCpu),
      row('longest event-loop block during the build', 'ms', syncBlock),
      row('sliced build, as the reader does it (wall)', 'ms', sliced),
      row('longest event-loop block during the sliced build', 'ms', slicedBlock),
      row('first query after build', 'ms', first),
      row('per query (20 most similar)', 'ms', queries),
      row('index memory (after GC)', 'MB', memory),
    ];
  },
};
