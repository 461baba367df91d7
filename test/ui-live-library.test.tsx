/**
 * The reader over a library that is still loading: the list grows under it, the selection stays on
 * the paper it was on, the header says how far loading got. In-process, on Ink's test renderer.
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
import type { Paper } from '../src/core/types.js';
import { LiveReader } from '../src/ui/components/LiveReader.js';
import { loadInBackground, type LibrarySnapshot, type LiveLibrary } from '../src/ui/live-library.js';
import { fixedSize } from '../src/ui/size.js';
import { abstract, layoutA, tempDir } from './helpers/digests.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const mounted: ReturnType<typeof render>[] = [];
afterEach(() => mounted.splice(0).forEach((h) => h.unmount()));

/** A library whose snapshots the test hands out by hand. */
function manualLibrary() {
  let snapshot: LibrarySnapshot = { papers: [], loading: 0 };
  const listeners = new Set<() => void>();
  const library: LiveLibrary = {
    get: () => snapshot,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    stop() {},
  };
  const publish = (papers: readonly Paper[], loading: number | null) => {
    snapshot = { papers, loading };
    listeners.forEach((l) => l());
  };
  return { library, publish };
}

const tick = () => new Promise((r) => setImmediate(r));
const screen = (h: ReturnType<typeof render>) => stripVTControlCharacters(h.lastFrame() ?? '');
const lines = (h: ReturnType<typeof render>) => screen(h).split('\n');

describe('the reader while the library loads', () => {
  test('the list grows, the selection stays on its paper, the detail and header follow', async () => {
    const digest = (date: string, titles: string[], file: string) =>
      parseDigest(layoutA(date, titles.map((t) => [t, abstract(t)] as [string, string])), file);
    const builder = createLibraryBuilder();
    const { library, publish } = manualLibrary();
    builder.add(digest('Mar 3', ['Alpha paper', 'Beta paper', 'Gamma paper'], '/d/3.txt'));
    publish(builder.papers(), 1 / 3);
    const h = render(<LiveReader library={library} size={fixedSize(100, 30)} color={false} />);
    mounted.push(h);
    expect(lines(h)[0]).toContain('3 papers');
    expect(lines(h)[0]).toContain('All papers · loading 33%…');
    expect(lines(h)[0]).toMatch(/1\/3\s*$/);

    h.stdin.write('j');
    await tick();
    expect(lines(h).find((l) => l.startsWith('>'))).toContain('Beta paper');
    expect(screen(h)).toContain('Digest: Mar 3');

    // An older digest: one new paper, and the selected one seen again.
    builder.add(digest('Mar 2', ['Delta paper', 'beta paper'], '/d/2.txt'));
    publish(builder.papers(), 2 / 3);
    await tick();
    expect(lines(h)[0]).toContain('4 papers');
    expect(lines(h)[0]).toContain('loading 66%…');
    expect(lines(h)[0]).toMatch(/2\/4\s*$/);
    expect(lines(h).find((l) => l.startsWith('>'))).toContain('Beta paper');
    expect(screen(h)).toContain('Digests (2): Mar 3 · Mar 2');

    builder.add(digest('Mar 1', ['Epsilon paper'], '/d/1.txt'));
    publish(builder.papers(), null);
    await tick();
    expect(lines(h)[0]).toContain('5 papers');
    expect(lines(h)[0]).not.toContain('loading');
    expect(lines(h)[0]).toMatch(/2\/5\s*$/);
    expect(screen(h)).toContain('Epsilon paper');
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
    const done = new Promise<void>((resolve) => {
      const library = loadInBackground(load, { sliceMs: 2, publishMs: 0, onDone: resolve });
      library.subscribe(() => seen.push(library.get()));
    });
    await done;
    clearInterval(spin);
    const whole = loadLibrary([dir]).papers;
    expect(seen.length).toBeGreaterThan(3);
    expect(turns).toBeGreaterThan(0);
    const last = seen.at(-1)!;
    expect(last.loading).toBeNull();
    expect(last.papers).toEqual(whole);
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
    await tick();
    library.stop();
    const read = load.filesRead;
    for (let i = 0; i < 5; i++) await tick();
    expect(read).toBeGreaterThan(0);
    expect(load.filesRead).toBe(read);
    expect(load.done).toBe(false);
  });
});
