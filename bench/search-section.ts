// (2) search: the search engineer's benchmark (search-bench.ts) on each generated corpus, loaded with
// the real loader, each run in a fresh process: index build time, then the time of every keystroke
// while a set of short, long, misspelt and extended-syntax queries is typed one character at a time.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clearDataCache } from './data-cache.js';
import { loadLibrary, SAMPLE_DATA_DIR } from '../src/core/load.js';
import { createSearchEngine } from '../src/search/engine.js';
import type { CorpusInfo } from './digest-writer.js';
import { evaluateRelevance } from './relevance.js';
import type { SearchBenchResult } from './search-bench.js';
import type { BenchContext, BenchSection, Measurement } from './sections.js';

const PROBE = fileURLToPath(new URL('./search-probe.js', import.meta.url));
const LAUNCH_PROBE = fileURLToPath(new URL('./launch-probe.js', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/paperterm.js', import.meta.url));
const CLI_QUERY = 'model soups';

interface LaunchResult {
  papers: number;
  hadIndex: boolean;
  loadedMs: number;
  scanAnswerMs: number;
  indexMs: number;
  indexedAnswerMs: number;
  peakRssMB: number;
}

/** One launch-probe.js run with this cache directory (fresh: cold; used before: warm). */
function runLaunchProbe(dir: string, cacheDir: string): LaunchResult {
  const env = { ...process.env, PAPERTERM_CACHE_DIR: cacheDir };
  const child = spawnSync(process.execPath, [LAUNCH_PROBE, dir, CLI_QUERY], { encoding: 'utf8', env, maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`launch probe failed (${child.status ?? child.signal}): ${child.stderr.trim()}`);
  return JSON.parse(child.stdout) as LaunchResult;
}

/** Wall time of `paperterm search` run from a shell (spawned, output discarded), in ms. */
function timeCli(args: string[], env: NodeJS.ProcessEnv): number {
  const t = performance.now();
  const child = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  const ms = performance.now() - t;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(' ')} exited ${child.status ?? child.signal}`);
  return ms;
}

/**
 * Launch to results: `paperterm search` wall time (cold caches: a fresh cache directory each run;
 * warm: digest and index caches filled), and inside one process the moments a reader could show
 * results (scan answer while the index is read or built; the index's answer), with the peak RSS.
 */
function launchRows(dir: string, papers: number, ctx: BenchContext): Measurement[] {
  const runs = papers >= 50_000 ? Math.min(ctx.runs, 2) : ctx.runs;
  const stateDir = ctx.scratchDir('launch-state');
  const cli = (cacheDir: string) => timeCli([BIN, 'search', CLI_QUERY, dir, '--limit', '20'], { ...process.env, PAPERTERM_CACHE_DIR: cacheDir, PAPERTERM_STATE_DIR: stateDir });
  const cold: LaunchResult[] = [];
  const cliCold: number[] = [];
  const cliColdDir = ctx.scratchDir('launch-cli-cold');
  // The first run after an install compiles the program: not what "cold" measures (data-cache.ts).
  cli(cliColdDir);
  for (let r = 0; r < runs; r++) {
    cold.push(runLaunchProbe(dir, ctx.scratchDir('launch-cold')));
    clearDataCache(cliColdDir);
    cliCold.push(cli(cliColdDir));
  }
  // Apart: the probe runs the compiled modules, the CLI the bundle, whose caches are keyed by
  // different code fingerprints (each would prune the other's index as another version's).
  const warmDir = ctx.scratchDir('launch-warm');
  const cliWarmDir = ctx.scratchDir('launch-cli-warm');
  runLaunchProbe(dir, warmDir);
  cli(cliWarmDir);
  const warm: LaunchResult[] = [];
  const cliWarm: number[] = [];
  for (let r = 0; r < runs; r++) {
    warm.push(runLaunchProbe(dir, warmDir));
    cliWarm.push(cli(cliWarmDir));
  }
  if (warm.some((w) => !w.hadIndex)) throw new Error('launch probe: the warm runs found no cached index');
  ctx.log(`  launch ${papers} papers: done`);
  const row = (metric: string, unit: Measurement['unit'], samples: number[]): Measurement => ({ section: SECTION, metric, unit, papers, samples });
  const rows: Measurement[] = [row(`paperterm search from a shell, cold caches`, 'ms', cliCold), row(`paperterm search from a shell, warm caches`, 'ms', cliWarm)];
  for (const [name, rs] of [['cold', cold], ['warm', warm]] as const) {
    rows.push(
      row(`launch (${name}): digests loaded`, 'ms', rs.map((r) => r.loadedMs)),
      row(`launch (${name}): first results (scan)`, 'ms', rs.map((r) => r.scanAnswerMs)),
      row(`launch (${name}): index ${name === 'warm' ? 'read from cache' : 'built and stored'}`, 'ms', rs.map((r) => r.indexMs)),
      row(`launch (${name}): results from the index`, 'ms', rs.map((r) => r.indexedAnswerMs)),
      row(`launch (${name}): peak RSS, loaded + indexed + searched`, 'MB', rs.map((r) => r.peakRssMB)),
    );
  }
  return rows;
}

/** What a launch costs before any work: node itself, and importing the CLI's modules. */
function startupRows(ctx: BenchContext): Measurement[] {
  const node: number[] = [];
  const imports: number[] = [];
  const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  for (let r = 0; r < ctx.runs; r++) {
    node.push(timeCli(['-e', '0'], process.env));
    imports.push(timeCli(['-e', `import(${JSON.stringify(main)})`], process.env));
  }
  return [
    { section: SECTION, metric: 'node -e 0 (process start-up alone)', unit: 'ms', papers: 0, samples: node },
    { section: SECTION, metric: 'node importing the CLI modules', unit: 'ms', papers: 0, samples: imports },
  ];
}
const SECTION = '(2) search';

/** The kind of each query in BENCH_QUERIES; anything else with query syntax in it is "extended". */
const KINDS: Record<string, string> = {
  bev: 'short',
  llama: 'short',
  'qwen2.5': 'short',
  'contrastive pretraining': 'long',
  'diffusion models for video generation': 'long',
  trasformer: 'typo',
  'reinforcment lerning': 'typo',
};
export const kindOf = (query: string): string => KINDS[query] ?? (/['^$!|]/.test(query) ? 'extended' : 'other');

type ProbeResult = SearchBenchResult & { rssBeforeMB: number };

function runProbe(dir: string): ProbeResult {
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', PROBE, dir], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (child.status !== 0) throw new Error(`search probe failed (${child.status ?? child.signal}): ${child.stderr.trim()}`);
  return JSON.parse(child.stdout) as ProbeResult;
}

/** The relevance suite (bench/relevance.ts) on the sample digests: MRR and precision@5, overall and per kind. */
function relevanceRows(): Measurement[] {
  const { papers } = loadLibrary([SAMPLE_DATA_DIR]);
  const report = evaluateRelevance(papers, createSearchEngine(papers));
  const row = (metric: string, samples: number[], detail?: Record<string, unknown>): Measurement => ({
    section: SECTION,
    metric,
    unit: 'score',
    papers: papers.length,
    samples,
    ...(detail ? { detail } : {}),
  });
  const kinds = [...new Set(report.cases.map((c) => c.kind))];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [
    row(`relevance: MRR over ${report.cases.length} queries`, [report.mrr], { cases: report.cases }),
    row('relevance: precision@5', [report.precisionAt5]),
    ...kinds.map((k) => {
      const cs = report.cases.filter((c) => c.kind === k);
      return row(`relevance: MRR, ${k} (${cs.length})`, [mean(cs.map((c) => c.reciprocalRank))]);
    }),
  ];
}

export const searchSection: BenchSection = {
  id: 2,
  title: 'search',
  setup(ctx: BenchContext): Measurement[] {
    ctx.log('  search relevance on the samples');
    const rows = relevanceRows();
    const samples = rows[0]!.papers;
    return [...rows, ...startupRows(ctx), ...launchRows(SAMPLE_DATA_DIR, samples, ctx)];
  },
  measure(corpus: CorpusInfo, ctx: BenchContext): Measurement[] {
    const runs: ProbeResult[] = [];
    // Every run types ~170 keys; three processes give plenty of keystrokes and build times.
    for (let r = 0; r < Math.min(ctx.runs, 3); r++) {
      runs.push(runProbe(corpus.dir));
      ctx.log(`  search ${corpus.papers} papers: run ${r + 1}`);
    }
    for (const r of runs) if (r.papers !== corpus.papers) throw new Error(`search probe loaded ${r.papers} papers, the corpus has ${corpus.papers}`);
    const row = (metric: string, unit: Measurement['unit'], samples: number[], detail?: Record<string, unknown>): Measurement => ({
      section: SECTION,
      metric,
      unit,
      papers: corpus.papers,
      samples,
      ...(detail ? { detail } : {}),
    });
    const perQuery = runs.flatMap((r) => r.perQuery);
    const kinds = [...new Set(perQuery.map((q) => kindOf(q.query)))];
    const rows = [
      row('index build', 'ms', runs.map((r) => r.buildMs)),
      row('first search after build (cold JIT)', 'ms', runs.map((r) => r.firstSearchMs)),
      row('per keystroke, all queries', 'ms', runs.flatMap((r) => r.keystrokeSamples), { hits: Object.fromEntries(runs[0]!.perQuery.map((q) => [q.query, q.total])) }),
      row('per keystroke, all queries, CPU time', 'ms', runs.flatMap((r) => r.keystrokeCpuSamples)),
      ...kinds.map((kind) =>
        row(
          `per keystroke, ${kind} queries`,
          'ms',
          perQuery.filter((q) => kindOf(q.query) === kind).flatMap((q) => q.samples),
          { queries: [...new Set(perQuery.filter((q) => kindOf(q.query) === kind).map((q) => q.query))] },
        ),
      ),
      row('last key of a query', 'ms', perQuery.map((q) => q.lastKeyMs)),
      row('whole query pasted, fresh engine (median per run)', 'ms', runs.map((r) => r.cold.median)),
      row('RSS with papers loaded, before the index', 'MB', runs.map((r) => r.rssBeforeMB)),
      row('RSS after index build', 'MB', runs.map((r) => r.rssMb.afterBuild)),
    ];
    const engine = runs.map((r) => r.engineMb).filter((m): m is number => m !== undefined);
    if (engine.length) rows.push(row('engine memory (live, after GC)', 'MB', engine));
    rows.push(...launchRows(corpus.dir, corpus.papers, ctx));
    return rows;
  },
};
