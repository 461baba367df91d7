import { cpus, loadavg, totalmem } from 'node:os';
import type { BudgetCheck } from './budgets.js';
import type { CorpusInfo } from './digest-writer.js';
import type { BenchOptions } from './options.js';
import type { Measurement } from './sections.js';
import { summarize, type Summary } from './stats.js';

export interface CorpusReport {
  papers: number;
  digests: number;
  entries: number;
  bytes: number;
  generateMs: number;
}

export interface ResultRow extends Summary {
  section: string;
  metric: string;
  unit: Measurement['unit'];
  papers: number;
  samples: number[];
  detail?: Record<string, unknown>;
}

export interface BenchReport {
  generatedAt: string;
  options: Omit<BenchOptions, 'out'>;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryMB: number; loadAverage: { start: number[]; end: number[] } };
  corpora: CorpusReport[];
  results: ResultRow[];
  planned: string[];
  budgets: BudgetCheck[];
}

export function machineInfo(loadAtStart: number[]): BenchReport['machine'] {
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryMB: Math.round(totalmem() / 2 ** 20),
    loadAverage: { start: loadAtStart, end: loadavg() },
  };
}

export function corpusReport(info: CorpusInfo, generateMs: number): CorpusReport {
  return { papers: info.papers, digests: info.digests, entries: info.entries, bytes: info.bytes, generateMs };
}

export function resultRows(measurements: readonly Measurement[]): ResultRow[] {
  return measurements.map((m) => ({ ...m, ...summarize(m.samples) }));
}

function fmt(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–';
  const digits = unit === 'score' ? 3 : unit === '×' ? 2 : unit === 'ms' && value < 10 ? 1 : 0;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** One line per (section, metric), one column per corpus size: "median / p95". */
export function formatTable(report: BenchReport): string {
  const sizes = [...new Set(report.results.map((r) => r.papers))].sort((a, b) => a - b);
  const keyOf = (r: ResultRow) => `${r.section}\u0000${r.metric} (${r.unit})`;
  const rows = new Map<string, Map<number, ResultRow>>();
  // By section number: sections measured once up front (setup) would otherwise come first.
  const sectionNo = (r: ResultRow) => Number(/^\((\d+)\)/.exec(r.section)?.[1] ?? Infinity);
  const ordered = report.results.map((r, i) => ({ r, i })).sort((a, b) => sectionNo(a.r) - sectionNo(b.r) || a.i - b.i);
  for (const { r } of ordered) {
    const byPapers = rows.get(keyOf(r)) ?? new Map<number, ResultRow>();
    byPapers.set(r.papers, r);
    rows.set(keyOf(r), byPapers);
  }
  const generated = new Set(report.corpora.map((c) => c.papers));
  const label = (n: number) => (n === 0 ? 'machine' : generated.has(n) ? `${n.toLocaleString('en-US')} papers` : `samples (${n})`);
  const header = ['section', 'metric', ...sizes.map(label)];
  const lines: string[][] = [header];
  let lastSection = '';
  for (const [key, byPapers] of rows) {
    const [section, metric] = key.split('\u0000') as [string, string];
    lines.push([
      section === lastSection ? '' : section,
      metric,
      ...sizes.map((n) => {
        const r = byPapers.get(n);
        return r ? `${fmt(r.median, r.unit)} / ${fmt(r.p95, r.unit)}` : '';
      }),
    ]);
    lastSection = section;
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const render = (l: string[]) => l.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const m = report.machine;
  const out = [
    `paperterm bench: node ${m.node}, ${m.cpus} × ${m.cpuModel}, load average ${m.loadAverage.start[0]!.toFixed(1)} → ${m.loadAverage.end[0]!.toFixed(1)}`,
    ...report.corpora.map(
      (c) => `corpus ${c.papers.toLocaleString('en-US')} papers: ${c.digests} digests, ${c.entries.toLocaleString('en-US')} entries, ${(c.bytes / 2 ** 20).toFixed(1)} MB`,
    ),
    `cells: median / p95 over the runs (${report.options.runs} per load figure)`,
    '',
    render(lines[0]!),
    ...lines.slice(1).map(render),
  ];
  if (report.planned.length) out.push('', `not measured yet: ${report.planned.join('; ')}`);
  return `${out.join('\n')}\n`;
}
