import type { Paper } from '../src/core/types.js';
import { createSearchEngine } from '../src/search/engine.js';

/** What a user might type: short, long, typo'd, and extended syntax. */
export const BENCH_QUERIES: readonly string[] = [
  'bev',
  'llama',
  'qwen2.5',
  'contrastive pretraining',
  'diffusion models for video generation',
  'trasformer',
  'reinforcment lerning',
  "'model soups",
  '^efficient',
  'language models$',
  'diffusion !video',
  'lidar | radar',
];

/** Typed first so the timed queries meet warmed-up (JIT-compiled) code, as in a session after the first few keys. */
const WARM_UP: readonly string[] = ['segmentation', 'quantizaton !bert', "'graph | ^scaling"];

export interface Timing {
  median: number;
  p95: number;
  max: number;
  count: number;
}

export interface SearchBenchResult {
  papers: number;
  buildMs: number;
  /** The very first search after the build, before the JIT has compiled anything (one keystroke). */
  firstSearchMs: number;
  /** Every search() while typing each query one character at a time, as the UI calls it (wall ms). */
  keystroke: Timing;
  /** The same keystrokes in CPU time of this process (excludes time lost to other processes). */
  keystrokeCpu: Timing;
  /** Each complete query at once on a second engine that saw no typing (a paste). */
  cold: Timing;
  perQuery: { query: string; keystroke: Timing; lastKeyMs: number; total: number; samples: number[] }[];
  /** The raw wall and CPU times behind `keystroke` and `keystrokeCpu`, in typing order. */
  keystrokeSamples: number[];
  keystrokeCpuSamples: number[];
  rssMb: { afterBuild: number; peak: number };
  /** Live JS heap + typed-array memory the engine adds, after a full GC (needs node --expose-gc). */
  engineMb: number | undefined;
}

function liveMb(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

export function timing(samples: readonly number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? 0, count: s.length };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/**
 * Builds an engine over `papers`, then types each query one character at a time (the UI's call
 * pattern: `limit` hits per keystroke, the engine keeping its caches between calls) and times
 * every call. `cold` sends each whole query at once to a second engine that saw no typing.
 */
export function benchSearch(papers: readonly Paper[], queries: readonly string[] = BENCH_QUERIES, limit = 50): SearchBenchResult {
  const before = liveMb();
  let t0 = performance.now();
  const engine = createSearchEngine(papers);
  const buildMs = performance.now() - t0;
  const afterBuild = process.memoryUsage().rss / 2 ** 20;

  t0 = performance.now();
  engine.search('t', { limit });
  const firstSearchMs = performance.now() - t0;
  for (const q of WARM_UP) for (let i = 1; i <= q.length; i++) engine.search(q.slice(0, i), { limit });

  const wall: number[] = [];
  const cpu: number[] = [];
  const perQuery: SearchBenchResult['perQuery'] = [];
  for (const query of queries) {
    const samples: number[] = [];
    let total = 0;
    for (let i = 1; i <= query.length; i++) {
      const c0 = process.cpuUsage();
      t0 = performance.now();
      total = engine.search(query.slice(0, i), { limit }).total;
      samples.push(performance.now() - t0);
      cpu.push(cpuMs(c0));
    }
    wall.push(...samples);
    perQuery.push({ query, keystroke: timing(samples), lastKeyMs: samples[samples.length - 1] ?? 0, total, samples });
  }
  // With its caches filled by the typing above.
  const after = liveMb();
  const engineMb = before !== undefined && after !== undefined ? after - before : undefined;

  // A second engine that has seen no typing: each whole query arrives at once, as when pasted.
  // (Its build garbage is collected first: an app holds one engine, not two.)
  const fresh = createSearchEngine(papers);
  liveMb();
  const cold: number[] = [];
  for (const query of queries) {
    t0 = performance.now();
    fresh.search(query, { limit });
    cold.push(performance.now() - t0);
  }
  return {
    papers: papers.length,
    buildMs,
    firstSearchMs,
    keystroke: timing(wall),
    keystrokeSamples: wall,
    keystrokeCpuSamples: cpu,
    keystrokeCpu: timing(cpu),
    cold: timing(cold),
    perQuery,
    rssMb: { afterBuild, peak: process.resourceUsage().maxRSS / 1024 },
    engineMb,
  };
}
