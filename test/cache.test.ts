import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from '../bench/digest-writer.js';
import { cacheDirFromEnv, digestCacheWritten } from '../src/core/cache.js';
import { startLibraryLoad } from '../src/core/library-load.js';
import { loadLibrary, type LoadResult } from '../src/core/load.js';
import type { Digest } from '../src/core/types.js';
import { runCli } from './helpers/cli.js';
import { abstract, layoutA, layoutB, SAMPLE_DIR, tempDirs } from './helpers/digests.js';

const temp = tempDirs('paperterm-cache-test-');

/** A copy of the sample digests plus awkward ones (BOM, CRLF, non-ASCII, a missing abstract). */
function digestDir(): string {
  const dir = temp();
  for (const f of readdirSync(SAMPLE_DIR)) copyFileSync(join(SAMPLE_DIR, f), join(dir, f));
  const crlf = layoutA('Mar 19', [
    ['Ｆｕｌｌｗｉｄｔｈ Title — with ﬁ ligature', abstract('unicode, see https://example.org/x).')],
    ['Efficiently   Robustify Pre-trained MODELS', abstract('a repeat of a sample paper')],
  ]).replace(/\n/g, '\r\n');
  writeFileSync(join(dir, 'crlf.txt'), `\uFEFF${crlf}`);
  writeFileSync(join(dir, 'glued.txt'), layoutB([['Lost Abstract', ''], ['Kept Paper', abstract('kept, at www.kept.org')]]).replace('\n\n', '\n'));
  return dir;
}

// What a plain parse gives, without the ids a cache attaches to entries.
function plain(r: LoadResult) {
  const strip = (d: Digest) => ({ ...d, entries: d.entries.map(({ title, abstract, rank }) => ({ title, abstract, rank })) });
  return { papers: r.papers, digests: r.digests.map(strip), errors: r.errors, warnings: r.warnings };
}

function recordFiles(cacheDir: string): string[] {
  if (!existsSync(cacheDir)) return [];
  return readdirSync(cacheDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith('digests-'))
    .flatMap((e) => readdirSync(join(cacheDir, e.name)).map((f) => join(cacheDir, e.name, f)));
}

function recordFor(cacheDir: string, file: string): string {
  const found = recordFiles(cacheDir).filter((p) => (JSON.parse(readFileSync(p, 'utf8')) as { file: string }).file === file);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('parsed-digest cache', () => {
  it('gives exactly what a plain load gives, from an empty cache and from a filled one', () => {
    const dir = digestDir();
    const cacheDir = join(temp(), 'cache');
    const expected = plain(loadLibrary([dir]));
    expect(expected.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/glued\.txt: line 3: title has no abstract: "Lost Abstract"$/)]);
    expect(plain(loadLibrary([dir], { cacheDir }))).toEqual(expected);
    expect(recordFiles(cacheDir)).toHaveLength(readdirSync(dir).length);
    expect(plain(loadLibrary([dir], { cacheDir }))).toEqual(expected);
  });

  it('gives the same library as a plain load on a generated corpus', () => {
    const corpus = writeCorpus(temp(), { papers: 800, seed: 3 });
    const cacheDir = temp();
    const expected = plain(loadLibrary([corpus.dir]));
    loadLibrary([corpus.dir], { cacheDir });
    expect(plain(loadLibrary([corpus.dir], { cacheDir }))).toEqual(expected);
  });

  it('serves a filled cache from its records (they hold the ids)', () => {
    const dir = digestDir();
    const cacheDir = temp();
    loadLibrary([dir], { cacheDir });
    const file = join(dir, 'glued.txt');
    const path = recordFor(cacheDir, file);
    const record = JSON.parse(readFileSync(path, 'utf8')) as { ids: string[] };
    const kept = (r: LoadResult) => r.papers.find((p) => p.title === 'Kept Paper')!;
    expect(record.ids).toContain(kept(loadLibrary([dir])).id);
    record.ids = record.ids.map((id) => (id === kept(loadLibrary([dir])).id ? 'abcabcabcabc' : id));
    writeFileSync(path, JSON.stringify(record));
    expect(kept(loadLibrary([dir], { cacheDir })).id).toBe('abcabcabcabc');
  });

  it('re-reads a digest that changed, even to the same size with the old modification time', () => {
    const dir = digestDir();
    const cacheDir = temp();
    const file = join(dir, 'glued.txt');
    // A whole second, so that it can be set back exactly.
    const second = Math.floor(Date.now() / 1000) - 60;
    utimesSync(file, second, second);
    loadLibrary([dir], { cacheDir });
    const before = statSync(file, { bigint: true });
    writeFileSync(file, readFileSync(file, 'utf8').replace('Kept Paper', 'Kept Pacer'));
    utimesSync(file, second, second);
    const after = statSync(file, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    const titles = loadLibrary([dir], { cacheDir }).papers.map((p) => p.title);
    expect(titles).toContain('Kept Pacer');
    expect(titles).not.toContain('Kept Paper');
    expect(plain(loadLibrary([dir], { cacheDir }))).toEqual(plain(loadLibrary([dir])));
  });

  it('reports a cached digest that has since become unreadable or been removed', () => {
    const dir = digestDir();
    const cacheDir = temp();
    loadLibrary([dir], { cacheDir });
    writeFileSync(join(dir, 'glued.txt'), Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0]));
    rmSync(join(dir, 'crlf.txt'));
    const r = loadLibrary([dir, join(dir, 'crlf.txt')], { cacheDir });
    expect(r.errors.map((e) => e.message)).toEqual([
      `${join(dir, 'crlf.txt')}: no such file or directory`,
      `${join(dir, 'glued.txt')}: binary file, not a text digest`,
    ]);
    expect(r.papers.map((p) => p.title)).not.toContain('Kept Paper');
  });

  it('ignores a corrupt record, loads correctly and writes a good record in its place', () => {
    const dir = digestDir();
    const cacheDir = temp();
    const expected = plain(loadLibrary([dir]));
    loadLibrary([dir], { cacheDir });
    const file = join(dir, '000_f936f4210850de81.txt');
    const path = recordFor(cacheDir, file);
    const good = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> & { spans: number[]; ids: string[] };
    const other = readFileSync(recordFor(cacheDir, join(dir, 'glued.txt')), 'utf8');
    const corruptions: (string | Uint8Array)[] = [
      Uint8Array.from([0, 0xff, 0xfe, 7]),
      JSON.stringify(good).slice(0, 200),
      'null',
      JSON.stringify({ ...good, spans: good.spans.map((x, i) => (i === 5 ? x + 10_000_000 : x)) }),
      JSON.stringify({ ...good, spans: [...good.spans].reverse() }),
      JSON.stringify({ ...good, ids: good.ids.slice(1) }),
      JSON.stringify({ ...good, ids: good.ids.map(() => 'not-an-id') }),
      JSON.stringify({ ...good, warnings: [1] }),
      other, // another file's record under this file's name
    ];
    for (const bad of corruptions) {
      writeFileSync(path, bad);
      expect(plain(loadLibrary([dir], { cacheDir }))).toEqual(expected);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(good);
    }
  });

  it('loads normally when the cache directory cannot be used', () => {
    const dir = digestDir();
    const expected = plain(loadLibrary([dir]));
    const notADir = join(temp(), 'file');
    writeFileSync(notADir, 'x');
    expect(plain(loadLibrary([dir], { cacheDir: notADir }))).toEqual(expected);
    expect(plain(loadLibrary([dir], { cacheDir: join(notADir, 'below') }))).toEqual(expected);
    expect(readFileSync(notADir, 'utf8')).toBe('x');
  });

  it('drops records of other code versions but nothing else kept in the cache directory', () => {
    const dir = digestDir();
    const cacheDir = temp();
    const stale = join(cacheDir, 'digests-0123456789abcdef');
    mkdirSync(stale);
    writeFileSync(join(stale, `${'a'.repeat(32)}.json`), '{}');
    const mine = join(cacheDir, 'digests-mine');
    mkdirSync(mine);
    writeFileSync(join(mine, `${'b'.repeat(32)}.json`), '{}');
    const mixed = join(cacheDir, 'digests-fedcba9876543210');
    mkdirSync(mixed);
    writeFileSync(join(mixed, `${'c'.repeat(32)}.json`), '{}');
    writeFileSync(join(mixed, 'notes.txt'), 'keep me');
    loadLibrary([dir], { cacheDir });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(join(mine, `${'b'.repeat(32)}.json`))).toBe(true);
    expect(readdirSync(mixed)).toEqual(['notes.txt']);
    expect(recordFiles(cacheDir).filter((p) => !p.startsWith(mine) && !p.startsWith(mixed))).toHaveLength(readdirSync(dir).length);
  });
});

describe('cache location', () => {
  it('is $PAPERTERM_CACHE_DIR, else $XDG_CACHE_HOME/paperterm, else ~/.cache/paperterm', () => {
    expect(cacheDirFromEnv({ PAPERTERM_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(cacheDirFromEnv({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/paperterm');
    expect(cacheDirFromEnv({ PAPERTERM_CACHE_DIR: '', XDG_CACHE_HOME: 'relative', HOME: '/h' })).toBe('/h/.cache/paperterm');
    expect(cacheDirFromEnv({ HOME: '/h' })).toBe('/h/.cache/paperterm');
  });

  it('is where the real binary keeps its records, and a warm run prints the same', { timeout: 30_000 }, () => {
    const home = temp();
    const env = { HOME: home, XDG_CACHE_HOME: undefined, PAPERTERM_CACHE_DIR: undefined } as unknown as NodeJS.ProcessEnv;
    const cold = runCli(['list', '--json', SAMPLE_DIR], { env });
    expect(cold.code).toBe(0);
    expect(recordFiles(join(home, '.cache', 'paperterm'))).toHaveLength(4);
    const warm = runCli(['list', '--json', SAMPLE_DIR], { env });
    expect(warm.stdout).toBe(cold.stdout);
    expect(JSON.parse(warm.stdout)).toHaveLength(428);

    const xdg = temp();
    expect(runCli(['list', SAMPLE_DIR], { env: { ...env, XDG_CACHE_HOME: xdg } }).code).toBe(0);
    expect(recordFiles(join(xdg, 'paperterm'))).toHaveLength(4);
  });
});

describe('records written in the background (the reader)', () => {
  it('are written behind the load, then hit as a synchronous write would be; an abandoned temp file is removed', async () => {
    const dir = digestDir();
    const cacheDir = join(temp(), 'cache');
    const expected = plain(loadLibrary([dir]));
    expect(plain(loadLibrary([dir], { cacheDir, writeCacheInBackground: true }))).toEqual(expected);
    await digestCacheWritten();
    const records = recordFiles(cacheDir);
    expect(records).toHaveLength(readdirSync(dir).length);
    expect(records.every((r) => r.endsWith('.json'))).toBe(true);
    const written = records.map((r) => statSync(r).mtimeMs);
    // A hit: nothing written again.
    expect(plain(loadLibrary([dir], { cacheDir, writeCacheInBackground: true }))).toEqual(expected);
    await digestCacheWritten();
    expect(recordFiles(cacheDir).map((r) => statSync(r).mtimeMs)).toEqual(written);

    // A process that quit before renaming its temp file (pid 2^22 + 1 is above Linux's pid limit:
    // never running); a digest changes, so its record is written again and the cache looked at.
    const abandoned = `${records[0]!}.${2 ** 22 + 1}.tmp`;
    writeFileSync(abandoned, '{"half":');
    writeFileSync(join(dir, 'extra.txt'), layoutA('Mar 20', [['An Extra Paper', abstract('extra')]]));
    expect(loadLibrary([dir], { cacheDir, writeCacheInBackground: true }).papers.some((p) => p.title === 'An Extra Paper')).toBe(true);
    await digestCacheWritten();
    expect(existsSync(abandoned)).toBe(false);
    expect(recordFiles(cacheDir)).toHaveLength(readdirSync(dir).length);
  });
});

describe('records held back until the library is stored (the reader, LoadOptions.holdCacheRecords)', () => {
  it('writes nothing while loading, then records that the next load hits', async () => {
    const dir = digestDir();
    const cacheDir = join(temp(), 'cache');
    // Written synchronously once flushed, so that a record written while loading would show at once.
    const options = { cacheDir, holdCacheRecords: true };
    const expected = loadLibrary([dir]).papers;
    const load = startLibraryLoad([dir], options);
    while (!load.step(1000));
    expect(recordFiles(cacheDir)).toEqual([]);
    expect(load.papers()).toEqual(expected);
    await load.storeCache();
    await digestCacheWritten();
    const records = recordFiles(cacheDir).filter((r) => r.endsWith('.json'));
    expect(records).toHaveLength(readdirSync(dir).length);
    const written = records.map((r) => statSync(r).mtimeMs);
    // Each record is read back as a hit: nothing is written again, and the papers are the same.
    const again = loadLibrary([dir], { cacheDir, writeCacheInBackground: true });
    await digestCacheWritten();
    expect(again.papers).toEqual(expected);
    expect(recordFiles(cacheDir).filter((r) => r.endsWith('.json')).map((r) => statSync(r).mtimeMs)).toEqual(written);
  });
});
