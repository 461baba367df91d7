/**
 * node --expose-gc dist/bench/search-run.js [N...]   (default 500 10000 100000)
 * Each size runs in its own process so the RSS figures are that size's alone.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { makeCorpusPapers } from './corpus.js';
import { benchSearch, type Timing } from './search-bench.js';

const fmt = (t: Timing): string => `${t.median.toFixed(2)} / ${t.p95.toFixed(2)} / ${t.max.toFixed(2)}`;

function runOne(n: number): void {
  let t0 = performance.now();
  const papers = makeCorpusPapers(n, 1);
  const corpusMs = performance.now() - t0;
  (globalThis as { gc?: () => void }).gc?.();
  const baseRss = process.memoryUsage().rss / 2 ** 20;
  t0 = performance.now();
  const r = benchSearch(papers);
  const textMb = papers.reduce((s, p) => s + p.title.length + p.abstract.length, 0) / 2 ** 20;
  console.log(`\n== ${n} papers (${textMb.toFixed(0)} MB of text; corpus made in ${corpusMs.toFixed(0)} ms)`);
  const engineMb = r.engineMb === undefined ? '?' : r.engineMb.toFixed(0);
  console.log(`build ${r.buildMs.toFixed(0)} ms; engine ${engineMb} MB live; RSS corpus only ${baseRss.toFixed(0)} MB, after build ${r.rssMb.afterBuild.toFixed(0)} MB, peak ${r.rssMb.peak.toFixed(0)} MB (two engines)`);
  console.log(`first search after build (cold JIT): ${r.firstSearchMs.toFixed(1)} ms`);
  console.log(`per keystroke median / p95 / max: ${fmt(r.keystroke)} ms wall, ${fmt(r.keystrokeCpu)} ms CPU, ${r.keystroke.count} keystrokes`);
  console.log(`cold whole query median / p95 / max: ${fmt(r.cold)} ms`);
  for (const q of r.perQuery) {
    console.log(`  ${JSON.stringify(q.query).padEnd(42)} ${fmt(q.keystroke).padEnd(24)} last key ${q.lastKeyMs.toFixed(2).padStart(7)} ms  ${q.total} hits`);
  }
  console.log(`(bench ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
}

const sizes = process.argv.slice(2).map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('usage: search-run.js [N...]  (whole numbers of papers)');
  process.exit(2);
}
if (sizes.length === 1) {
  runOne(sizes[0]!);
} else {
  const self = fileURLToPath(import.meta.url);
  for (const n of sizes.length ? sizes : [500, 10_000, 100_000]) {
    await new Promise<void>((resolve, reject) => {
      fork(self, [String(n)], { execArgv: ['--expose-gc', '--max-old-space-size=4096'] })
        .on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`size ${n} exited with ${code}`))))
        .on('error', reject);
    });
  }
}
