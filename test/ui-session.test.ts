/**
 * The reader's behaviour without a terminal: a ReaderSession over the real sample digests, with a
 * real state store in a temp dir and the real search engine, driven by key names.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openStateStore } from '../src/state/index.js';
import { marksOf } from '../src/state/types.js';
import { makeCorpusPapers } from '../bench/corpus.js';
import { createSearchEngine, type SearchEngine } from '../src/search/engine.js';
import type { ReaderSession } from '../src/ui/reader/session.js';
import { makeTempDir, unwritableDir } from './state-helpers.js';
import { cleanupStores, MEASURE, sampleLibrary, sampleSearchEngine, tempStore, testSession, turn } from './helpers/session.js';

const { papers, dates, days } = sampleLibrary();
const N = papers.length;

afterEach(cleanupStores);

/** Presses keys (names as keymap.keyNames gives them: 'j', 'space', 'enter', 'escape', 'ctrl+w'). */
function keys(session: ReaderSession, ...names: string[]) {
  return session.keys(names, MEASURE);
}

/** Types text into the search line, one key at a time as a terminal sends it. */
function type(session: ReaderSession, text: string) {
  return keys(session, ...[...text].map((c) => (c === ' ' ? 'space' : c)));
}

const snap = (s: ReaderSession) => s.getSnapshot();
const titles = (s: ReaderSession) => snap(s).list.papers.map((p) => p.title);

/** A real engine, recording every query it is asked. */
/**
 * The engine with the queries it was asked, and a clock (`now`, for the session) on which each search
 * takes `costMs`.
 */
function countingEngine(
  real = sampleSearchEngine(),
  costMs = 0,
): { engine: SearchEngine; queries: string[]; limits: number[]; now: () => number } {
  const queries: string[] = [];
  const limits: number[] = [];
  let clock = 0;
  const search: SearchEngine['search'] = (q, o) => {
    queries.push(q);
    limits.push(o?.limit ?? Infinity);
    clock += costMs;
    return real.search(q, o);
  };
  return { queries, limits, engine: { papers: real.papers, search }, now: () => clock };
}

describe('marks', () => {
  test('Space toggles read, s starred, U marks unread; all saved in the store at once', async () => {
    const { dir } = makeTempDir();
    const store = await openStateStore({ dir });
    const { session } = await testSession({ store });
    const first = papers[0]!;
    keys(session, 'space');
    expect(marksOf(store.marks, first.id).read).toBe(true);
    expect(snap(session).marks.unreadCount).toBe(N - 1);
    keys(session, 'space');
    expect(marksOf(store.marks, first.id).read).toBe(false);
    keys(session, 'm', 's');
    expect(marksOf(store.marks, first.id)).toEqual({ read: true, starred: true });
    expect(snap(session).marks.starredCount).toBe(1);
    keys(session, '*', 'U');
    expect(marksOf(store.marks, first.id)).toEqual({ read: false, starred: false });
    keys(session, 'j', 's');
    // A second process reading the same directory sees what was saved.
    const again = await openStateStore({ dir });
    expect(marksOf(again.marks, papers[1]!.id).starred).toBe(true);
  });

  test('opening a paper (Enter, l, →) marks it read; undo takes that back', async () => {
    const { session, store } = await testSession();
    keys(session, 'j', 'enter');
    expect(snap(session).mode).toBe('detail');
    expect(marksOf(store.marks, papers[1]!.id).read).toBe(true);
    // In the detail Space pages, m toggles read.
    keys(session, 'space');
    expect(marksOf(store.marks, papers[1]!.id).read).toBe(true);
    keys(session, 'm');
    expect(marksOf(store.marks, papers[1]!.id).read).toBe(false);
    keys(session, 'u');
    expect(marksOf(store.marks, papers[1]!.id).read).toBe(true);
    keys(session, 'u');
    expect(marksOf(store.marks, papers[1]!.id).read).toBe(false);
    expect(snap(session).status?.text).toBe('Undone: opened a paper (marked read)');
    keys(session, 'escape', 'j', 'l');
    expect(marksOf(store.marks, papers[2]!.id).read).toBe(true);
    keys(session, 'h', 'j', 'right');
    expect(snap(session).mode).toBe('detail');
    expect(marksOf(store.marks, papers[3]!.id).read).toBe(true);
  });

  test('Tab into the detail only moves the focus: the paper stays unread', async () => {
    const { session, store } = await testSession();
    keys(session, 'j', 'tab');
    expect(snap(session).mode).toBe('detail');
    expect(snap(session).detail).toBe(papers[1]);
    expect(marksOf(store.marks, papers[1]!.id).read).toBe(false);
    expect(snap(session).marks.unreadCount).toBe(N);
    keys(session, 'tab', 'tab');
    expect(snap(session).mode).toBe('detail');
    expect(session.undoSteps).toBe(0);
  });

  test('A with one unread paper asks about "1 paper", not "1 papers"', async () => {
    const { session } = await testSession();
    keys(session, 'A', 'y', 'j', 'U', 'A');
    expect(snap(session).confirm).toBe('Mark 1 paper read?');
    keys(session, 'y');
    expect(snap(session).status?.text).toBe('Marked 1 paper read · u undoes');
  });

  test('u undoes step by step, back to exactly where it started; then says so', async () => {
    const { session, store } = await testSession();
    keys(session, 's', 'j', 'space', 'j', 's', 'k', 'U');
    expect(session.undoSteps).toBe(4);
    keys(session, 'u');
    expect(marksOf(store.marks, papers[1]!.id).read).toBe(true);
    keys(session, 'u', 'u', 'u');
    expect([...store.marks.values()].some((m) => m.read || m.starred)).toBe(false);
    keys(session, 'u');
    expect(snap(session).status?.text).toBe('Nothing to undo');
  });

  test('A asks first; any key but y leaves everything as it was', async () => {
    const { session, store } = await testSession();
    keys(session, 'A');
    expect(snap(session).mode).toBe('confirm');
    expect(snap(session).confirm).toBe(`Mark ${N} papers read?`);
    keys(session, 'j');
    expect(snap(session).mode).toBe('list');
    expect(snap(session).nav.cursor).toBe(0); // the cancelling key does nothing else
    expect(snap(session).status?.text).toBe('Nothing marked');
    keys(session, 'A', 'escape');
    keys(session, 'A', 'n');
    expect(store.marks.size).toBe(0);
  });

  test('A then y marks every paper shown read; u restores exactly the previous values', async () => {
    const { session, store } = await testSession();
    keys(session, 'space', 'j', 'j', 's'); // papers[0] read, papers[2] starred
    keys(session, 'A');
    expect(snap(session).confirm).toBe(`Mark ${N - 1} papers read?`);
    keys(session, 'y');
    expect(snap(session).marks.unreadCount).toBe(0);
    expect(snap(session).status?.text).toBe(`Marked ${N - 1} papers read · u undoes`);
    keys(session, 'u');
    expect(snap(session).marks.unreadCount).toBe(N - 1);
    expect(marksOf(store.marks, papers[0]!.id)).toEqual({ read: true, starred: false });
    expect(marksOf(store.marks, papers[2]!.id)).toEqual({ read: false, starred: true });
    keys(session, 'A', 'y', 'A');
    expect(snap(session).status?.text).toBe('Every paper here is read already');
    expect(snap(session).mode).toBe('list');
  });

  test('A in a search marks the matches only, however many were fetched', async () => {
    const { session } = await testSession();
    keys(session, '/');
    type(session, 'learning');
    await turn();
    keys(session, 'enter');
    const { count } = snap(session).list;
    expect(snap(session).list.papers.length).toBeLessThan(count); // not all fetched yet
    keys(session, 'A', 'y');
    expect(snap(session).marks.unreadCount).toBe(N - count);
  });
});

describe('views', () => {
  test('2 shows the unread papers, 3 the starred, 1 all; the view and its count are in the snapshot', async () => {
    const { session } = await testSession();
    keys(session, 'space', 'j', 'space', 'j', 's');
    keys(session, '2');
    expect(snap(session).view).toEqual({ kind: 'unread' });
    expect(snap(session).list.viewSize).toBe(N - 2);
    expect(titles(session)[0]).toBe(papers[2]!.title);
    keys(session, '3');
    expect(titles(session)).toEqual([papers[2]!.title]);
    keys(session, '1');
    expect(snap(session).list.viewSize).toBe(N);
    // The selection stays on the same paper when it is in the new view.
    expect(session.selected).toBe(papers[2]);
  });

  test('a paper marked out of the view stays listed until the view is chosen again', async () => {
    const { session } = await testSession();
    keys(session, '2', 'j', 'space');
    expect(titles(session)[1]).toBe(papers[1]!.title);
    expect(session.selected).toBe(papers[1]);
    expect(snap(session).marks.isUnread(papers[1]!)).toBe(false);
    keys(session, 'j', 'space');
    expect(snap(session).list.papers).toHaveLength(N);
    keys(session, '2');
    expect(snap(session).list.papers).toHaveLength(N - 2);
    expect(titles(session)).not.toContain(papers[1]!.title);
    // Unstarring in the starred view behaves the same.
    keys(session, 'g', 's', 'j', 's', '3');
    expect(snap(session).list.papers).toHaveLength(2);
    keys(session, 's');
    expect(snap(session).list.papers).toHaveLength(2);
    keys(session, '3');
    expect(snap(session).list.papers).toHaveLength(1);
  });

  test('d cycles through the digest dates, newest first, then back to all papers', async () => {
    const { session } = await testSession();
    expect(dates[0]).toBe('Mar 18');
    for (const [i, date] of dates.entries()) {
      keys(session, 'd');
      expect(snap(session).view).toEqual({ kind: 'date', day: days[i]!.day, label: date });
      const expected = papers.filter((p) => p.dates.includes(date));
      expect(snap(session).list.papers).toEqual(expected);
      expect(snap(session).list.viewSize).toBe(expected.length);
    }
    keys(session, 'd');
    expect(snap(session).view).toEqual({ kind: 'all' });
  });

  test('in a single digest the date given for each paper is that digest\'s, not the paper\'s newest', async () => {
    const { session } = await testSession();
    // A paper that was in several digests, and a digest other than its newest.
    const recurring = papers.find((p) => p.dates.length > 1)!;
    const older = recurring.dates[1]!;
    expect(snap(session).dateOf(recurring)).toBe(recurring.dates[0]);
    while (!(snap(session).view.kind === 'date' && (snap(session).view as { label: string }).label === older)) keys(session, 'd');
    expect(snap(session).list.papers).toContain(recurring);
    expect(snap(session).dateOf(recurring)).toBe(older);
    for (const p of snap(session).list.papers) expect(snap(session).dateOf(p)).toBe(older);
    keys(session, '1');
    expect(snap(session).dateOf(recurring)).toBe(recurring.dates[0]);
  });

  test('choosing a view picks up marks another paperterm saved meanwhile', async () => {
    const { dir } = makeTempDir();
    const { session } = await testSession({ store: await openStateStore({ dir }) });
    const other = await openStateStore({ dir });
    other.set([papers[5]!.id], 'starred', true);
    keys(session, '3');
    expect(titles(session)).toEqual([papers[5]!.title]);
    expect(snap(session).marks.starredCount).toBe(1);
  });
});

describe('search', () => {
  test('the line changes with every key; the list follows on the next turn, best match first and selected', async () => {
    const { session } = await testSession();
    keys(session, 'j', 'j', '/');
    expect(snap(session).mode).toBe('search');
    type(session, 'qwen2.5');
    expect(snap(session).line).toEqual({ text: 'qwen2.5', cursor: 7 });
    expect(snap(session).query).toBe('qwen2.5');
    await turn();
    expect(titles(session)[0]).toBe('Qwen2.5 Technical Report');
    expect(snap(session).list.count).toBe(2);
    expect(snap(session).list.viewSize).toBe(N);
    expect(snap(session).nav.cursor).toBe(0);
    // The matched characters of the title, for highlighting.
    const first = snap(session).list.papers[0]!;
    const ranges = snap(session).list.ranges.get(first) ?? [];
    expect(ranges.map(([start, end]) => first.title.slice(start, end + 1))).toEqual(['Qwen2.5']);
    keys(session, 'enter');
    expect(snap(session).mode).toBe('list');
    expect(snap(session).query).toBe('qwen2.5');
  });

  test('keys faster than searches: one search, for the newest text, and no key lost', async () => {
    const { engine, queries, now } = countingEngine(undefined, 50);
    const { session } = await testSession({ engine, now });
    keys(session, '/');
    keys(session, 'q', 'w', 'e'); // one burst (one read)
    keys(session, 'n'); // and another before the search had its turn
    keys(session, 'left', 'left', 'x', 'backspace', 'end', '2', '.', '5');
    // Ink reports the Backspace key as "delete": it erases backwards too; Ctrl-D erases forwards.
    keys(session, 'home', 'z', 'y', 'delete', 'left', 'ctrl+d', 'end');
    expect(snap(session).line).toEqual({ text: 'qwen2.5', cursor: 7 });
    expect(queries).toEqual([]);
    await turn();
    expect(queries).toEqual(['qwen2.5']);
    expect(titles(session)[0]).toBe('Qwen2.5 Technical Report');
  });

  test('once searches are known to be quick, a keystroke brings its results with it (one frame), a burst still one search', async () => {
    const { engine, queries, now } = countingEngine(undefined, 2);
    const { session } = await testSession({ engine, now });
    keys(session, '/', 'q');
    // The first search's cost is not known yet: it runs on its turn, after the key is drawn.
    expect(queries).toEqual([]);
    await turn();
    expect(queries).toEqual(['q']);
    keys(session, 'w', 'e', 'n');
    expect(queries).toEqual(['q', 'qwen']);
    expect(snap(session).query).toBe('qwen');
    expect(titles(session)[0]).toMatch(/qwen/i);
    await turn();
    expect(queries).toEqual(['q', 'qwen']);
  });

  test('after a slow search the next keystroke is drawn first and its search runs on its turn', async () => {
    const { engine, queries, now } = countingEngine(undefined, 40);
    const { session } = await testSession({ engine, now });
    keys(session, '/', 'q');
    await turn();
    keys(session, 'w');
    expect(snap(session).line?.text).toBe('qw');
    expect(queries).toEqual(['q']);
    await turn();
    expect(queries).toEqual(['q', 'qw']);
  });

  test('Esc clears the search and puts the selection and scroll back where they were', async () => {
    const { session } = await testSession();
    keys(session, 'ctrl+d', 'ctrl+d', 'j');
    const { cursor, top } = snap(session).nav;
    keys(session, '/');
    type(session, 'diffusion');
    await turn();
    keys(session, 'down');
    expect(snap(session).nav.cursor).toBe(1);
    keys(session, 'escape');
    expect(snap(session).mode).toBe('list');
    expect(snap(session).query).toBe('');
    expect(snap(session).list.papers).toHaveLength(N);
    expect(snap(session).nav).toMatchObject({ cursor, top });
    // A search still waiting for its turn must not undo the restore.
    keys(session, '/', 'x', 'escape');
    await turn();
    expect(snap(session).nav).toMatchObject({ cursor, top });
  });

  test('erasing the line shows the list as it was; Ctrl-W and Ctrl-U erase a word and the line', async () => {
    const { session } = await testSession();
    keys(session, 'j', 'j', 'j', '/');
    type(session, 'video diffusion');
    keys(session, 'ctrl+w');
    expect(snap(session).line?.text).toBe('video ');
    keys(session, 'ctrl+u');
    expect(snap(session).line?.text).toBe('');
    await turn();
    expect(session.selected).toBe(papers[3]);
    expect(snap(session).list.papers).toHaveLength(N);
  });

  test('Esc in the list clears a kept search and keeps the selected paper', async () => {
    const { session } = await testSession();
    keys(session, '/');
    type(session, 'diffusion');
    await turn();
    keys(session, 'enter', 'j', 'j');
    const selected = session.selected!;
    keys(session, 'escape');
    expect(snap(session).query).toBe('');
    expect(session.selected).toBe(selected);
    expect(snap(session).nav.cursor).toBe(papers.indexOf(selected));
  });

  test('views combine with a search: matches among the unread, out of the unread', async () => {
    const { session } = await testSession();
    keys(session, '/');
    type(session, 'diffusion');
    await turn();
    keys(session, 'enter', 'space', 'j', 'space');
    const read = snap(session).list.papers.slice(0, 2);
    keys(session, '2');
    expect(snap(session).list.count).toBe(22);
    expect(snap(session).list.viewSize).toBe(N - 2);
    for (const p of read) expect(snap(session).list.papers).not.toContain(p);
    keys(session, '/', 'ctrl+u');
    type(session, 'qwen2.5');
    await turn();
    expect(titles(session)).toEqual(['Qwen2.5 Technical Report', 'EfficientLLM: Scalable Pruning-Aware Pretraining for Architecture-Agnostic Edge Language Models']);
  });

  test('a search that matches many papers fetches a few screens and the rest as you get there', async () => {
    const { session } = await testSession();
    keys(session, '/');
    type(session, 'model');
    await turn();
    const { list } = snap(session);
    expect(list.count).toBe(421);
    expect(list.papers.length).toBeLessThan(421);
    keys(session, 'enter');
    for (let i = 0; i < 20; i++) keys(session, 'pagedown');
    expect(snap(session).nav.cursor).toBeGreaterThan(list.papers.length);
    keys(session, 'G');
    expect(snap(session).list.papers).toHaveLength(421);
    expect(snap(session).nav.cursor).toBe(420);
    expect(new Set(snap(session).list.papers).size).toBe(421);
  });

  test('in a filtered view a search keeps fetching until a screen is full', async () => {
    const { session } = await testSession();
    // Every paper read but the last 30 of the library: the unread view is its tail.
    keys(session, 'A', 'y');
    for (let i = 0; i < 30; i++) keys(session, 'G', ...Array(i).fill('k'), 'U');
    keys(session, '2', '/');
    type(session, 'model');
    await turn();
    expect(snap(session).list.papers.length).toBe(snap(session).list.count);
    expect(snap(session).list.countExact).toBe(true);
    expect(snap(session).list.count).toBeGreaterThan(20);
  });

  test('in a big library one key never ranks every match: a sparse view fills over several keys, G gets all', async () => {
    const big = makeCorpusPapers(6000);
    const { store } = await tempStore();
    store.set(
      big.map((p) => p.id),
      'read',
      true,
    );
    const unread = big.slice(-8);
    store.set(
      unread.map((p) => p.id),
      'read',
      false,
    );
    const { engine, limits } = countingEngine(createSearchEngine(big));
    const { session } = await testSession({ papers: big, days: [], store, engine });
    keys(session, '2', '/');
    type(session, 'model');
    await turn();
    // Growing fetches, none of them every match.
    expect(limits.length).toBeGreaterThan(1);
    expect(Math.max(...limits)).toBeLessThanOrEqual(1600);
    const first = snap(session).list;
    expect(first.countExact).toBe(false);
    expect(first.papers.length).toBeLessThan(8);
    keys(session, 'enter', 'G');
    expect(snap(session).list).toMatchObject({ countExact: true, count: 8 });
    expect(new Set(snap(session).list.papers)).toEqual(new Set(unread));
  });

  test('before the index is built the line still works; results come when it is ready', async () => {
    const { session } = await testSession({ engine: null });
    keys(session, '/');
    type(session, 'qwen2.5');
    await turn();
    expect(snap(session).indexing).toBe(true);
    expect(snap(session).list.papers).toHaveLength(N);
    session.attachEngine(sampleSearchEngine());
    await turn();
    expect(snap(session).indexing).toBe(false);
    expect(titles(session)[0]).toBe('Qwen2.5 Technical Report');
  });

  test('keys typed before the index is built are kept when the results come: /bev Enter j j ends on result 3', async () => {
    const { session } = await testSession({ engine: null });
    keys(session, 'j', 'j', 'j', 'j', 'j'); // somewhere in the list first: the moves count from where the search was typed
    keys(session, '/', 'b', 'e', 'v', 'enter', 'j', 'j');
    expect(snap(session).indexing).toBe(true);
    session.attachEngine(sampleSearchEngine());
    await turn();
    const results = sampleSearchEngine().search('bev', { limit: 10 }).hits.map((h) => papers[h.index]);
    expect(snap(session).list.papers.slice(0, 3)).toEqual(results.slice(0, 3));
    expect(snap(session).nav.cursor).toBe(2);
    expect(session.selected).toBe(results[2]);
  });

  test('keys in the same burst as the query, before its search had its turn, are kept too', async () => {
    const { session } = await testSession();
    keys(session, '/', 'b', 'e', 'v', 'enter', 'j', 'j', 'k', 'j', 'j');
    await turn();
    expect(snap(session).nav.cursor).toBe(3);
    // Typing more starts from the best match of the new text again.
    keys(session, '/', 's');
    await turn();
    expect(snap(session).nav.cursor).toBe(0);
  });

  test('buildIndex builds the engine off the key path and runs the waiting search', async () => {
    const { session } = await testSession({ engine: null, query: 'qwen2.5' });
    expect(snap(session).indexing).toBe(true);
    await session.buildIndex();
    await turn();
    expect(titles(session)[0]).toBe('Qwen2.5 Technical Report');
  });

  test('a query given at start (--query) is applied', async () => {
    const { session } = await testSession({ query: 'diffusion' });
    await turn();
    expect(snap(session).query).toBe('diffusion');
    expect(snap(session).list.count).toBe(24);
    expect(snap(session).mode).toBe('list');
  });

  test('no match: an empty list, and the keys that need a paper do nothing', async () => {
    const { session, store } = await testSession();
    keys(session, '/');
    type(session, 'zzzzqqq');
    await turn();
    keys(session, 'enter', 'space', 's', 'enter', 'A');
    expect(snap(session).list.papers).toHaveLength(0);
    expect(store.marks.size).toBe(0);
    expect(snap(session).status?.text).toBe('Every paper here is read already');
  });
});

describe('status line', () => {
  test('load problems show at start, the first one and how many; the next key clears them', async () => {
    const { session } = await testSession({ notices: ['a.txt: no entries (+2 more; paperterm list prints them all)'] });
    expect(snap(session).status).toEqual({ text: 'a.txt: no entries (+2 more; paperterm list prints them all)', warning: true });
    keys(session, 'j');
    expect(snap(session).status).toBeUndefined();
  });

  test('a state dir that cannot be written: a warning at start, marks still work for the session', async () => {
    const { dir: parent } = makeTempDir();
    const { dir } = unwritableDir(parent);
    const store = await openStateStore({ dir });
    const { session } = await testSession({ store });
    expect(snap(session).status?.warning).toBe(true);
    expect(snap(session).status?.text).toContain('marks made now last only until paperterm exits');
    expect(snap(session).saving).toBe(false);
    keys(session, 'space');
    expect(snap(session).marks.unreadCount).toBe(N - 1);
  });

  test('a damaged state file is moved aside and said so', async () => {
    const { dir } = await tempStore();
    writeFileSync(join(dir, 'state.json'), '{ not json');
    const { session } = await testSession({ store: await openStateStore({ dir }) });
    expect(snap(session).status?.warning).toBe(true);
    expect(snap(session).status?.text).toMatch(/corrupt|moved/i);
  });
});

describe('the detail while a key is held', () => {
  // A held key repeats every ~30 ms; the detail waits for the keys to stop instead of being drawn
  // (~2 KB over the wire) for every paper passed on the way.
  const HOLD = 60;
  afterEach(() => void vi.useRealTimers());
  const fake = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });

  test('a move after a pause shows its paper at once', async () => {
    fake();
    const { session } = await testSession({ holdDetailMs: HOLD });
    keys(session, 'j');
    expect(snap(session).detail).toBe(papers[1]);
    vi.advanceTimersByTime(200);
    keys(session, 'j');
    expect(snap(session).detail).toBe(papers[2]);
  });

  test('repeating moves keep the detail until the keys stop, then it follows the selection', async () => {
    fake();
    const { session } = await testSession({ holdDetailMs: HOLD });
    let emitted = 0;
    session.subscribe(() => emitted++);
    keys(session, 'j');
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(30);
      keys(session, 'j');
      // The list and the position follow every key; the detail stays on the first paper moved to.
      expect(snap(session).nav.cursor).toBe(i + 2);
      expect(snap(session).detail).toBe(papers[1]);
    }
    const before = emitted;
    vi.advanceTimersByTime(HOLD - 1);
    expect(snap(session).detail).toBe(papers[1]);
    vi.advanceTimersByTime(1);
    expect(snap(session).detail).toBe(papers[6]);
    expect(emitted).toBe(before + 1);
  });

  test('any other key shows the selected paper at once (Enter opens what is selected)', async () => {
    fake();
    const { session } = await testSession({ holdDetailMs: HOLD });
    keys(session, 'j');
    vi.advanceTimersByTime(30);
    keys(session, 'j');
    expect(snap(session).detail).toBe(papers[1]);
    keys(session, 'enter');
    expect(snap(session).detail).toBe(papers[2]);
    expect(snap(session).mode).toBe('detail');
  });

  test('a list that changes (a search) shows its selected paper at once', async () => {
    fake();
    const { session } = await testSession({ holdDetailMs: HOLD });
    keys(session, 'j');
    vi.advanceTimersByTime(30);
    keys(session, 'j');
    keys(session, '/');
    type(session, 'diffusion');
    await vi.advanceTimersByTimeAsync(0);
    await new Promise((r) => setImmediate(r));
    expect(snap(session).query).toBe('diffusion');
    expect(snap(session).detail).toBe(snap(session).list.papers[snap(session).nav.cursor]);
  });

  test('without holdDetailMs (the default) the detail always follows at once', async () => {
    const { session } = await testSession();
    for (let i = 1; i <= 5; i++) {
      keys(session, 'j');
      expect(snap(session).detail).toBe(papers[i]);
    }
  });
});
