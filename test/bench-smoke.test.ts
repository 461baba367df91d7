// Runs the real benchmark at its smallest size so that it cannot rot unnoticed. It asserts only that
// the figures are sane, never how fast anything is: speed is what the benchmark reports, not a test.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import type { BenchReport } from '../bench/report.js';
import { benchRunner } from './helpers/bench.js';

const { run: bench, outFile, track } = benchRunner();

describe('npm run bench', () => {
  it('measures load and the substring baseline at 500 papers and writes sane figures', { timeout: 120_000 }, () => {
    const out = outFile();
    const r = bench(['--sizes', '500', '--quick', '--keep', '--only', '0,load,5', '--out', out]);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status).toBe(0);
    const kept = /corpus of 500 papers: \d+ digests in (\S+) \(kept\)/.exec(r.stderr)?.[1];
    expect(kept && existsSync(kept)).toBeTruthy();
    track(kept!);

    expect(r.stdout).toMatch(/^\(1\) load\s+total load, no cache \(ms\)\s+[\d.,]+ \/ [\d.,]+$/m);
    expect(r.stdout).toMatch(/^\(5\) baseline\s+lowercase all texts \(ms\)/m);
    expect(r.stdout).not.toContain('not measured yet');
    expect(r.stdout).toContain(`results written to ${out}`);

    const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    expect(report.options).toMatchObject({ sizes: [500], runs: 3, quick: true });
    expect(report.corpora).toHaveLength(1);
    const corpus = report.corpora[0]!;
    expect(corpus.papers).toBe(500);
    expect(corpus.entries).toBeGreaterThan(500);
    expect(corpus.digests).toBeGreaterThanOrEqual(3);

    const row = (section: string, metric: string, papers = 500) => {
      const found = report.results.filter((x) => x.section === section && x.metric === metric && x.papers === papers);
      expect(found, `${section} ${metric}`).toHaveLength(1);
      return found[0]!;
    };
    for (const mode of ['no cache', 'cold cache', 'warm cache']) {
      const total = row('(1) load', `total load, ${mode}`);
      expect(total.runs).toBe(3);
      expect(total.samples.every((s) => Number.isFinite(s) && s > 0)).toBe(true);
      expect(total.min).toBeLessThanOrEqual(total.median);
      expect(total.median).toBeLessThanOrEqual(total.p95);
      expect(total.p95).toBeLessThanOrEqual(total.max);
    }
    const parse = row('(1) load', 'read + parse, no cache');
    const merge = row('(1) load', 'merge, no cache');
    const total = row('(1) load', 'total load, no cache');
    total.samples.forEach((t, i) => expect(t).toBeCloseTo(parse.samples[i]! + merge.samples[i]!, 6));
    const rss = row('(1) load', 'RSS after load, no cache');
    const heap = row('(1) load', 'JS heap after GC, no cache');
    expect(rss.median).toBeGreaterThan(10);
    expect(rss.median).toBeLessThan(4096);
    expect(heap.median).toBeGreaterThan(0);
    expect(heap.median).toBeLessThan(rss.median);

    // The baseline's hit counts are what a plain substring search over the kept corpus finds.
    const texts = loadLibrary([kept!]).papers.map((p) => `${p.title}\n${p.abstract}`.toLowerCase());
    const diffusion = row('(5) baseline', 'scan "diffusion"');
    expect(diffusion.detail?.hits).toBe(texts.filter((t) => t.includes('diffusion')).length);
    expect(diffusion.detail?.hits).toBeGreaterThan(0);
    expect(row('(5) baseline', 'scan "contrastive learning"').detail?.hits).toBe(texts.filter((t) => t.includes('contrastive learning')).length);
    expect(row('(0) machine', 'allocate + touch 100 MB', 0).median).toBeGreaterThan(0);
  });

  it('refuses bad options with one line and exit 2', () => {
    for (const args of [['--sizes', '0'], ['--sizes', '5x'], ['--runs', '-1'], ['--bogus'], ['--only', 'nonsense']]) {
      const r = bench(args);
      expect(r.status).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(/^bench: /);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
