// The reader's budgets (issues 11 and 12), checked against the figures of a run and printed under the table.
// A budget whose figures were not measured in this run (another --only, other --sizes) is skipped.
import { LAUNCH_METRICS } from './launch-results.js';
import type { ResultRow } from './report.js';

export interface BudgetCheck {
  budget: string;
  measured: string;
  limit: string;
  ok: boolean;
}

const WIRE = '(4) wire';
const STARTUP = '(3) startup';
const AT = '120×40';
/** The corpus the key budgets are set at. */
const PAPERS = 10_000;

function find(rows: readonly ResultRow[], section: string, metric: string, papers?: number): ResultRow | undefined {
  return rows.find((r) => r.section === section && r.metric === metric && (papers === undefined || r.papers === papers));
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

export function checkBudgets(rows: readonly ResultRow[], samplePapers: number): BudgetCheck[] {
  const out: BudgetCheck[] = [];
  const first = find(rows, STARTUP, 'first frame, warm cache', samplePapers);
  const bare = find(rows, STARTUP, 'node -e 0, start to exit', 0);
  if (first) out.push({ budget: 'first frame on the samples, median', measured: ms(first.median), limit: '≤ 500 ms', ok: first.median <= 500 });
  if (first && bare) {
    const ratio = first.median / bare.median;
    out.push({ budget: 'first frame ÷ bare `node -e 0`', measured: `${ratio.toFixed(2)}×`, limit: '≤ 3×', ok: ratio <= 3 });
  }
  const move = find(rows, WIRE, `cursor move (j) key to frame, ${AT}`, PAPERS);
  if (move) {
    out.push({ budget: `cursor move key → frame, ${PAPERS} papers, median`, measured: ms(move.median), limit: '≤ 16 ms', ok: move.median <= 16 });
    out.push({ budget: `cursor move key → frame, ${PAPERS} papers, p95`, measured: ms(move.p95), limit: '≤ 33 ms', ok: move.p95 <= 33 });
  }
  for (const papers of [...new Set(rows.filter((r) => r.section === WIRE).map((r) => r.papers))]) {
    const bytes = find(rows, WIRE, `cursor move (j), ${AT}`, papers);
    const text = find(rows, WIRE, `cursor move (j), detail text alone, ${AT}`, papers);
    if (bytes && text) {
      const ratio = bytes.median / text.median;
      out.push({ budget: `bytes per move ÷ new detail text, ${papers} papers`, measured: `${ratio.toFixed(2)}×`, limit: '≤ 1.3×', ok: ratio <= 1.3 });
    }
    const held = find(rows, WIRE, `held j, per move, ${AT}`, papers);
    if (held) out.push({ budget: `held j, bytes per move, ${papers} papers`, measured: `${Math.round(held.median)} B`, limit: '≤ 800 B', ok: held.median <= 800 });
  }
  const search = find(rows, WIRE, `search keystroke key to results, ${AT}`, PAPERS);
  if (search) out.push({ budget: `search keystroke → results, ${PAPERS} papers, median`, measured: ms(search.median), limit: '≤ 33 ms', ok: search.median <= 33 });
  out.push(...launchBudgets(rows, samplePapers));
  out.push(...searchBudgets(rows, samplePapers));
  return out;
}

const SEARCH = '(2) search';

/** Issue 12: `paperterm search` from a shell on the samples, and memory at 100,000 papers. */
function searchBudgets(rows: readonly ResultRow[], samplePapers: number): BudgetCheck[] {
  const out: BudgetCheck[] = [];
  for (const cache of ['cold', 'warm']) {
    const r = find(rows, SEARCH, `paperterm search from a shell, ${cache} caches`, samplePapers);
    if (r) out.push({ budget: `paperterm search from a shell, samples, ${cache}, median`, measured: ms(r.median), limit: '≤ 300 ms', ok: r.median <= 300 });
  }
  for (const cache of ['cold', 'warm']) {
    const r = find(rows, SEARCH, `launch (${cache}): peak RSS, loaded + indexed + searched`, 100_000);
    if (r) out.push({ budget: `peak RSS, 100000 papers loaded + indexed + searched, ${cache}`, measured: `${Math.round(r.median)} MB`, limit: '≤ 400 MB', ok: r.median <= 400 });
  }
  return out;
}

/** Issue 12: launch to a query's results, --query and typed at once. */
function launchBudgets(rows: readonly ResultRow[], samplePapers: number): BudgetCheck[] {
  const out: BudgetCheck[] = [];
  const limits: [papers: number, cache: 'cold' | 'warm', ms: number][] = [
    [samplePapers, 'cold', 300],
    [samplePapers, 'warm', 300],
    [100_000, 'warm', 1500],
    [100_000, 'cold', 3000],
  ];
  for (const metric of Object.values(LAUNCH_METRICS)) {
    for (const [papers, cache, limit] of limits) {
      const r = find(rows, STARTUP, `${metric}, ${cache} cache`, papers);
      const where = papers === samplePapers ? 'samples' : `${papers} papers`;
      if (r) out.push({ budget: `${metric}, ${where}, ${cache}, median`, measured: ms(r.median), limit: `≤ ${limit} ms`, ok: r.median <= limit });
    }
  }
  return out;
}

export function formatBudgets(checks: readonly BudgetCheck[]): string {
  if (checks.length === 0) return '';
  const w = Math.max(...checks.map((c) => c.budget.length));
  const lines = checks.map((c) => `  ${c.ok ? 'ok  ' : 'OVER'}  ${c.budget.padEnd(w)}  ${c.measured.padStart(9)}  (${c.limit})`);
  return `\nbudgets (issues 11 and 12):\n${lines.join('\n')}\n`;
}
