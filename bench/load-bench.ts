// (1) load: parse + merge time and memory, each run in a fresh process like a real startup, without a
// cache, with an empty (cold) cache and with a filled (warm) one.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CorpusInfo } from './digest-writer.js';
import type { ProbeResult } from './load-probe.js';
import type { BenchContext, BenchSection, Measurement } from './sections.js';

const PROBE = fileURLToPath(new URL('./load-probe.js', import.meta.url));
const SECTION = '(1) load';

export function runProbe(corpusDir: string, cacheDir?: string): ProbeResult {
  const args = ['--expose-gc', PROBE, corpusDir, ...(cacheDir ? [cacheDir] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`load probe failed (${child.status ?? child.signal}): ${child.stderr.trim()}`);
  return JSON.parse(child.stdout) as ProbeResult;
}

type Mode = 'no cache' | 'cold cache' | 'warm cache';

export const loadSection: BenchSection = {
  id: 1,
  title: 'load',
  measure(corpus: CorpusInfo, ctx: BenchContext): Measurement[] {
    const cacheDir = ctx.scratchDir('cache');
    const runs: Record<Mode, ProbeResult[]> = { 'no cache': [], 'cold cache': [], 'warm cache': [] };
    // Modes interleaved, so a change in machine load during the run hits them alike.
    for (let r = 0; r < ctx.runs; r++) {
      runs['no cache'].push(runProbe(corpus.dir));
      rmSync(cacheDir, { recursive: true, force: true });
      runs['cold cache'].push(runProbe(corpus.dir, cacheDir));
      runs['warm cache'].push(runProbe(corpus.dir, cacheDir));
      ctx.log(`  load ${corpus.papers} papers: run ${r + 1}/${ctx.runs}`);
    }
    for (const [mode, results] of Object.entries(runs)) {
      for (const p of results) {
        if (p.papers !== corpus.papers || p.digests !== corpus.digests) {
          throw new Error(`load (${mode}) found ${p.papers} papers in ${p.digests} digests; the corpus has ${corpus.papers} in ${corpus.digests}`);
        }
      }
    }
    const row = (metric: string, unit: Measurement['unit'], mode: Mode, pick: (p: ProbeResult) => number): Measurement => ({
      section: SECTION,
      metric: `${metric}, ${mode}`,
      unit,
      papers: corpus.papers,
      samples: runs[mode].map(pick),
    });
    return [
      row('total load', 'ms', 'no cache', (p) => p.totalMs),
      row('read + parse', 'ms', 'no cache', (p) => p.readParseMs),
      row('merge', 'ms', 'no cache', (p) => p.mergeMs),
      row('CPU time', 'ms', 'no cache', (p) => p.cpuMs),
      row('total load', 'ms', 'cold cache', (p) => p.totalMs),
      row('total load', 'ms', 'warm cache', (p) => p.totalMs),
      row('read + parse', 'ms', 'warm cache', (p) => p.readParseMs),
      row('merge', 'ms', 'warm cache', (p) => p.mergeMs),
      row('CPU time', 'ms', 'warm cache', (p) => p.cpuMs),
      row('RSS after load', 'MB', 'no cache', (p) => p.rssMB),
      row('RSS after load', 'MB', 'warm cache', (p) => p.rssMB),
      row('JS heap after GC', 'MB', 'no cache', (p) => p.heapAfterGcMB),
    ];
  },
};
