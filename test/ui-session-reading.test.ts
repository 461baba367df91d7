/**
 * Reading through the library with the session (real sample digests, real store in a temp dir):
 * digest days ([ ]), the next unread paper (n p), the order (S).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { marksOf } from '../src/state/types.js';
import { orderLabel } from '../src/ui/reader/order.js';
import type { ReaderSession } from '../src/ui/reader/session.js';
import { cleanupStores, MEASURE, sampleLibrary, testSession, turn } from './helpers/session.js';

const { papers, dates, days } = sampleLibrary();
const N = papers.length;

afterEach(cleanupStores);

function keys(session: ReaderSession, ...names: string[]) {
  return session.keys(names, MEASURE);
}
const snap = (s: ReaderSession) => s.getSnapshot();
const onDay = (date: string) => papers.filter((p) => p.dates.includes(date));

describe('[ and ] step through the digest days', () => {
  test('] goes to the newest day, [ to each older one; the snapshot has the day for the header', async () => {
    const { session } = await testSession();
    expect(snap(session).day).toBeUndefined();
    keys(session, 'j', 'j', ']');
    expect(snap(session).view).toEqual({ kind: 'date', ...days[0] });
    expect(snap(session).list.papers).toEqual(onDay(dates[0]!));
    expect(snap(session).day).toEqual({ label: dates[0], index: 0, days: dates.length, papers: onDay(dates[0]!).length, unread: onDay(dates[0]!).length });
    for (let i = 1; i < dates.length; i++) {
      keys(session, 'j', '[');
      expect(snap(session).list.papers).toEqual(onDay(dates[i]!));
      // A day is read from its first paper.
      expect(snap(session).nav.cursor).toBe(0);
      expect(snap(session).day).toMatchObject({ label: dates[i], index: i });
    }
    keys(session, '[');
    expect(snap(session).day?.label).toBe(dates.at(-1));
    expect(snap(session).status?.text).toBe('This is the oldest digest');
    keys(session, ']');
    expect(snap(session).day?.label).toBe(dates.at(-2));
    keys(session, '1');
    expect(snap(session).day).toBeUndefined();
  });

  test("the day's unread count follows the marks; at the newest day ] says so", async () => {
    const { session } = await testSession();
    keys(session, '[');
    expect(snap(session).day?.label).toBe(dates[0]);
    keys(session, 'space', 'j', 'space');
    expect(snap(session).day).toMatchObject({ papers: onDay(dates[0]!).length, unread: onDay(dates[0]!).length - 2 });
    keys(session, ']');
    expect(snap(session).status?.text).toBe('This is the newest digest');
    expect(snap(session).day?.label).toBe(dates[0]);
  });

  test('with a search the day shows its matches only', async () => {
    const { session } = await testSession();
    keys(session, '/', ...'diffusion', 'enter');
    await turn();
    const all = snap(session).list.count;
    keys(session, ']', '[');
    const day = dates[1]!;
    expect(snap(session).query).toBe('diffusion');
    expect(snap(session).list.papers.length).toBeGreaterThan(0);
    expect(snap(session).list.papers.length).toBeLessThan(all);
    for (const p of snap(session).list.papers) expect(p.dates).toContain(day);
  });
});

describe('n and p jump to the next unread paper', () => {
  test('n skips read papers, p goes back; both wrap around, and the status line says so', async () => {
    const { session } = await testSession();
    keys(session, 'j', 'space', 'j', 'space', 'g');
    keys(session, 'n');
    expect(session.selected).toBe(papers[3]);
    expect(snap(session).status).toBeUndefined();
    keys(session, 'p');
    expect(session.selected).toBe(papers[0]);
    keys(session, 'p');
    expect(session.selected).toBe(papers[N - 1]);
    expect(snap(session).status?.text).toBe('Wrapped to the bottom');
    // The list scrolled to show it.
    expect(snap(session).nav.top).toBeGreaterThan(N - 10);
    keys(session, 'n');
    expect(session.selected).toBe(papers[0]);
    expect(snap(session).status?.text).toBe('Wrapped to the top');
  });

  test('in the order shown: in a day, and after S', async () => {
    const { session, store } = await testSession();
    keys(session, '[', '[', 'n');
    expect(session.selected).toBe(onDay(dates[1]!)[1]);
    keys(session, 'S', 'g', 'space', 'n');
    const list = snap(session).list.papers;
    expect(session.selected).toBe(list[1]);
    expect(marksOf(store.marks, list[0]!.id).read).toBe(true);
  });

  test('in a digest day n goes on to the next day with an unread paper, p back; past the last day it wraps', async () => {
    const { session } = await testSession();
    const [d0, d1, d2] = [onDay(dates[0]!), onDay(dates[1]!), onDay(dates[2]!)];
    keys(session, ']', 'G', 'space'); // the newest day, its last paper read
    keys(session, 'k', 'n');
    expect(snap(session).day?.label).toBe(dates[1]);
    expect(session.selected).toBe(d1[0]);
    expect(snap(session).status?.text).toBe(`On to ${dates[1]}`);
    // Back: the newest day's last unread paper.
    keys(session, 'p');
    expect(snap(session).day?.label).toBe(dates[0]);
    expect(session.selected).toBe(d0.at(-2));
    // A day with nothing unread is passed over.
    keys(session, '[', 'A', 'y', ']', 'G', 'n');
    expect(snap(session).day?.label).toBe(dates[2]);
    expect(session.selected).toBe(d2.find((p) => !d1.includes(p)));
    // From the oldest day n wraps to the newest.
    while (snap(session).day?.label !== dates.at(-1)) keys(session, '[');
    keys(session, 'G', 'n');
    expect(snap(session).day?.label).toBe(dates[0]);
    expect(snap(session).status?.text).toBe(`Wrapped to ${dates[0]}, the newest digest`);
  });

  test('in the detail n opens the next unread paper, which marks it read, as a newsreader does', async () => {
    const { session, store } = await testSession();
    keys(session, 'enter');
    expect(marksOf(store.marks, papers[0]!.id).read).toBe(true);
    keys(session, 'n');
    expect(snap(session).mode).toBe('detail');
    expect(snap(session).detail).toBe(papers[1]);
    expect(marksOf(store.marks, papers[1]!.id).read).toBe(true);
    keys(session, 'u');
    expect(marksOf(store.marks, papers[1]!.id).read).toBe(false);
  });

  test('nothing unread: the selection stays and the status line says so', async () => {
    const { session } = await testSession();
    keys(session, 'A', 'y', 'j', 'j', 'U');
    keys(session, 'n');
    expect(session.selected).toBe(papers[2]);
    expect(snap(session).status?.text).toBe('No other unread paper here');
    keys(session, 'space', 'p');
    expect(session.selected).toBe(papers[2]);
    expect(snap(session).status?.text).toBe('No unread papers here');
  });

  test('in a search, unread matches not fetched yet are found too', async () => {
    const { session } = await testSession();
    keys(session, '/', ...'model');
    await turn();
    keys(session, 'enter');
    const fetched = snap(session).list.papers.length;
    expect(fetched).toBeLessThan(snap(session).list.count);
    keys(session, 'p');
    expect(snap(session).list.papers).toHaveLength(snap(session).list.count);
    expect(snap(session).nav.cursor).toBe(snap(session).list.count - 1);
    expect(snap(session).status?.text).toBe('Wrapped to the bottom');
  });
});

describe('S cycles the order', () => {
  test('newest digest first, most digests first, title A–Z, and back; the selected paper stays selected', async () => {
    const { session } = await testSession();
    expect(snap(session).order).toBe('newest');
    keys(session, 'j', 'j', 'j');
    const selected = session.selected;
    keys(session, 'S');
    expect(snap(session).order).toBe('recurring');
    expect(snap(session).status?.text).toBe(`Order: ${orderLabel('recurring')}`);
    const recurring = snap(session).list.papers;
    expect(recurring).toHaveLength(N);
    expect(recurring[0]!.dates.length).toBe(Math.max(...papers.map((p) => p.dates.length)));
    for (let i = 1; i < N; i++) {
      const [a, b] = [recurring[i - 1]!, recurring[i]!];
      expect(a.dates.length).toBeGreaterThanOrEqual(b.dates.length);
      // Ties keep the library's order: newest digest first.
      if (a.dates.length === b.dates.length) expect(papers.indexOf(a)).toBeLessThan(papers.indexOf(b));
    }
    expect(session.selected).toBe(selected);
    keys(session, 'S');
    expect(snap(session).order).toBe('title');
    const byTitle = snap(session).list.papers.map((p) => p.title.toLowerCase());
    expect(byTitle.slice(0, 40)).toEqual([...byTitle].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })).slice(0, 40));
    expect(session.selected).toBe(selected);
    keys(session, 'S');
    expect(snap(session).order).toBe('newest');
    expect(snap(session).list.papers).toEqual(papers);
  });

  test('the order holds across views and days', async () => {
    const { session } = await testSession();
    keys(session, 'S', ']');
    const day = snap(session).list.papers;
    expect(new Set(day)).toEqual(new Set(onDay(dates[0]!)));
    expect(day.map((p) => p.dates.length)).toEqual(onDay(dates[0]!).map((p) => p.dates.length).sort((a, b) => b - a));
    keys(session, '2');
    expect(snap(session).list.papers[0]!.dates.length).toBe(Math.max(...papers.map((p) => p.dates.length)));
  });

  test('a search keeps its best match first and says the order comes back when it is cleared', async () => {
    const { session } = await testSession();
    keys(session, '/', ...'qwen2.5', 'enter');
    await turn();
    const results = snap(session).list.papers;
    keys(session, 'S', 'S');
    expect(snap(session).list.papers).toEqual(results);
    expect(snap(session).status?.text).toMatch(/^Order: title A–Z \(once the search is cleared/);
    keys(session, 'escape');
    const titles = snap(session).list.papers.map((p) => p.title);
    expect(titles[0]!.localeCompare(titles[1]!, 'en', { sensitivity: 'base' })).toBeLessThanOrEqual(0);
  });

  test('papers read in while the library loads go into their place in the order', async () => {
    const half = papers.slice(0, 200);
    const { session } = await testSession({ papers: half, days, loading: 0.5, engine: null });
    keys(session, 'S', 'j');
    const selected = session.selected!;
    session.libraryGrew({ papers, days, loading: null });
    expect(snap(session).list.papers).toHaveLength(N);
    expect(session.selected).toBe(selected);
    const counts = snap(session).list.papers.map((p) => p.dates.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe('Esc followed by another key in one read (fast typing, an SSH hop)', () => {
  // The decoder hands such a burst over as ['escape', 'j']: Esc acts, then the key, in every mode.
  test('in the detail: back to the list, then j moves', async () => {
    const { session } = await testSession();
    keys(session, 'enter', 'j');
    expect(snap(session).nav.detailTop).toBe(1);
    keys(session, 'escape', 'j');
    expect(snap(session).mode).toBe('list');
    expect(session.selected).toBe(papers[1]);
  });

  test('in the list: the kept search is cleared (the paper stays selected), then j moves', async () => {
    const { session } = await testSession();
    keys(session, '/', ...'diffusion', 'enter');
    await turn();
    keys(session, 'j');
    const selected = session.selected!;
    keys(session, 'escape', 'j');
    expect(snap(session).query).toBe('');
    expect(session.selected).toBe(papers[papers.indexOf(selected) + 1]);
  });

  test('on the search line: the search is cancelled, then j moves in the list it came from', async () => {
    const { session } = await testSession();
    keys(session, 'j', 'j', '/', 'x', 'escape', 'j');
    expect(snap(session).mode).toBe('list');
    expect(snap(session).line).toBeUndefined();
    expect(session.selected).toBe(papers[3]);
    // The search still waiting for its turn does not come back.
    await turn();
    expect(snap(session).query).toBe('');
    expect(session.selected).toBe(papers[3]);
  });

  test('in the help: it closes, then j moves', async () => {
    const { session } = await testSession();
    keys(session, '?', 'escape', 'j');
    expect(snap(session).nav.help).toBe(false);
    expect(session.selected).toBe(papers[1]);
  });

  test('at a y/n question: Esc says no, then j moves; nothing marked', async () => {
    const { session, store } = await testSession();
    keys(session, 'A', 'escape', 'j');
    expect(snap(session).mode).toBe('list');
    expect(store.marks.size).toBe(0);
    expect(session.selected).toBe(papers[1]);
  });

  test('Esc twice then a key: each Esc does its own step', async () => {
    const { session } = await testSession();
    keys(session, '/', ...'diffusion', 'enter');
    await turn();
    const opened = session.selected!;
    keys(session, 'enter', 'escape', 'escape', 'j');
    expect(snap(session).mode).toBe('list');
    expect(snap(session).query).toBe('');
    expect(session.selected).toBe(papers[papers.indexOf(opened) + 1]);
  });
});
