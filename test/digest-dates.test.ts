// Full dates for digests that print only "Mar 18" (or nothing): real files in a temp dir, their
// modification times set with utimesSync, loaded the way the reader and the CLI load them.
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dateInFileName, resolveDigestDay, yearBefore } from '../src/core/digest-date.js';
import { startLibraryLoad } from '../src/core/library-load.js';
import { loadLibrary } from '../src/core/load.js';
import { abstract, layoutA, layoutB, localNoon, pinnedSamples, tempDir } from './helpers/digests.js';
import { runCli } from './helpers/cli.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes digests into a fresh dir, each with its modification time. */
function digestsAt(files: Record<string, { text: string; mtime: Date }>): string {
  const dir = tempDir('paperterm-dates-');
  temps.push(dir);
  for (const [name, { text, mtime }] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    utimesSync(join(dir, name), mtime, mtime);
  }
  return dir;
}

const one = (date: string | null, title: string) => (date ? layoutA(date, [[title, abstract(title)]]) : layoutB([[title, abstract(title)]]));

describe('the year of a digest', () => {
  it('lists Jan 2 first when digests dated Dec 30 … Jan 2 were written across the new year', () => {
    const dir = digestsAt({
      'a.txt': { text: one('Dec 30', 'Paper of Dec 30'), mtime: localNoon(2024, 12, 30) },
      'b.txt': { text: one('Dec 31', 'Paper of Dec 31'), mtime: localNoon(2024, 12, 31) },
      'c.txt': { text: one('Jan 1', 'Paper of Jan 1'), mtime: localNoon(2025, 1, 1) },
      'd.txt': { text: one('Jan 2', 'Paper of Jan 2'), mtime: localNoon(2025, 1, 2) },
    });
    const { digests, papers } = loadLibrary([dir]);
    expect(papers.map((p) => p.title)).toEqual(['Paper of Jan 2', 'Paper of Jan 1', 'Paper of Dec 31', 'Paper of Dec 30']);
    expect(papers.map((p) => p.days[0])).toEqual(['2025-01-02', '2025-01-01', '2024-12-31', '2024-12-30']);
    expect(papers.map((p) => p.dates[0])).toEqual(['Jan 2', 'Jan 1', 'Dec 31', 'Dec 30']);
    expect(digests.every((d) => !d.inferred)).toBe(true);
    // The progressive loader (the reader's) orders them the same way before reading them whole.
    const load = startLibraryLoad([dir]);
    while (!load.step(5));
    expect(load.papers()).toEqual(papers);
    expect(load.days()).toEqual([
      { day: '2025-01-02', label: 'Jan 2' },
      { day: '2025-01-01', label: 'Jan 1' },
      { day: '2024-12-31', label: 'Dec 31' },
      { day: '2024-12-30', label: 'Dec 30' },
    ]);
  });

  it('takes a digest copied on Jan 3 with the date Dec 31 to be last year\'s', () => {
    const dir = digestsAt({ 'x.txt': { text: one('Dec 31', 'Late'), mtime: localNoon(2025, 1, 3) } });
    expect(loadLibrary([dir]).digests[0]).toMatchObject({ day: '2024-12-31', label: 'Dec 31', inferred: false });
  });

  it('allows a date line a day or two ahead of the file time (the site\'s time zone) in the same year', () => {
    expect(yearBefore(3, 19, { year: 2025, month: 3, day: 18 })).toBe(2025);
    expect(yearBefore(3, 20, { year: 2025, month: 3, day: 18 })).toBe(2025);
    expect(yearBefore(3, 25, { year: 2025, month: 3, day: 18 })).toBe(2024);
    expect(yearBefore(1, 1, { year: 2024, month: 12, day: 31 })).toBe(2025);
    expect(yearBefore(2, 29, { year: 2025, month: 3, day: 1 })).toBe(2024);
  });

  it('takes the year from a date in the file name over the file time', () => {
    const dir = digestsAt({
      '2023-03-18.txt': { text: one('Mar 18', 'Named with dashes'), mtime: localNoon(2025, 6, 1) },
      'digest-20220317.txt': { text: one('Mar 17', 'Named compact'), mtime: localNoon(2025, 6, 1) },
    });
    const { digests, papers } = loadLibrary([dir]);
    expect(Object.fromEntries(digests.map((d) => [d.label, d.day]))).toEqual({ 'Mar 18': '2023-03-18', 'Mar 17': '2022-03-17' });
    expect(papers.map((p) => p.title)).toEqual(['Named with dashes', 'Named compact']);
  });

  it('keeps the same date of two years apart: two days, in order, where labels alone would merge them', () => {
    const dir = digestsAt({
      '2024-03-18.txt': { text: one('Mar 18', 'Last year'), mtime: localNoon(2025, 6, 1) },
      '2025-03-18.txt': { text: one('Mar 18', 'This year'), mtime: localNoon(2025, 6, 1) },
    });
    const load = startLibraryLoad([dir]);
    while (!load.step(5));
    expect(load.papers().map((p) => p.title)).toEqual(['This year', 'Last year']);
    expect(load.days()).toEqual([
      { day: '2025-03-18', label: 'Mar 18' },
      { day: '2024-03-18', label: 'Mar 18' },
    ]);
  });

  it('never reads a date out of a hash-like file name', () => {
    expect(dateInFileName('/d/004_7e02510e40937594.txt')).toBeNull();
    expect(dateInFileName('/d/000_f936f4210850de81.txt')).toBeNull();
    expect(dateInFileName('/d/x20250318.txt')).toEqual({ year: 2025, month: 3, day: 18 });
    expect(dateInFileName('/d/120250318.txt')).toBeNull();
    expect(dateInFileName('/d/2025-13-01.txt')).toBeNull();
    expect(dateInFileName('/2025-03-18/today.txt')).toBeNull();
  });

  it('uses a year written in the date line as it is', () => {
    expect(resolveDigestDay({ text: 'Mar 18, 2021', month: 3, day: 18, year: 2021 }, '/d/2025-01-01.txt', Date.now())).toMatchObject({
      day: '2021-03-18',
      label: 'Mar 18, 2021',
    });
  });
});

describe('an undated digest', () => {
  it('gets its file\'s modification day, labelled as inferred, never its file name', () => {
    const { dir, files } = pinnedSamples({ undated: localNoon(2025, 3, 19) });
    temps.push(dir);
    const { digests, papers } = loadLibrary([dir]);
    const undated = digests.find((d) => d.file === files.undated)!;
    expect(undated).toMatchObject({ date: null, day: '2025-03-19', inferred: true, label: 'Mar 19?' });
    // Written after the newest dated digest: its papers come first.
    expect(papers[0]!.title).toBe('FB-BEV: BEV Representation from Forward-Backward View Transformations');
    expect(papers[0]!.dates).toEqual(['Mar 19?']);
    expect(papers.some((p) => p.dates.some((d) => d.includes('7e02510e')))).toBe(false);
  });

  it('is dated by a date in its file name when it has one, not inferred', () => {
    const dir = digestsAt({ 'digest_2025-03-16.txt': { text: one(null, 'Undated but named'), mtime: localNoon(2025, 6, 1) } });
    expect(loadLibrary([dir]).digests[0]).toMatchObject({ day: '2025-03-16', inferred: false, label: 'Mar 16' });
  });
});

describe('dates through the parsed-digest cache', () => {
  it('re-dates a cached digest whose file time changed, and keeps the date of an unchanged one', () => {
    const dir = digestsAt({
      'u.txt': { text: one(null, 'Undated'), mtime: localNoon(2025, 3, 1) },
      'd.txt': { text: one('Dec 31', 'Dated'), mtime: localNoon(2025, 1, 2) },
    });
    const cacheDir = tempDir('paperterm-cache-');
    temps.push(cacheDir);
    const first = loadLibrary([dir], { cacheDir });
    expect(loadLibrary([dir], { cacheDir }).digests).toEqual(first.digests);
    expect(first.digests.map((d) => d.day).sort()).toEqual(['2024-12-31', '2025-03-01']);
    utimesSync(join(dir, 'u.txt'), localNoon(2025, 4, 2), localNoon(2025, 4, 2));
    utimesSync(join(dir, 'd.txt'), localNoon(2026, 1, 1), localNoon(2026, 1, 1));
    const again = loadLibrary([dir], { cacheDir });
    expect(again.digests.map((d) => [d.label, d.day]).sort()).toEqual([
      ['Apr 2?', '2025-04-02'],
      ['Dec 31', '2025-12-31'],
    ]);
  });
});

describe('dates in the CLI', () => {
  it('prints the full date in list --json, with the label as written', () => {
    const { dir } = pinnedSamples();
    temps.push(dir);
    const r = runCli(['list', '--json', dir]);
    expect(r.code).toBe(0);
    const papers = JSON.parse(r.stdout) as { title: string; date: string; label: string; days: string[]; dates: string[] }[];
    expect(papers[0]).toMatchObject({ title: 'Efficiently Robustify Pre-trained Models', date: '2025-03-18', label: 'Mar 18' });
    const fb = papers.find((p) => p.title.startsWith('FB-BEV'))!;
    expect(fb).toMatchObject({ date: '2025-03-10', label: 'Mar 10?', days: ['2025-03-10'], dates: ['Mar 10?'] });
  });

  it('prints the full date in the list column, an inferred one with a "?"', () => {
    const { dir } = pinnedSamples();
    temps.push(dir);
    const lines = runCli(['list', dir]).stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/ 2025-03-18 +Efficiently Robustify Pre-trained Models$/);
    expect(lines.at(-1)).toMatch(/ 2025-03-10\? {2}\S/);
  });
});
