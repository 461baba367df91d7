// (3) startup: from spawning the real binary in a pty to its first complete frame, on the samples and
// on each corpus (cold and warm parsed-digest cache), next to what Node needs just to import Ink and
// React. Also how long the rest of a large library takes to load behind the first frame, how fast a
// key is answered meanwhile, the program's peak memory, and launch to a query's results.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { READ_WHOLE_BYTES } from '../src/cli/commands/reader.js';
import { loadLibrary } from '../src/core/load.js';
import type { CorpusInfo } from './digest-writer.js';
import { measureLaunchToResults, measureNewDigestLaunch } from './launch-results.js';
import { clearDataCache } from './data-cache.js';
import { childEnv, PtyReader, REPO_ROOT, SAMPLE_DATA } from './pty-reader.js';
import type { BenchContext, BenchSection, Measurement } from './sections.js';
import { summarize } from './stats.js';

const SECTION = '(3) startup';
export const COLS = 120;
export const ROWS = 40;
/** Papers in sample-data/ (the table labels this column "samples"). */
export const samplePapers = (): number => loadLibrary([SAMPLE_DATA]).papers.length;

/** Wall time of a fresh `node` that imports ink and react and exits. */
function importTime(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', "await import('ink'); await import('react');"], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`import ink + react exited ${code}`))));
  });
}

/** Wall time of a bare `node -e 0`: the floor under any Node program's start on this machine. */
function bareNodeTime(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`node -e 0 exited ${code}`))));
  });
}

export interface StartupRun {
  firstFrameMs: number;
  loadedMs: number;
  peakRssMB: number | undefined;
  /** Key-to-frame times of cursor moves made while the library was still loading. */
  movesWhileLoading: number[];
}

const loaded = (screen: string[]) => !(screen[0] ?? '').includes('loading') && (screen[ROWS - 1] ?? '').includes('j/k');

/** The reader's library cache is written in `cacheDir` (a file in its library- directory, not a temp one). */
function libraryCached(cacheDir: string): boolean {
  if (!existsSync(cacheDir)) return false;
  return readdirSync(cacheDir)
    .filter((d) => d.startsWith('library-'))
    .some((d) => readdirSync(join(cacheDir, d)).some((f) => !f.endsWith('.tmp')));
}

/** Waits until the reader's library cache is written in `cacheDir`, at most 30 s (quitting would stop the write). */
export async function untilLibraryCached(cacheDir: string): Promise<void> {
  for (const until = performance.now() + 30_000; !libraryCached(cacheDir) && performance.now() < until; ) {
    await new Promise((res) => setTimeout(res, 50));
  }
}

function digestBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

/**
 * One start of the reader on `dir`: first frame, then (moving the cursor meanwhile) fully loaded.
 * `untilCached`: then stays until the library cache is written (quitting stops the write, and the
 * next start would not be warm), at most 30 s.
 */
export async function startOnce(dir: string, home: string, cacheDir: string, untilCached = false): Promise<StartupRun> {
  const r = new PtyReader([dir], { cols: COLS, rows: ROWS, env: childEnv(home, cacheDir) });
  try {
    await r.frame(1);
    const firstFrameMs = r.frameTimes[0]! - r.startedAt;
    const movesWhileLoading: number[] = [];
    let done = false;
    const finished = r.until(loaded).then(() => {
      done = true;
    });
    while (!done) {
      await Promise.race([finished, new Promise((res) => setTimeout(res, 100))]);
      if (done) break;
      const frames = r.frameCount;
      const t = performance.now();
      r.child.write('j');
      await r.frame(frames + 1);
      if (!done) movesWhileLoading.push(r.frameTimes[frames]! - t);
    }
    await finished;
    const loadedMs = performance.now() - r.startedAt;
    if (untilCached) await untilLibraryCached(cacheDir);
    return { firstFrameMs, loadedMs, peakRssMB: r.peakRssMB(), movesWhileLoading };
  } finally {
    await r.quit();
  }
}

function row(metric: string, unit: Measurement['unit'], papers: number, samples: number[], detail?: Record<string, unknown>): Measurement {
  return { section: SECTION, metric, unit, papers, samples, ...(detail ? { detail } : {}) };
}

async function measureStarts(dir: string, papers: number, ctx: BenchContext): Promise<{ rows: Measurement[]; warmFirstFrame: number[] }> {
  const home = ctx.scratchDir('startup-home');
  const cacheDir = join(home, 'digest-cache');
  const cold: StartupRun[] = [];
  const warm: StartupRun[] = [];
  // A cold start quit as soon as it is loaded would stop its library cache being written, and the
  // warm start after it would be as cold: it stays until the cache is there.
  // Digests past READ_WHOLE_BYTES load in the background, and the reader caches them whole.
  const large = digestBytes(dir) > READ_WHOLE_BYTES;
  // The first run after an install compiles the program: not what "cold" measures (data-cache.ts).
  await startOnce(dir, home, cacheDir);
  for (let i = 0; i < ctx.runs; i++) {
    clearDataCache(cacheDir);
    cold.push(await startOnce(dir, home, cacheDir, large));
    warm.push(await startOnce(dir, home, cacheDir));
    ctx.log(`  startup ${papers} papers: run ${i + 1}/${ctx.runs}`);
  }
  const rss = warm.map((w) => w.peakRssMB).filter((m): m is number => m !== undefined);
  const moves = [...cold, ...warm].flatMap((w) => w.movesWhileLoading);
  const rows = [
    row('first frame, cold cache', 'ms', papers, cold.map((c) => c.firstFrameMs)),
    row('first frame, warm cache', 'ms', papers, warm.map((c) => c.firstFrameMs)),
    row('fully loaded, cold cache', 'ms', papers, cold.map((c) => c.loadedMs)),
    row('fully loaded, warm cache', 'ms', papers, warm.map((c) => c.loadedMs)),
  ];
  if (rss.length) rows.push(row('peak RSS, warm cache', 'MB', papers, rss));
  if (moves.length) rows.push(row('cursor move while loading, key to frame', 'ms', papers, moves));
  rows.push(...(await measureLaunchToResults(SECTION, dir, papers, ctx)));
  rows.push(...(await measureNewDigestLaunch(SECTION, dir, papers, ctx)));
  return { rows, warmFirstFrame: warm.map((w) => w.firstFrameMs) };
}

export const startupSection: BenchSection = {
  id: 3,
  title: 'startup',
  async setup(ctx) {
    const imports: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ctx.runs; i++) {
      imports.push(await importTime());
      bare.push(await bareNodeTime());
    }
    const n = samplePapers();
    const { rows, warmFirstFrame } = await measureStarts(SAMPLE_DATA, n, ctx);
    const ratio = summarize(warmFirstFrame).median / summarize(imports).median;
    const bareRatio = summarize(warmFirstFrame).median / summarize(bare).median;
    return [
      row('node -e 0, start to exit', 'ms', 0, bare),
      row('node: import ink + react, then exit', 'ms', 0, imports),
      ...rows,
      row('first frame (warm) ÷ import ink + react', '×', n, [ratio], { target: '< 2' }),
      row('first frame (warm) ÷ node -e 0', '×', n, [bareRatio], { target: '≤ 3' }),
    ];
  },
  async measure(corpus: CorpusInfo, ctx) {
    return (await measureStarts(corpus.dir, corpus.papers, ctx)).rows;
  },
};
