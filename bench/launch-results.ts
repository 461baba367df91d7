// Launch to results (issue 12): the real binary in a pty, from spawn until the screen shows a query's
// results for the whole library: the header's match count over every paper, the same count and top
// paper `paperterm search` gives. The query comes either from `--query` or as keys typed right after
// spawn ("typed at once"). Cold: a fresh digest cache each run; warm: the cache that run left.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, childEnv, PtyReader } from './pty-reader.js';
import type { BenchContext, Measurement } from './sections.js';
import { COLS, ROWS } from './startup-bench.js';

export const LAUNCH_QUERY = 'model soup';
export const LAUNCH_METRICS = {
  flag: 'launch to results (--query)',
  typed: 'launch to results (typed at once)',
} as const;
type Mode = keyof typeof LAUNCH_METRICS;

/** The count and top title `paperterm search` gives, with a cache of its own (the timed runs' stays cold). */
function expected(dir: string, home: string): { count: number; top: string } {
  const out = execFileSync(process.execPath, [BIN, 'search', LAUNCH_QUERY, dir, '--json'], {
    env: childEnv(home, join(home, 'expected-cache')),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const hits = JSON.parse(out) as { title: string }[];
  return { count: hits.length, top: hits[0]?.title ?? '' };
}

async function launchOnce(mode: Mode, dir: string, home: string, cacheDir: string, papers: number, want: { count: number; top: string }): Promise<{ ms: number; topShown: boolean }> {
  const args = mode === 'flag' ? [dir, '--query', LAUNCH_QUERY] : [dir];
  const r = new PtyReader(args, { cols: COLS, rows: ROWS, env: childEnv(home, cacheDir) });
  try {
    if (mode === 'typed') r.child.write(`/${LAUNCH_QUERY}\r`);
    const header = `/${LAUNCH_QUERY}  ${want.count}/${papers} matches`;
    await r.until((s) => (s[0] ?? '').includes(header));
    const ms = performance.now() - r.startedAt;
    // The list's first row shows the start of the top paper's title (cut to the column's width).
    const topShown = (r.screen()[1] ?? '').includes(want.top.slice(0, 20));
    return { ms, topShown };
  } finally {
    await r.quit();
  }
}

/** Rows for one library: --query and typed at once, each cold and warm, `ctx.runs` times. */
export async function measureLaunchToResults(section: string, dir: string, papers: number, ctx: BenchContext): Promise<Measurement[]> {
  const home = ctx.scratchDir('launch-home');
  const cacheDir = join(home, 'digest-cache');
  const want = expected(dir, home);
  const rows: Measurement[] = [];
  for (const mode of ['flag', 'typed'] as const) {
    const cold: number[] = [];
    const warm: number[] = [];
    let topShown = true;
    for (let i = 0; i < ctx.runs; i++) {
      rmSync(cacheDir, { recursive: true, force: true });
      mkdirSync(cacheDir, { recursive: true });
      for (const times of [cold, warm]) {
        const run = await launchOnce(mode, dir, home, cacheDir, papers, want);
        times.push(run.ms);
        topShown &&= run.topShown;
      }
    }
    const detail = { query: LAUNCH_QUERY, matches: want.count, topPaper: want.top, topShown };
    rows.push({ section, metric: `${LAUNCH_METRICS[mode]}, cold cache`, unit: 'ms', papers, samples: cold, detail });
    rows.push({ section, metric: `${LAUNCH_METRICS[mode]}, warm cache`, unit: 'ms', papers, samples: warm, detail });
    ctx.log(`  launch to results ${papers} papers, ${LAUNCH_METRICS[mode]}: ${ctx.runs} runs`);
  }
  return rows;
}
