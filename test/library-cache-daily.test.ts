// The library cache for the command-line commands (core/load-papers.ts) and for the daily case: a
// library cached yesterday and one new digest today is read from the cache with the new digest
// merged on top, and gives exactly what reading every digest gives.
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LibraryContents } from '../src/core/library-cache.js';
import { storeCachedLibrary } from '../src/core/library-cache-write.js';
import { startLibraryLoad, type LibraryLoad } from '../src/core/library-load.js';
import { loadPapers } from '../src/core/load-papers.js';
import { loadLibrary } from '../src/core/load.js';
import { writeCorpus } from '../bench/digest-writer.js';
import { abstract, layoutA, localNoon, pinnedSamples, tempDirs } from './helpers/digests.js';
import { runCli } from './helpers/cli.js';

const temp = tempDirs('paperterm-library-daily-test-');

const SAMPLE_TITLE = 'Efficiently Robustify Pre-trained Models'; // in the Mar 18 sample
const NO_ABSTRACT_TODAY = 'MedThink: Explaining Medical Visual Question Answering via Multimodal Decision-Making Rationale'; // Mar 17

/** The library cache files under a cache dir, relative to it. */
function libraryFiles(cacheDir: string): string[] {
  return readdirSync(cacheDir)
    .filter((d) => d.startsWith('library-'))
    .flatMap((d) => readdirSync(join(cacheDir, d)).filter((f) => f.endsWith('.lib')).map((f) => join(d, f)));
}

/** A library file's header (as library-cache.test.ts reads it). */
function header(path: string): Omit<LibraryContents, 'papers'> & { key: string } {
  const bytes = readFileSync(path);
  const end = bytes.length - 16 - bytes.readUInt32LE(bytes.length - 12);
  const length = bytes.readUInt32LE(bytes.length - 16);
  return JSON.parse(bytes.subarray(end - length, end).toString('utf8'));
}

function write(dir: string, name: string, text: string | Buffer, when: Date): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  utimesSync(file, when, when);
  return file;
}

/**
 * The samples (2025) and digests with problems: one that is no digest, two with warnings whose
 * library order (newest first) is not the order they are found in.
 */
function library(): string {
  const { dir } = pinnedSamples();
  temp.removeLater(dir);
  write(dir, 'binary.txt', Buffer.from([0, 1, 2, 3]), localNoon(2025, 3, 12));
  write(dir, 'aaa.txt', layoutA('Mar 11', [['A Proper Paper On Soup', abstract('model soup')], ['Short One', 'tiny text.']]), localNoon(2025, 3, 11));
  write(dir, 'warn.txt', layoutA('Mar 12', [['Another Proper Paper', abstract('model soup again')], ['Short Two', 'short text here.']]), localNoon(2025, 3, 12));
  return dir;
}

/** Today's digest: a new paper, a sample paper again (new abstract), one with no abstract today. */
function addNewDigest(dir: string, name = 'zz-new.txt', date = 'Mar 20', day = 20): string {
  const text = layoutA(date, [
    ['Brand New Paper About Model Soup', abstract('a brand new soup')],
    [SAMPLE_TITLE, abstract('the same paper, told again today')],
    [NO_ABSTRACT_TODAY, ''],
  ]);
  return write(dir, name, text, localNoon(2025, 3, day));
}

function finish(load: LibraryLoad): LibraryLoad {
  while (!load.step(5));
  return load;
}

/** Everything a load hands its reader. */
function seen(load: LibraryLoad) {
  return { papers: load.papers(), days: load.days(), digestFiles: load.digestFiles(), digestCount: load.digestCount, digests: load.loadedDigests() };
}

/** A reader's load through the cache, and the cache written after it. */
async function readerLoad(dir: string, cacheDir: string | null) {
  const load = finish(startLibraryLoad([dir], { cacheDir }));
  await load.storeCache();
  return { readFrom: load.readFrom, ...seen(load), problems: [...load.errors, ...load.warnings].map((p) => p.message).sort() };
}

/** What loadLibrary gives, as loadPapers gives it. */
function fromLoadLibrary(paths: string[]) {
  const r = loadLibrary(paths);
  return {
    papers: r.papers,
    digests: r.digests.map(({ order, file, label, day, date }) => ({ order, file, label, day, date })),
    errors: r.errors,
    warnings: r.warnings,
  };
}

function papersLoad(paths: string[], cacheDir: string | null) {
  const { papers, digests, errors, warnings, readFrom } = loadPapers(paths, { cacheDir });
  return { readFrom, result: { papers, digests, errors, warnings } };
}

describe('loadPapers (the commands that print papers)', () => {
  it('gives what loadLibrary gives, problems in its order, from the digests and then from the library cache', async () => {
    const dir = library();
    const paths = [dir, join(dir, 'missing.txt')];
    const want = fromLoadLibrary(paths);
    expect(want.errors.map((e) => e.message)).toEqual([expect.stringMatching(/missing\.txt: no such file/), expect.stringMatching(/binary\.txt: binary file/)]);
    expect(want.warnings.map((w) => w.path)).toEqual([join(dir, 'aaa.txt'), join(dir, 'warn.txt')]);

    const cacheDir = temp();
    expect(papersLoad(paths, null)).toEqual({ readFrom: 'digests', result: want });
    const cold = loadPapers(paths, { cacheDir });
    expect(cold.readFrom).toBe('digests');
    await cold.storeCache();
    expect(papersLoad(paths, cacheDir)).toEqual({ readFrom: 'cache', result: want });
    addNewDigest(dir);
    expect(papersLoad(paths, cacheDir)).toEqual({ readFrom: 'cache+new', result: fromLoadLibrary(paths) });
  });
});

describe('a cached library and digests new since', () => {
  it('merges the new digest on top of the cache: the same library as reading every digest, then cached whole', async () => {
    const dir = library();
    const cacheDir = temp();
    expect((await readerLoad(dir, cacheDir)).readFrom).toBe('digests');
    expect((await readerLoad(dir, cacheDir)).readFrom).toBe('cache');

    const file = addNewDigest(dir);
    const full = await readerLoad(dir, null);
    const daily = await readerLoad(dir, cacheDir);
    expect(daily.readFrom).toBe('cache+new');
    expect({ ...daily, readFrom: 'digests' }).toEqual(full);
    // The paper in both digests: today's place, title and abstract, with yesterday's date after today's.
    const both = daily.papers.find((p) => p.title === SAMPLE_TITLE)!;
    expect(both.abstract).toContain('told again today');
    expect(both.dates).toEqual(['Mar 20', 'Mar 18']);
    expect(both.sources[0]).toBe(file);
    // No abstract today: the cached one fills in, with its links.
    const filled = daily.papers.find((p) => p.title === NO_ABSTRACT_TODAY)!;
    expect(filled.abstract.length).toBeGreaterThan(100);
    expect(filled.dates).toEqual(['Mar 20', 'Mar 17']);
    expect(daily.papers.slice(0, 3).map((p) => p.title)).toEqual(['Brand New Paper About Model Soup', SAMPLE_TITLE, NO_ABSTRACT_TODAY]);
    expect(daily.days[0]).toEqual({ day: '2025-03-20', label: 'Mar 20' });

    // The merged library was cached for today's digests: the next load reads it alone.
    const next = await readerLoad(dir, cacheDir);
    expect(next).toEqual({ ...full, readFrom: 'cache' });

    // And the day after, another one.
    addNewDigest(dir, 'zz-next.txt', 'Mar 21', 21);
    const after = await readerLoad(dir, cacheDir);
    expect(after.readFrom).toBe('cache+new');
    expect({ ...after, readFrom: 'digests' }).toEqual(await readerLoad(dir, null));
  });

  it('reads every digest when a new one is dated among the cached ones, or a cached one changed', async () => {
    const dir = library();
    const cacheDir = temp();
    await readerLoad(dir, cacheDir);
    // Mar 15 arrives late: its papers go between the cached digests' papers.
    addNewDigest(dir, 'late.txt', 'Mar 15', 15);
    const late = await readerLoad(dir, cacheDir);
    expect(late.readFrom).toBe('digests');
    expect({ ...late, readFrom: 'digests' }).toEqual(await readerLoad(dir, null));
    expect((await readerLoad(dir, cacheDir)).readFrom).toBe('cache');

    // A new digest, and a cached one edited meanwhile.
    addNewDigest(dir);
    const edited = join(dir, 'warn.txt');
    write(dir, 'warn.txt', layoutA('Mar 12', [['Another Proper Paper, Edited', abstract('model soup again')]]), localNoon(2025, 3, 12));
    const changed = await readerLoad(dir, cacheDir);
    expect(changed.readFrom).toBe('digests');
    expect(changed.papers.some((p) => p.sources.includes(edited) && p.title.endsWith('Edited'))).toBe(true);
    expect({ ...changed, readFrom: 'digests' }).toEqual(await readerLoad(dir, null));
  });
});

describe('the commands over a library cache', () => {
  it('print the same with and without it, and with a new digest', () => {
    const dir = library();
    const cacheDir = temp();
    const commands = [['search', 'model soup', dir], ['list', dir, join(dir, 'missing.txt')], ['export', '-f', 'csv', '--date', 'Mar 17', dir]];
    const run = (cache: string) => commands.map((args) => runCli(args, { env: { PAPERTERM_CACHE_DIR: cache } }));
    const plain = run(temp());
    expect(plain[1]!.stderr).toMatch(/missing\.txt: no such file[^]*binary\.txt[^]*warning: .*aaa\.txt[^]*warning: .*warn\.txt/);
    expect(run(cacheDir)).toEqual(plain);
    // A library this small is not worth caching for a command: read from the digests every time.
    expect(libraryFiles(cacheDir)).toEqual([]);

    addNewDigest(dir);
    const today = run(temp());
    expect(today[0]!.stdout).toContain('Brand New Paper About Model Soup');
    expect(run(cacheDir)).toEqual(today);
  }, 60_000);

  it('cache a large library once their output is out, and then read it', async () => {
    const corpus = writeCorpus(temp(), { papers: 3000, perDigest: 100, repeatRate: 0.3, seed: 9 });
    const cacheDir = temp();
    const env = { PAPERTERM_CACHE_DIR: cacheDir };
    const args = ['search', 'model', corpus.dir, '--limit', '40'];
    const first = runCli(args, { env });
    expect(first.code).toBe(0);
    const [file] = libraryFiles(cacheDir);
    expect(file).toBeDefined();
    expect(runCli(args, { env })).toEqual(first);

    // The file rewritten, under its own key, with the first paper's title changed: what list prints.
    const path = join(cacheDir, file!);
    const { key, digests, plan, errors, warnings } = header(path);
    const papers = loadPapers([corpus.dir]).papers.map((p, i) => (i === 0 ? { ...p, title: 'From the library cache' } : p));
    await storeCachedLibrary({ path, key }, { papers, digests, plan, errors, warnings });
    expect(runCli(['list', corpus.dir], { env }).stdout.split('\n')[0]).toContain('From the library cache');
  }, 60_000);
});
