// Launch to results (issue 12): the real binary in a pty, from spawn until the screen shows a query's
// results: first any answer (in a large library still loading, from the papers read so far: "so
// far"), then the whole library's first answer (header counting matches among all papers, the list
// starting with the top paper `paperterm search` gives; at 5,000 papers and up this is the plain
// scan's), then the index's answer (the count `paperterm search` gives). The query comes from
// `--query` or as keys typed right after spawn ("typed at once"). Cold: a fresh digest, library and
// index cache each run (the run stays until its library is cached); warm: the caches that run left.
// A new day (measureNewDigestLaunch): every cache warm for the library without its newest digest,
// then that digest added, as when the day's digest arrives.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { compareDigests } from '../src/core/library.js';
import { readDigest } from '../src/core/load.js';
import { clearDataCache } from './data-cache.js';
import { BIN, childEnv, PtyReader } from './pty-reader.js';
import type { BenchContext, Measurement } from './sections.js';
import { COLS, ROWS, untilLibraryCached } from './startup-bench.js';

export const LAUNCH_QUERY = 'model soup';
export const NEW_DIGEST_METRIC = 'launch to results (--query), a new digest added to a cached library';
export const LAUNCH_METRICS = {
  flag: 'launch to results (--query)',
  typed: 'launch to results (typed at once)',
} as const;
type Mode = keyof typeof LAUNCH_METRICS;
/** One launch's times from spawn (ms), and the reader's own marks of its phases. */
type Run = { partial: number; first: number; full: number; marks: Map<string, number> };

/** The count and top title `paperterm search` gives, with a cache of its own (the timed runs' stays cold). */
interface Expected {
  count: number;
  top: string;
}

function expected(dir: string, home: string): Expected {
  const out = execFileSync(process.execPath, [BIN, 'search', LAUNCH_QUERY, dir, '--json'], {
    env: childEnv(home, join(home, 'expected-cache')),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const hits = JSON.parse(out) as { title: string }[];
  return { count: hits.length, top: hits[0]?.title ?? '' };
}

/**
 * One launch: `first` is when the whole library's first answer is on screen (the header counts matches
 * among all papers, the list starts with the top paper), `full` when the count is the index's.
 */
async function launchOnce(mode: Mode, dir: string, home: string, cacheDir: string, papers: number, want: Expected, untilCached = false): Promise<Run> {
  const args = mode === 'flag' ? [dir, '--query', LAUNCH_QUERY] : [dir];
  const timeline = join(home, 'timeline.jsonl');
  rmSync(timeline, { force: true });
  const r = new PtyReader(args, { cols: COLS, rows: ROWS, env: { ...childEnv(home, cacheDir), PAPERTERM_TIMELINE: timeline } });
  let times: Omit<Run, 'marks'> | undefined;
  try {
    if (mode === 'typed') r.child.write(`/${LAUNCH_QUERY}\r`);
    const header = new RegExp(`/${LAUNCH_QUERY}  \\d+/${papers} matches`);
    await r.until((s) => new RegExp(`/${LAUNCH_QUERY}  \\d+/\\d+ match`).test(s[0] ?? ''));
    const partial = performance.now() - r.startedAt;
    // The list's first row starts the top paper's title (cut to the column's width).
    await r.until((s) => header.test(s[0] ?? '') && (s[1] ?? '').includes(want.top.slice(0, 20)));
    const first = performance.now() - r.startedAt;
    await r.until((s) => (s[0] ?? '').includes(`/${LAUNCH_QUERY}  ${want.count}/${papers} matches`));
    times = { partial, first, full: performance.now() - r.startedAt };
    // Quitting stops the library cache being written, and the warm launch after a cold one would
    // not be warm (read the digests): a cold launch stays until it is there, at most 30 s.
    if (untilCached) await untilLibraryCached(cacheDir);
  } finally {
    await r.quit();
  }
  return { ...times, marks: readMarks(timeline) };
}

/**
 * Waits until each of the cache directories named by `prefixes` holds a file written since
 * `since` (performance.now() time), at most 60 s: the library and the index the launch made.
 */
async function untilCachedSince(cacheDir: string, prefixes: readonly string[], since: number): Promise<void> {
  const sinceMs = Date.now() - (performance.now() - since);
  const written = (prefix: string) =>
    existsSync(cacheDir) &&
    readdirSync(cacheDir)
      .filter((d) => d.startsWith(prefix))
      .some((d) => readdirSync(join(cacheDir, d)).some((f) => !f.endsWith('.tmp') && statSync(join(cacheDir, d, f)).mtimeMs >= sinceMs));
  for (const until = performance.now() + 60_000; !prefixes.every(written) && performance.now() < until; ) {
    await new Promise((res) => setTimeout(res, 50));
  }
}

/** Opens the reader on `dir` with the query and stays until its library and index are cached. */
async function cacheLibrary(dir: string, home: string, cacheDir: string): Promise<void> {
  const r = new PtyReader([dir, '--query', LAUNCH_QUERY], { cols: COLS, rows: ROWS, env: childEnv(home, cacheDir) });
  try {
    await untilCachedSince(cacheDir, ['library-', 'search-'], r.startedAt);
  } finally {
    await r.quit();
  }
}

/** The phases the reader marked (src/core/timeline.ts), ms since its process started. */
function readMarks(file: string): Map<string, number> {
  if (!existsSync(file)) return new Map();
  const line = readFileSync(file, 'utf8').trim().split('\n').pop() ?? '[]';
  return new Map(JSON.parse(line) as [string, number][]);
}

/** One line: each phase's median over the runs that reached it, in the order first reached. */
function timelineLine(runs: readonly Run[]): string {
  const names = [...new Set(runs.flatMap((r) => [...r.marks.keys()]))];
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const phases = names.map((n) => [n, median(runs.flatMap((r) => (r.marks.has(n) ? [r.marks.get(n)!] : [])))] as const);
  return phases
    .sort((a, b) => a[1] - b[1])
    .map(([n, ms]) => `${n} ${Math.round(ms)}`)
    .join(' · ');
}

/**
 * Rows for one library: --query and typed at once, each cold and warm, `ctx.runs` times. The two
 * ways take turns (which goes first alternates), so a machine whose load drifts during the section
 * weighs on both alike: run one after the other, the second way measured a load the first did not.
 */
export async function measureLaunchToResults(section: string, dir: string, papers: number, ctx: BenchContext): Promise<Measurement[]> {
  const home = ctx.scratchDir('launch-home');
  const cacheDir = join(home, 'digest-cache');
  const want = expected(dir, home);
  const runs: Record<Mode, { cold: Run[]; warm: Run[] }> = { flag: { cold: [], warm: [] }, typed: { cold: [], warm: [] } };
  // The first run after an install compiles the program: not what "cold" measures (data-cache.ts).
  await launchOnce('flag', dir, home, cacheDir, papers, want);
  for (let i = 0; i < ctx.runs; i++) {
    for (const mode of i % 2 === 0 ? (['flag', 'typed'] as const) : (['typed', 'flag'] as const)) {
      clearDataCache(cacheDir);
      runs[mode].cold.push(await launchOnce(mode, dir, home, cacheDir, papers, want, true));
      runs[mode].warm.push(await launchOnce(mode, dir, home, cacheDir, papers, want));
    }
  }
  const rows: Measurement[] = [];
  const detail = { query: LAUNCH_QUERY, matches: want.count, topPaper: want.top };
  for (const mode of ['flag', 'typed'] as const) {
    for (const cache of ['cold', 'warm'] as const) {
      const samples = runs[mode][cache];
      rows.push({ section, metric: `${LAUNCH_METRICS[mode]}, first answer (so far), ${cache} cache`, unit: 'ms', papers, samples: samples.map((x) => x.partial), detail });
      rows.push({ section, metric: `${LAUNCH_METRICS[mode]}, ${cache} cache`, unit: 'ms', papers, samples: samples.map((x) => x.first), detail });
      rows.push({ section, metric: `${LAUNCH_METRICS[mode]}, index's count, ${cache} cache`, unit: 'ms', papers, samples: samples.map((x) => x.full), detail });
    }
  }
  ctx.log(`  launch to results ${papers} papers, --query and typed at once in turns: ${ctx.runs} runs each`);
  for (const mode of ['flag', 'typed'] as const) {
    for (const cache of ['cold', 'warm'] as const) ctx.log(`    phases (${mode}, ${cache}), median ms from process start: ${timelineLine(runs[mode][cache])}`);
  }
  return rows;
}

/**
 * The launch of a new day: the library without its newest digest (by date as the library orders
 * them; in the samples the undated one, dated by its file's time) opened until its library and
 * index are cached, then that digest added and `paperterm --query` launched: the other digests'
 * parsed records and the library are cached (the new digest is merged on top), the index is not.
 * `ctx.runs` times, each from a library cached without it. Copies keep the files' times.
 */
export async function measureNewDigestLaunch(section: string, dir: string, papers: number, ctx: BenchContext): Promise<Measurement[]> {
  const home = ctx.scratchDir('new-digest-home');
  const cacheDir = join(home, 'digest-cache');
  const want = expected(dir, home);
  const copy = ctx.scratchDir('new-digest-digests');
  const newest = basename(readdirSync(dir).map((f) => readDigest(join(dir, f))).sort(compareDigests)[0]!.file);
  const add = () => cpSync(join(dir, newest), join(copy, newest), { preserveTimestamps: true });
  for (const f of readdirSync(dir)) if (f !== newest) cpSync(join(dir, f), join(copy, f), { preserveTimestamps: true });
  const runs: Run[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    rmSync(join(copy, newest), { force: true });
    await cacheLibrary(copy, home, cacheDir);
    add();
    runs.push(await launchOnce('flag', copy, home, cacheDir, papers, want));
  }
  ctx.log(`  launch to results ${papers} papers, the newest digest added to a cached library: ${ctx.runs} runs`);
  ctx.log(`    phases (flag, new digest), median ms from process start: ${timelineLine(runs)}`);
  const detail = { query: LAUNCH_QUERY, matches: want.count, topPaper: want.top, added: newest };
  return [
    { section, metric: `${NEW_DIGEST_METRIC}, first answer (so far)`, unit: 'ms', papers, samples: runs.map((x) => x.partial), detail },
    { section, metric: NEW_DIGEST_METRIC, unit: 'ms', papers, samples: runs.map((x) => x.first), detail },
    { section, metric: `${NEW_DIGEST_METRIC}, index's count`, unit: 'ms', papers, samples: runs.map((x) => x.full), detail },
  ];
}
