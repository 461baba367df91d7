/**
 * The reader over a library that is still loading: the list grows under it, the selection and
 * everything shown stay where they were, the header says how far loading got, problems found later
 * reach the status line. In-process, on Ink's test renderer, with a real store in a temp dir.
 */
import { rmSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { writeCorpus } from '../bench/digest-writer.js';
import { createLibraryBuilder } from '../src/core/library-builder.js';
import { startLibraryLoad } from '../src/core/library-load.js';
import { loadLibrary } from '../src/core/load.js';
import { parseDigest } from '../src/core/parse.js';
import { TestReader as ReaderApp } from './helpers/reader.js';
import { loadInBackground, problemNotice, type LibrarySnapshot } from '../src/ui/reader/live-library.js';
import { ReaderSession } from '../src/ui/reader/session.js';
import { fixedSize } from '../src/ui/terminal/size.js';
import { digestDays } from '../src/ui/reader/views.js';
import { abstract, layoutA, tempDir } from './helpers/digests.js';
import { cleanupStores, tempStore } from './helpers/session.js';
import { mountedApps, tick } from './helpers/ink.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const apps = mountedApps<ReturnType<typeof render>>();
afterEach(() => {
  apps.unmountAll();
  cleanupStores();
});

const screen = (h: ReturnType<typeof render>) => stripVTControlCharacters(h.lastFrame() ?? '');
const lines = (h: ReturnType<typeof render>) => screen(h).split('\n');
const selectedRow = (h: ReturnType<typeof render>) => lines(h).find((l) => l.startsWith('>')) ?? '';

describe('the reader while the library loads', () => {
  test('the list grows, the selection and detail scroll stay, the header and status line follow', async () => {
    const digest = (date: string, titles: string[], file: string) =>
      parseDigest(layoutA(date, titles.map((t) => [t, abstract(t)] as [string, string])), file);
    const builder = createLibraryBuilder();
    const digests = [digest('Mar 3', ['Alpha paper', 'Beta paper', 'Gamma paper'], '/d/3.txt')];
    builder.add(digests[0]!);
    const snapshot = (loading: number | null, problems: string[] = []): LibrarySnapshot => ({
      papers: builder.papers(),
      days: digestDays(digests),
      loading,
      notice: problemNotice(problems),
    });
    const first = snapshot(1 / 3);
    const { store } = await tempStore();
    const session = new ReaderSession({ papers: first.papers, days: first.days, store, cols: 100, rows: 10, loading: 1 / 3 });
    const h = render(<ReaderApp session={session} size={fixedSize(100, 10)} color={false} />);
    apps.track(h);
    expect(lines(h)[0]).toContain('3 papers');
    expect(lines(h)[0]).toContain('loading 33%…');
    expect(lines(h)[0]).toMatch(/1\/3\s*$/);

    // Down to Beta, then into its detail and two lines down it.
    for (const key of ['j', '\t', 'j', 'j']) {
      h.stdin.write(key);
      await tick();
    }
    expect(selectedRow(h)).toContain('Beta paper');
    const scrolled = lines(h).slice(1, -1).map((l) => l.slice(l.indexOf('│') + 1));
    expect(screen(h)).not.toContain('Digest: Mar 3'); // scrolled past

    // An older digest: one new paper, and Beta seen again (an older date for it).
    digests.push(digest('Mar 2', ['Delta paper', 'beta paper'], '/d/2.txt'));
    builder.add(digests[1]!);
    session.libraryGrew(snapshot(2 / 3, ['/d/odd.txt: not valid UTF-8 text']));
    await tick();
    expect(lines(h)[0]).toContain('4 papers');
    expect(lines(h)[0]).toContain('loading 66%…');
    expect(lines(h)[0]).toMatch(/2\/4\s*$/);
    expect(selectedRow(h)).toContain('Beta paper');
    expect(lines(h).at(-1)).toContain('/d/odd.txt: not valid UTF-8 text');
    // The detail kept its scroll; its dates line (scroll back up) shows the new date.
    expect(lines(h).slice(1, -1).map((l) => l.slice(l.indexOf('│') + 1))[0]).toBe(scrolled[0]);
    for (const key of ['k', 'k']) {
      h.stdin.write(key);
      await tick();
    }
    expect(screen(h)).toContain('Digests (2): Mar 3 · Mar 2');

    digests.push(digest('Mar 1', ['Epsilon paper'], '/d/1.txt'));
    builder.add(digests[2]!);
    session.libraryGrew(snapshot(null, ['/d/odd.txt: not valid UTF-8 text']));
    await tick();
    expect(lines(h)[0]).toContain('5 papers');
    expect(lines(h)[0]).not.toContain('loading');
    expect(lines(h)[0]).toMatch(/2\/5\s*$/);
    expect(session.papers.map((p) => p.title)).toEqual(['Alpha paper', 'Beta paper', 'Gamma paper', 'Delta paper', 'Epsilon paper']);
  });

  test('in the unread view a paper marked read stays in the list while new ones arrive after it', async () => {
    const digest = (date: string, titles: string[], file: string) =>
      parseDigest(layoutA(date, titles.map((t) => [t, abstract(t)] as [string, string])), file);
    const builder = createLibraryBuilder();
    const digests = [digest('Mar 3', ['One', 'Two'], '/d/3.txt')];
    builder.add(digests[0]!);
    const { store } = await tempStore();
    const session = new ReaderSession({ papers: builder.papers(), days: digestDays(digests), store, cols: 100, rows: 16, loading: 0.5 });
    const h = render(<ReaderApp session={session} size={fixedSize(100, 16)} color={false} />);
    apps.track(h);
    for (const key of ['2', ' ']) {
      h.stdin.write(key);
      await tick();
    }
    expect(lines(h)[0]).toContain('Unread');
    digests.push(digest('Mar 2', ['Three'], '/d/2.txt'));
    builder.add(digests[1]!);
    session.libraryGrew({ papers: builder.papers(), days: digestDays(digests), loading: null, notice: undefined });
    await tick();
    const rows = lines(h).slice(1, 4).map((l) => l.slice(0, l.indexOf('│')));
    expect(rows[0]).toContain('One'); // read, still listed
    expect(rows[1]).toContain('Two');
    expect(rows[2]).toContain('Three');
    expect(selectedRow(h)).toContain('One');
  });
});

describe('loading in the background', () => {
  const corpus = () => {
    const c = writeCorpus(tempDir('paperterm-live-'), { papers: 3000, perDigest: 60, repeatRate: 0.3, seed: 9 });
    temps.push(c.dir);
    return c;
  };

  test('hands out growing snapshots between turns of the event loop and ends with the whole library', async () => {
    const { dir } = corpus();
    const load = startLibraryLoad([dir]);
    load.step(0);
    const seen: LibrarySnapshot[] = [];
    let turns = 0;
    const spin = setInterval(() => turns++, 0);
    const library = loadInBackground(load, { sliceMs: 2, publishMs: 0 });
    await new Promise<void>((resolve) =>
      library.subscribe(() => {
        seen.push(library.get());
        if (library.get().loading === null) resolve();
      }),
    );
    clearInterval(spin);
    const whole = loadLibrary([dir]);
    expect(seen.length).toBeGreaterThan(3);
    expect(turns).toBeGreaterThan(0);
    const last = seen.at(-1)!;
    expect(last.papers).toEqual(whole.papers);
    expect(last.days).toEqual(digestDays(whole.digests));
    expect(last.notice).toBeUndefined();
    for (let i = 1; i < seen.length; i++) {
      const [before, after] = [seen[i - 1]!, seen[i]!];
      expect(after.papers.length).toBeGreaterThanOrEqual(before.papers.length);
      before.papers.forEach((p, k) => expect(after.papers[k]).toBe(p));
      if (after.loading !== null) expect(after.loading).toBeGreaterThanOrEqual(before.loading!);
    }
  });

  test('stops reading when told to (the reader quit)', async () => {
    const { dir } = corpus();
    const load = startLibraryLoad([dir]);
    const library = loadInBackground(load, { sliceMs: 0, publishMs: 0 });
    await tick();
    library.stop();
    const read = load.filesRead;
    await tick();
    await tick();
    expect(read).toBeGreaterThan(0);
    expect(load.filesRead).toBe(read);
    expect(load.done).toBe(false);
  });
});
