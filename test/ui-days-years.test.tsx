/**
 * A library spanning more than a year: the date line says "Mar 18" in 2025 and in 2026 (the year is
 * in the file names). The reader's digest days are full days: `[` `]` `d` `n` `p` visit them as two
 * days, each lists its own papers, and the header, the notes and a day's date column tell them
 * apart by the year. Real digest files in a temp dir, read by the real parser.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { startLibraryLoad } from '../src/core/library-load.js';
import { loadLibrary, readDigestFile } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { daysAfter } from '../src/ui/reader/digest-arrival.js';
import { snapshotOf } from '../src/ui/reader/live-library.js';
import type { ReaderSession } from '../src/ui/reader/session.js';
import { digestDays, viewLabel } from '../src/ui/reader/views.js';
import { fixedSize } from '../src/ui/terminal/size.js';
import { YEARS_APART, yearsApart } from './helpers/digests.js';
import { mountedApps, press } from './helpers/ink.js';
import { TestReader } from './helpers/reader.js';
import { cleanupStores, MEASURE, testSession } from './helpers/session.js';

const DIGESTS = YEARS_APART;
const dir = yearsApart();
const fileOf = (name: string) => join(dir, name);
const whole = loadLibrary([dir]);
const days = digestDays(whole.digests);

afterAll(() => rmSync(dir, { recursive: true, force: true }));
const apps = mountedApps<ReturnType<typeof render>>();
afterEach(() => {
  apps.unmountAll();
  cleanupStores();
});

const snap = (s: ReaderSession) => s.getSnapshot();
const keys = (s: ReaderSession, ...names: string[]) => s.keys(names, MEASURE);
const titles = (list: readonly Paper[]) => list.map((p) => p.title);
const titlesOf = (name: string) => DIGESTS[name]!.titles;
/** The 2025 Mar 18 in library order: the paper of both days first, as the newer digest ranked it. */
const MAR18_2025 = ['Recurring Gamma across Years', 'Earlier Year Delta for Graphs'];

async function session(o: { papers?: readonly Paper[]; days?: typeof days } = {}) {
  return (await testSession({ papers: o.papers ?? whole.papers, days: o.days ?? days, engine: null })).session;
}

describe('two digests labelled Mar 18, a year apart', () => {
  test('the library knows four days; the two Mar 18s are told apart by their year', () => {
    expect(days).toEqual([
      { day: '2026-03-20', label: 'Mar 20' },
      { day: '2026-03-18', label: 'Mar 18' },
      { day: '2025-03-18', label: 'Mar 18' },
      { day: '2025-03-17', label: 'Mar 17' },
    ]);
    // A digest arriving works them out from the papers, the same again.
    expect(daysAfter(whole.papers, [])).toEqual(days);
    // The live load hands the reader the same days.
    const load = startLibraryLoad([dir]);
    while (!load.step(50));
    expect(snapshotOf(load).days).toEqual(days);
  });

  test('[ and ] visit them as two days in order, each listing only its own papers, counted per day', async () => {
    const s = await session();
    keys(s, ']');
    expect(snap(s).day).toEqual({ label: 'Mar 20', index: 0, days: 4, papers: 2, unread: 2 });
    keys(s, '[');
    expect(snap(s).view).toEqual({ kind: 'date', day: '2026-03-18', label: 'Mar 18 2026' });
    expect(viewLabel(snap(s).view)).toBe('Digest Mar 18 2026');
    expect(titles(snap(s).list.papers)).toEqual(titlesOf('2026-03-18.txt'));
    expect(snap(s).day).toEqual({ label: 'Mar 18 2026', index: 1, days: 4, papers: 3, unread: 3 });
    keys(s, 'space'); // the first paper of the 2026 day read: only that day's count drops
    expect(snap(s).day).toMatchObject({ papers: 3, unread: 2 });
    keys(s, '[');
    expect(titles(snap(s).list.papers)).toEqual(MAR18_2025);
    expect(snap(s).day).toEqual({ label: 'Mar 18 2025', index: 2, days: 4, papers: 2, unread: 2 });
    // The paper of both days shows the day viewed.
    const recurring = snap(s).list.papers[0]!;
    expect(recurring.days).toEqual(['2026-03-18', '2025-03-18']);
    expect(snap(s).dateOf(recurring)).toBe('Mar 18 2025');
    keys(s, '[');
    expect(snap(s).day).toMatchObject({ label: 'Mar 17', index: 3 });
    keys(s, '[');
    expect(snap(s).status?.text).toBe('This is the oldest digest');
    keys(s, ']');
    expect(snap(s).day?.label).toBe('Mar 18 2025');
    keys(s, ']');
    expect(snap(s).day?.label).toBe('Mar 18 2026');
    expect(snap(s).dateOf(recurring)).toBe('Mar 18 2026');
    // Elsewhere a paper's newest date is shown as written.
    keys(s, '1');
    expect(snap(s).dateOf(recurring)).toBe('Mar 18');
  });

  test('d cycles through the four days, then back to all papers', async () => {
    const s = await session();
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      keys(s, 'd');
      seen.push(viewLabel(snap(s).view));
    }
    expect(seen).toEqual(['Digest Mar 20', 'Digest Mar 18 2026', 'Digest Mar 18 2025', 'Digest Mar 17']);
    keys(s, 'd');
    expect(snap(s).view).toEqual({ kind: 'all' });
  });

  test('n and p go on across them, one day at a time, the note naming the day with its year', async () => {
    const s = await session();
    keys(s, ']', 'space', 'j', 'space'); // Mar 20 read
    expect(snap(s).day?.unread).toBe(0);
    keys(s, 'n');
    expect(snap(s).day?.label).toBe('Mar 18 2026');
    expect(snap(s).status?.text).toBe('On to Mar 18 2026');
    expect(s.selected?.title).toBe('Later Year Alpha for Vision');
    keys(s, 'space', 'j', 'space', 'j', 'space'); // the 2026 day read, the recurring paper with it
    keys(s, 'n');
    expect(snap(s).day?.label).toBe('Mar 18 2025');
    expect(snap(s).status?.text).toBe('On to Mar 18 2025');
    expect(s.selected?.title).toBe('Earlier Year Delta for Graphs');
    keys(s, 'n');
    expect(snap(s).status?.text).toBe('On to Mar 17');
    // Back: no newer day has an unread paper but the 2025 Mar 18, whose last unread paper is selected.
    keys(s, 'p');
    expect(snap(s).day?.label).toBe('Mar 18 2025');
    expect(snap(s).status?.text).toBe('On to Mar 18 2025');
    expect(s.selected?.title).toBe('Earlier Year Delta for Graphs');
    keys(s, 'space', 'p');
    expect(snap(s).status?.text).toBe('Wrapped to Mar 17, the oldest digest');
  });

  test('on screen: the header names the day with its year and counts its papers; its rows show that day', async () => {
    const s = await session();
    const h = apps.track(render(<TestReader session={s} size={fixedSize(120, 20)} color={false} />));
    const lines = () => stripVTControlCharacters(h.lastFrame() ?? '').split('\n');
    const rows = (n: number) => lines().slice(1, 1 + n).map((l) => l.split('│')[0]!.trimEnd());
    await press(h, ']', '[');
    expect(lines()[0]).toContain('│ Digest Mar 18 2026 3 · 3 unread · day 3 of 4');
    expect(rows(3).every((r) => r.endsWith('Mar 18 2026'))).toBe(true);
    await press(h, '[');
    expect(lines()[0]).toContain('│ Digest Mar 18 2025 2 · 2 unread · day 2 of 4');
    expect(rows(2).map((r) => r.endsWith('Mar 18 2025'))).toEqual([true, true]);
    expect(rows(2)[1]).toContain('Earlier Year Delta');
    await press(h, '1');
    expect(lines()[0]).toContain('│ All papers 7');
    expect(lines()[0]).not.toContain('unread · day');
    expect(rows(7).filter((r) => / Mar 18$/.test(r))).toHaveLength(4);
  });
});

describe('a digest arriving for a label another year already has', () => {
  test('the 2025 Mar 18 arrives: a day of its own, older than 2026 Mar 18, which now shows its year', async () => {
    const before = loadLibrary(['2026-03-20.txt', '2026-03-18.txt', '2025-03-17.txt'].map(fileOf));
    const s = await session({ papers: before.papers, days: digestDays(before.digests) });
    keys(s, ']', '[');
    expect(viewLabel(snap(s).view)).toBe('Digest Mar 18');
    s.digestsArrived([readDigestFile(fileOf('2025-03-18.txt'))]);
    // Still the 2026 day, its papers and place, now named with its year.
    expect(snap(s).view).toEqual({ kind: 'date', day: '2026-03-18', label: 'Mar 18 2026' });
    expect(titles(snap(s).list.papers)).toEqual(titlesOf('2026-03-18.txt'));
    expect(snap(s).day).toMatchObject({ label: 'Mar 18 2026', index: 1, days: 4, papers: 3 });
    keys(s, '[');
    expect(titles(snap(s).list.papers)).toEqual(MAR18_2025);
    expect(snap(s).day).toMatchObject({ label: 'Mar 18 2025', index: 2, days: 4, papers: 2 });
    keys(s, '[');
    expect(snap(s).day?.label).toBe('Mar 17');
  });

  test('the 2026 Mar 18 arrives into a 2025 library: the Mar 18 shown stays the 2025 one', async () => {
    const before = loadLibrary(['2025-03-18.txt', '2025-03-17.txt'].map(fileOf));
    const s = await session({ papers: before.papers, days: digestDays(before.digests) });
    keys(s, ']');
    expect(snap(s).day).toMatchObject({ label: 'Mar 18', index: 0, days: 2, papers: 2 });
    s.digestsArrived([readDigestFile(fileOf('2026-03-18.txt'))]);
    expect(snap(s).day).toMatchObject({ label: 'Mar 18 2025', index: 1, days: 3, papers: 2 });
    expect(new Set(titles(snap(s).list.papers))).toEqual(new Set(MAR18_2025));
    keys(s, ']');
    expect(snap(s).day).toMatchObject({ label: 'Mar 18 2026', index: 0, papers: 3 });
    expect(titles(snap(s).list.papers)).toEqual(titlesOf('2026-03-18.txt'));
  });
});
