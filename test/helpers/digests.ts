import { copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const SAMPLE_DIR = resolve(import.meta.dirname, '../../sample-data');
export const SAMPLES = {
  mar18: join(SAMPLE_DIR, '000_f936f4210850de81.txt'),
  mar17: join(SAMPLE_DIR, '001_97248bc8188d573a.txt'),
  mar14: join(SAMPLE_DIR, '002_d7eb0c39a365ef0e.txt'),
  undated: join(SAMPLE_DIR, '004_7e02510e40937594.txt'),
};

/** A long-enough abstract (real abstracts run 300+ characters; the parser relies on that shape). */
export function abstract(topic: string): string {
  return `We study ${topic} in depth and report what we find. `.repeat(12).trim();
}

export function tempDir(prefix = 'paperterm-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A maker of fresh temp dirs (`prefix`…), all removed once the calling file's tests are done, with
 * those made elsewhere and handed to `removeLater`.
 */
export function tempDirs(prefix: string): (() => string) & { removeLater(dir: string): void } {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const make = () => {
    const dir = tempDir(prefix);
    made.push(dir);
    return dir;
  };
  return Object.assign(make, { removeLater: (dir: string) => void made.push(dir) });
}

/** Writes files into a fresh temp dir; values are text or raw bytes. */
export function writeDigests(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The "000" layout: header lines, a date, blank lines between everything. */
export function layoutA(date: string | null, entries: [string, string][]): string {
  const head = ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'byAK and the research community'];
  if (date) head.push(date);
  return [...head, ...entries.flat()].join('\n\n');
}

/** The "004" layout: no blank lines, no date, first title glued to "Subscribe". */
export function layoutB(entries: [string, string][]): string {
  const lines = entries.flat();
  lines[0] = `Subscribe${lines[0]}`;
  return ['Get trending papers in your email inbox once a day!', 'Get trending papers in your email inbox!', ...lines].join('\n');
}

/** Local noon of a calendar day (month 1-12): a file time that dates to that day in any time zone the tests run in. */
export function localNoon(year: number, month: number, day: number): Date {
  return new Date(year, month - 1, day, 12);
}

/**
 * The sample digests copied into a temp dir with set modification times (a checkout gives them the
 * checkout's time, and the undated digest is dated by it). By default the dated ones were written on
 * their day in 2025 and the undated one on Mar 10, 2025: it then sorts last, as "Mar 10?".
 */
export function pinnedSamples(times: Partial<Record<keyof typeof SAMPLES, Date>> = {}): { dir: string; files: typeof SAMPLES } {
  const dir = tempDir('paperterm-samples-');
  const at: Record<keyof typeof SAMPLES, Date> = {
    mar18: localNoon(2025, 3, 18),
    mar17: localNoon(2025, 3, 17),
    mar14: localNoon(2025, 3, 14),
    undated: localNoon(2025, 3, 10),
    ...times,
  };
  const files = { ...SAMPLES };
  for (const key of Object.keys(SAMPLES) as (keyof typeof SAMPLES)[]) {
    const target = join(dir, SAMPLES[key].split(/[\\/]/).pop()!);
    copyFileSync(SAMPLES[key], target);
    utimesSync(target, at[key], at[key]);
    files[key] = target;
  }
  return { dir, files };
}

/**
 * Digests of a library spanning more than a year: file name → its date line and titles, trending
 * rank first. Both Mar 18s print "Mar 18" (their year is in the file name); one paper trended on both.
 */
export const YEARS_APART: Record<string, { date: string; titles: string[] }> = {
  '2026-03-20.txt': { date: 'Mar 20', titles: ['Twentieth Day Models for Retrieval', 'Twentieth Day Agents that Plan'] },
  '2026-03-18.txt': { date: 'Mar 18', titles: ['Later Year Alpha for Vision', 'Later Year Beta for Speech', 'Recurring Gamma across Years'] },
  '2025-03-18.txt': { date: 'Mar 18', titles: ['Earlier Year Delta for Graphs', 'Recurring Gamma across Years'] },
  '2025-03-17.txt': { date: 'Mar 17', titles: ['Seventeenth Epsilon for Robots'] },
};

/** YEARS_APART written to a fresh temp dir, each file modified at noon of the day its name gives. */
export function yearsApart(): string {
  const dir = tempDir('paperterm-years-');
  for (const [name, { date, titles }] of Object.entries(YEARS_APART)) {
    const file = join(dir, name);
    writeFileSync(file, layoutA(date, titles.map((t) => [t, abstract(t)] as [string, string])));
    const [y, m, d] = name.slice(0, 10).split('-').map(Number) as [number, number, number];
    utimesSync(file, localNoon(y, m, d), localNoon(y, m, d));
  }
  return dir;
}
