import { readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus, type CorpusInfo } from '../bench/digest-writer.js';
import { peekDigestOrder, startLibraryLoad, type LibraryLoad } from '../src/core/library-load.js';
import { loadLibrary } from '../src/core/load.js';
import { digestDay } from '../src/core/parse.js';
import { abstract, layoutA, layoutB, SAMPLE_DIR, SAMPLES, tempDir, writeDigests } from './helpers/digests.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dirOf(files: Record<string, string | Uint8Array>): string {
  const dir = writeDigests(files);
  temps.push(dir);
  return dir;
}

function finish(load: LibraryLoad): LibraryLoad {
  while (!load.step(5));
  return load;
}

describe('peeking at a digest for its date', () => {
  it('finds the date order of the real samples from their first lines', () => {
    const mtime = (f: string) => statSync(f).mtimeMs;
    expect(peekDigestOrder(SAMPLES.mar18).order).toBe(digestDay('Mar 18', SAMPLES.mar18, mtime(SAMPLES.mar18)).order);
    expect(peekDigestOrder(SAMPLES.mar14).order).toBe(digestDay('Mar 14', SAMPLES.mar14, mtime(SAMPLES.mar14)).order);
    // Undated: its file's modification day.
    expect(peekDigestOrder(SAMPLES.undated).order).toBe(digestDay(null, SAMPLES.undated, mtime(SAMPLES.undated)).order);
  });

  it('gives up, rather than guess, when the first few KB hold no whole entry line', () => {
    const dir = dirOf({
      'blank-start.txt': `${'\n'.repeat(5000)}Mar 3\n\nTitle\n\n${abstract('x')}`,
      'one-line.txt': `Mar 3 ${'x'.repeat(6000)}`,
    });
    expect(peekDigestOrder(join(dir, 'blank-start.txt')).order).toBeNull();
    expect(peekDigestOrder(join(dir, 'one-line.txt')).order).toBeNull();
    expect(peekDigestOrder(join(dir, 'missing.txt')).order).toBeNull();
  });
});

describe('loading newest digest first, a slice at a time', () => {
  let corpus: CorpusInfo;
  beforeAll(() => {
    corpus = writeCorpus(tempDir('paperterm-progressive-'), { papers: 2000, perDigest: 50, repeatRate: 0.3, seed: 5 });
    temps.push(corpus.dir);
  });

  it('ends with exactly what loadLibrary loads', () => {
    const load = finish(startLibraryLoad([corpus.dir]));
    const all = loadLibrary([corpus.dir]);
    expect(load.done).toBe(true);
    expect(load.progress()).toBe(1);
    expect(load.totalBytes).toBe(corpus.bytes);
    expect(load.papers()).toEqual(all.papers);
    expect(load.digestCount).toBe(all.digests.length);
    expect(load.errors).toEqual([]);
  });

  it('reads the newest digests first, whatever the file names say', () => {
    // File names sorted the other way round from dates.
    const dir = dirOf({
      'a.txt': layoutA('Mar 1', [['Oldest', abstract('old')]]),
      'b.txt': layoutA('Mar 2', [['Middle', abstract('mid')]]),
      'c.txt': layoutA('Mar 3', [['Newest', abstract('new')]]),
      'd.txt': layoutB([['Undated', abstract('undated')]]),
    });
    // Dated lines get their year from the file times; the undated digest is dated by its own (older).
    for (const [name, day] of [['a.txt', 4], ['b.txt', 4], ['c.txt', 4], ['d.txt', 0]] as const) {
      utimesSync(join(dir, name), new Date(2025, 2, day, 12), new Date(2025, 2, day, 12));
    }
    const load = startLibraryLoad([dir]);
    expect(load.files.map((f) => f.slice(dir.length + 1))).toEqual(['c.txt', 'b.txt', 'a.txt', 'd.txt']);
    expect(load.filesRead).toBe(0);
    expect(load.papers()).toEqual([]);
    load.step(0);
    expect(load.filesRead).toBe(1);
    expect(load.papers().map((p) => p.title)).toEqual(['Newest']);
    expect(load.progress()).toBeGreaterThan(0);
    expect(load.progress()).toBeLessThan(1);
    finish(load);
    expect(load.papers().map((p) => p.title)).toEqual(['Newest', 'Middle', 'Oldest', 'Undated']);
  });

  it('grows the list at its end and never moves a paper already shown', () => {
    const load = startLibraryLoad([corpus.dir]);
    load.step(0);
    const first = load.papers();
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(2000);
    while (!load.step(0)) {
      const now = load.papers();
      first.forEach((p, i) => expect(now[i]).toBe(p));
    }
    expect(load.papers()).toHaveLength(2000);
  });

  it('reports the files it cannot use as loadLibrary does, and loads the rest', () => {
    const dir = dirOf({
      'good.txt': layoutA('Mar 2', [['Alpha', abstract('alpha')]]),
      'warn.txt': layoutA('Mar 1', [['Beta', abstract('beta')], ['Dangling title', '']]).trimEnd(),
      'empty.txt': '',
      'binary.txt': Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0]),
      'latin1.txt': Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a]),
    });
    symlinkSync('loop.txt', join(dir, 'loop.txt'));
    const paths = [dir, join(dir, 'missing.txt')];
    const load = finish(startLibraryLoad(paths));
    const all = loadLibrary(paths);
    expect(load.papers()).toEqual(all.papers);
    expect(load.errors.map((e) => e.message).sort()).toEqual(all.errors.map((e) => e.message).sort());
    expect(load.errors).toHaveLength(5);
    expect(load.warnings.map((e) => e.message)).toEqual(all.warnings.map((e) => e.message));
    expect(load.warnings).toHaveLength(1);
    // The files the search index is keyed by: those loadLibrary loaded, in its order.
    expect(load.digestFiles()).toEqual(all.digests.map((d) => d.file));
    expect(load.digestFiles().map((f) => f.slice(dir.length + 1))).toEqual(['good.txt', 'warn.txt']);
  });

  it('places a digest whose first lines misled the peek where its date belongs', () => {
    // The date is decided from the whole file; a digest rewritten between peek and read still lands right.
    const dir = dirOf({
      'x.txt': layoutA('Mar 1', [['Was old', abstract('x')]]),
      'y.txt': layoutA('Mar 2', [['Stays', abstract('y')]]),
    });
    const load = startLibraryLoad([dir]);
    writeFileSync(join(dir, 'x.txt'), layoutA('Mar 9', [['Now newest', abstract('x')]]));
    finish(load);
    expect(load.papers().map((p) => p.title)).toEqual(['Now newest', 'Stays']);
    expect(load.papers()).toEqual(loadLibrary([dir]).papers);
  });

  it('uses and fills the parsed-digest cache like loadLibrary', () => {
    const cacheDir = tempDir('paperterm-progressive-cache-');
    temps.push(cacheDir);
    const cold = finish(startLibraryLoad([SAMPLE_DIR], { cacheDir }));
    const records = readdirSync(cacheDir, { recursive: true }).filter((f) => String(f).endsWith('.json'));
    expect(records).toHaveLength(4);
    const warm = finish(startLibraryLoad([SAMPLE_DIR], { cacheDir }));
    const plain = loadLibrary([SAMPLE_DIR]);
    expect(cold.papers()).toEqual(plain.papers);
    expect(warm.papers()).toEqual(plain.papers);
  });
});
