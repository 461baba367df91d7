// The whole library cached in one file (core/library-cache.ts): a load of unchanged digests reads it
// instead of the digests, and gives exactly what reading the digests gives; anything wrong with the
// file (damaged anywhere, truncated, written for other digests or another time zone, a FIFO) makes
// the load read the digests, and a cache that cannot be written is no error.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCorpus } from '../bench/digest-writer.js';
import { CachedPaper } from '../src/core/cached-paper.js';
import { libraryCacheSlot, type LibraryContents } from '../src/core/library-cache.js';
import { storeCachedLibrary } from '../src/core/library-cache-write.js';
import { startLibraryLoad, type LibraryLoad } from '../src/core/library-load.js';
import { expandPaths, loadLibrary } from '../src/core/load.js';
import { createSearchEngine } from '../src/search/engine.js';
import { indexCacheKey, loadCachedIndex } from '../src/search/index-cache.js';
import { abstract, layoutA, layoutB, SAMPLE_DIR, tempDirs } from './helpers/digests.js';

const temp = tempDirs('paperterm-library-cache-test-');
const tz = process.env.TZ;
afterEach(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

/** The samples plus awkward digests: BOM and CRLF, characters above U+00FF, a lost abstract, links, a file that is no digest, a date far into its file. */
function digestDir(): string {
  const dir = temp();
  for (const f of readdirSync(SAMPLE_DIR)) copyFileSync(join(SAMPLE_DIR, f), join(dir, f));
  const crlf = layoutA('Mar 19', [
    ['Ｆｕｌｌｗｉｄｔｈ Title — with ﬁ ligature', abstract('unicode — 你好, see https://example.org/x).')],
    ['Efficiently   Robustify Pre-trained MODELS', abstract('a repeat of a sample paper')],
    ['Café Latin-1 Only', abstract('é and ü and ß, at www.kept.org')],
  ]).replace(/\n/g, '\r\n');
  writeFileSync(join(dir, 'crlf.txt'), `\uFEFF${crlf}`);
  writeFileSync(join(dir, 'glued.txt'), layoutB([['Lost Abstract', ''], ['Kept Paper', abstract('kept, at www.kept.org')]]).replace('\n\n', '\n'));
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3]));
  // Its date is past the first few KB: read whole before the others, to learn where it goes.
  writeFileSync(join(dir, 'blank-start.txt'), `${'\n'.repeat(5000)}Mar 3\n\nA Paper Dated Late In Its File\n\n${abstract('late date')}`);
  return dir;
}

function finish(load: LibraryLoad): LibraryLoad {
  while (!load.step(5));
  return load;
}

/** Everything a load hands its reader. */
function seen(load: LibraryLoad) {
  return { papers: load.papers(), days: load.days(), files: load.files, digestFiles: load.digestFiles(), digestCount: load.digestCount, errors: load.errors, warnings: load.warnings };
}

/** A load of `dir` through the cache, and the cache written after it (as the reader does). */
async function loadAndStore(dir: string, cacheDir: string) {
  const load = finish(startLibraryLoad([dir], { cacheDir }));
  await load.storeCache();
  return seen(load);
}

function libraryFiles(cacheDir: string): string[] {
  if (!existsSync(cacheDir)) return [];
  return readdirSync(cacheDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith('library-'))
    .flatMap((e) => readdirSync(join(cacheDir, e.name)).map((f) => join(cacheDir, e.name, f)));
}

function libraryFile(cacheDir: string): string {
  const files = libraryFiles(cacheDir);
  expect(files).toHaveLength(1);
  return files[0]!;
}

/** The header near the file's end (its JSON, its checksum, their lengths and the magic). */
type Header = Omit<LibraryContents, 'papers'> & { chunks: number[]; abstractChunks: number[]; wideBytes: number; papers: number };
function header(path: string): Header {
  const bytes = readFileSync(path);
  const end = bytes.length - 16 - bytes.readUInt32LE(bytes.length - 12);
  const length = bytes.readUInt32LE(bytes.length - 16);
  return JSON.parse(bytes.subarray(end - length, end).toString('utf8')) as Header;
}

function flipByte(path: string, at: number): void {
  const bytes = readFileSync(path);
  bytes[at] = bytes[at]! ^ 0x20;
  writeFileSync(path, bytes);
}

describe('the library cache', () => {
  it('gives exactly what reading the digests gives, and is written once the load is done', async () => {
    const dir = digestDir();
    const cacheDir = temp();
    const plain = seen(finish(startLibraryLoad([dir])));
    expect(plain.errors.map((e) => e.message)).toEqual([expect.stringMatching(/binary\.txt: binary file/)]);
    expect(plain.warnings.length).toBeGreaterThan(0);
    expect(plain.papers.map((p) => p.title)).toContain('Ｆｕｌｌｗｉｄｔｈ Title — with ﬁ ligature');
    expect(await loadAndStore(dir, cacheDir)).toEqual(plain);
    libraryFile(cacheDir);
    expect(await loadAndStore(dir, cacheDir)).toEqual(plain);
    // The same papers loadLibrary gives (the command-line commands' load).
    expect(plain.papers).toEqual(loadLibrary([dir]).papers);
  });

  it('is what a warm load reads: the digests are not read again', async () => {
    const dir = digestDir();
    const cacheDir = temp();
    const plain = await loadAndStore(dir, cacheDir);
    // A cache file written for these very digests, with one title changed: the load shows it.
    const path = libraryFile(cacheDir);
    const slot = libraryCacheSlot(cacheDir, expandPaths([dir]).files)!;
    expect(slot.path).toBe(path);
    const { digests, plan, errors, warnings } = header(path);
    const papers = plain.papers.map((p, i) => (i === 1 ? { ...p, title: 'From the cache' } : p));
    await storeCachedLibrary(slot, { papers, digests, plan, errors, warnings });
    const warm = seen(finish(startLibraryLoad([dir], { cacheDir })));
    expect(warm.papers[1]!.title).toBe('From the cache');
    expect({ ...warm, papers: plain.papers }).toEqual(plain);
  });

  it('is read a chunk at a time over a large library, and a chunk found damaged midway gives way to the digests', async () => {
    const corpus = writeCorpus(temp(), { papers: 3000, perDigest: 100, repeatRate: 0.3, seed: 9 });
    const cacheDir = temp();
    const plain = await loadAndStore(corpus.dir, cacheDir);
    const path = libraryFile(cacheDir);
    const good = readFileSync(path);
    const { chunks } = header(path);
    expect(chunks.length).toBeGreaterThan(2);
    const warm = startLibraryLoad([corpus.dir], { cacheDir });
    warm.step(0);
    const first = warm.papers();
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(plain.papers.length);
    expect(warm.done).toBe(false);
    expect(seen(finish(warm))).toEqual(plain);

    // One byte of the second chunk's text changed: the first chunk's papers were handed out already;
    // the load starts over from the digests and ends with the right library (new paper objects).
    flipByte(path, chunks[0]! + 100);
    const damaged = startLibraryLoad([corpus.dir], { cacheDir });
    damaged.step(0);
    const handedOut = damaged.papers();
    expect(handedOut.length).toBeGreaterThan(0);
    finish(damaged);
    expect(seen(damaged)).toEqual(plain);
    expect(damaged.papers()[0]).not.toBe(handedOut[0]);
    // Rewritten by that load.
    await damaged.storeCache();
    expect(seen(finish(startLibraryLoad([corpus.dir], { cacheDir })))).toEqual(plain);
    expect(readFileSync(path).equals(good)).toBe(true);
  });

  /** Where the abstracts start: after the head chunks (titles and links). */
  const abstractsAt = (h: Header) => h.chunks.reduce((a, b) => a + b, 0);
  /** Where the ids and the arrays start: after the text chunks and the wide strings. */
  const idsAt = (h: Header) => abstractsAt(h) + h.abstractChunks.reduce((a, b) => a + b, 0) + h.wideBytes;
  it.each([
    ['a byte flipped in the first chunk', (path: string) => flipByte(path, 10)],
    ['a byte flipped in the wide strings', (path: string, h: Header) => flipByte(path, idsAt(h) - 3)],
    ['a byte flipped in the ids', (path: string, h: Header) => flipByte(path, idsAt(h) + 5)],
    ['a byte flipped in the arrays', (path: string, h: Header) => flipByte(path, idsAt(h) + 12 * h.papers + 9)],
    ['a byte flipped in the header', (path: string, _: Header, size: number) => flipByte(path, size - 60)],
    ['a byte flipped in the magic', (path: string, _: Header, size: number) => flipByte(path, size - 3)],
    ['truncated', (path: string, _: Header, size: number) => truncateSync(path, Math.floor(size / 2))],
    ['emptied', (path: string) => writeFileSync(path, '')],
    ['replaced by garbage', (path: string) => writeFileSync(path, 'not a library')],
  ])('%s: the digests are read instead, and the file rewritten', async (_, damage) => {
    const dir = digestDir();
    const cacheDir = temp();
    const plain = await loadAndStore(dir, cacheDir);
    const path = libraryFile(cacheDir);
    const good = readFileSync(path);
    expect(header(path).wideBytes).toBeGreaterThan(0);
    damage(path, header(path), good.length);
    expect(await loadAndStore(dir, cacheDir)).toEqual(plain);
    expect(readFileSync(path).equals(good)).toBe(true);
  });

  /** Whether each paper's abstract has been read yet (a cached paper reads it when first asked for). */
  const abstractsRead = (papers: readonly unknown[]) => papers.map((p) => (p instanceof CachedPaper ? p.abstractRead : true));

  it('hands out the papers without reading their abstracts, and reads each as asked: what the digests give', async () => {
    const corpus = writeCorpus(temp(), { papers: 3000, perDigest: 100, repeatRate: 0.3, seed: 4 });
    const cacheDir = temp();
    const plain = await loadAndStore(corpus.dir, cacheDir);
    expect(header(libraryFile(cacheDir)).abstractChunks.length).toBeGreaterThan(1);
    const warm = finish(startLibraryLoad([corpus.dir], { cacheDir }));
    expect(warm.readFrom).toBe('cache');
    const papers = warm.papers();
    expect(abstractsRead(papers).every((read) => !read)).toBe(true);
    // The search index checks the papers by their abstracts' lengths: known without reading them.
    const key = indexCacheKey(cacheDir, warm.digestFiles())!;
    createSearchEngine(plain.papers, { cache: key });
    expect(loadCachedIndex(key, papers)).not.toBeNull();
    expect(abstractsRead(papers).every((read) => !read)).toBe(true);
    // Asked out of order, from the last chunk first.
    const last = papers.length - 1;
    expect(papers[last]!.abstract).toBe(plain.papers[last]!.abstract);
    expect(abstractsRead(papers)[0]).toBe(false);
    expect(papers[0]!.abstract).toBe(plain.papers[0]!.abstract);
    expect(papers).toEqual(plain.papers);
    expect(JSON.parse(JSON.stringify(papers))).toEqual(JSON.parse(JSON.stringify(plain.papers)));
  });

  it('an abstract chunk found damaged after the load: those abstracts are read from the digests, and the file removed, then written again', async () => {
    const corpus = writeCorpus(temp(), { papers: 3000, perDigest: 100, repeatRate: 0.3, seed: 5 });
    const cacheDir = temp();
    const plain = await loadAndStore(corpus.dir, cacheDir);
    const path = libraryFile(cacheDir);
    const good = readFileSync(path);
    const h = header(path);
    expect(h.abstractChunks.length).toBeGreaterThan(1);
    // A byte of the second abstract chunk: the load itself reads no abstract, so it goes on from the cache.
    flipByte(path, abstractsAt(h) + h.abstractChunks[0]! + 100);
    const warm = finish(startLibraryLoad([corpus.dir], { cacheDir }));
    expect(warm.readFrom).toBe('cache');
    expect(existsSync(path)).toBe(true);
    expect(warm.papers()).toEqual(plain.papers);
    expect(existsSync(path)).toBe(false);
    await warm.storeCache();
    expect(readFileSync(path).equals(good)).toBe(true);
    // A paper whose digests are gone by the time its damaged abstract is asked for: no abstract, no error.
    flipByte(path, abstractsAt(h) + 100);
    const gone = finish(startLibraryLoad([corpus.dir], { cacheDir }));
    const first = gone.papers()[0]!;
    expect(first.title).toBe(plain.papers[0]!.title);
    expect(plain.papers[0]!.abstract).not.toBe('');
    for (const file of first.sources) rmSync(file);
    expect(first.abstract).toBe('');
    expect(gone.papers()[1]!.title).toBe(plain.papers[1]!.title);
  });

  it('follows the digests: one changed, added or removed is seen, and the cache replaced, not added to', async () => {
    const dir = digestDir();
    const cacheDir = temp();
    await loadAndStore(dir, cacheDir);
    const glued = join(dir, 'glued.txt');
    writeFileSync(glued, layoutB([['Lost Abstract', abstract('found again')], ['Kept Paper', abstract('kept')], ['A New Paper', abstract('new')]]));
    // Same size and times as before would still differ in ctime; the new content is seen.
    const changed = await loadAndStore(dir, cacheDir);
    expect(changed).toEqual(seen(finish(startLibraryLoad([dir]))));
    expect(changed.papers.map((p) => p.title)).toContain('A New Paper');
    writeFileSync(join(dir, 'added.txt'), layoutA('Mar 20', [['An Added Digest Paper', abstract('added')]]));
    const added = await loadAndStore(dir, cacheDir);
    expect(added.papers.map((p) => p.title)).toContain('An Added Digest Paper');
    expect(added).toEqual(seen(finish(startLibraryLoad([dir]))));
    rmSync(join(dir, 'added.txt'));
    rmSync(glued);
    const removed = await loadAndStore(dir, cacheDir);
    expect(removed.papers.map((p) => p.title)).not.toContain('An Added Digest Paper');
    expect(removed.papers.map((p) => p.title)).not.toContain('Kept Paper');
    expect(removed).toEqual(seen(finish(startLibraryLoad([dir]))));
    expect(await loadAndStore(dir, cacheDir)).toEqual(removed);
    libraryFile(cacheDir);
  });

  it('is not used in another time zone, where undated digests fall on other days', async () => {
    const dir = temp();
    const file = join(dir, 'undated.txt');
    writeFileSync(file, layoutB([['An Undated Paper', abstract('undated')]]));
    // 23:30 UTC: the next day east of UTC.
    const when = new Date(Date.UTC(2025, 2, 18, 23, 30));
    utimesSync(file, when, when);
    const cacheDir = temp();
    process.env.TZ = 'UTC';
    expect((await loadAndStore(dir, cacheDir)).days).toEqual([{ day: '2025-03-18', label: 'Mar 18?' }]);
    process.env.TZ = 'Asia/Tokyo';
    const east = seen(finish(startLibraryLoad([dir], { cacheDir })));
    expect(east.days).toEqual([{ day: '2025-03-19', label: 'Mar 19?' }]);
    expect(east.papers[0]!.dates).toEqual(['Mar 19?']);
  });

  it('a FIFO in place of the file is never waited on', async () => {
    const dir = digestDir();
    const cacheDir = temp();
    const plain = await loadAndStore(dir, cacheDir);
    const path = libraryFile(cacheDir);
    rmSync(path);
    execFileSync('mkfifo', [path]);
    expect(seen(finish(startLibraryLoad([dir], { cacheDir })))).toEqual(plain);
    expect(statSync(path).isFIFO()).toBe(true);
  });

  it('a cache that cannot be written is no error, and the load is right', async () => {
    const dir = digestDir();
    const plain = seen(finish(startLibraryLoad([dir])));
    // A file where the cache directory should be: nothing can be created in it.
    const cacheDir = join(temp(), 'cache');
    writeFileSync(cacheDir, 'not a directory');
    expect(await loadAndStore(dir, cacheDir)).toEqual(plain);
    expect(await loadAndStore(dir, cacheDir)).toEqual(plain);
    // A directory in the file's place.
    const other = temp();
    await loadAndStore(dir, other);
    const path = libraryFile(other);
    rmSync(path);
    execFileSync('mkdir', [path]);
    expect(await loadAndStore(dir, other)).toEqual(plain);
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('stops when told (the reader quit): no file, not even a temp one, and the next load reads the digests and caches them', async () => {
    const dir = digestDir();
    const plain = seen(finish(startLibraryLoad([dir])));
    const cacheDir = temp();
    const load = finish(startLibraryLoad([dir], { cacheDir }));
    const stop = new AbortController();
    const storing = load.storeCache(stop.signal);
    stop.abort();
    await storing;
    expect(libraryFiles(cacheDir)).toEqual([]);
    const next = finish(startLibraryLoad([dir], { cacheDir }));
    expect(next.readFrom).toBe('digests');
    expect(seen(next)).toEqual(plain);
    await next.storeCache();
    expect(libraryFile(cacheDir)).toMatch(/\.lib$/);
    expect(finish(startLibraryLoad([dir], { cacheDir })).readFrom).toBe('cache');
  });

  it('removes the temp file a write left when its process ended', async () => {
    const dir = digestDir();
    const cacheDir = temp();
    await loadAndStore(dir, cacheDir);
    const path = libraryFile(cacheDir);
    const abandoned = `${path}.${2 ** 22 + 1}.tmp`;
    writeFileSync(abandoned, 'half a library');
    writeFileSync(join(dir, 'added.txt'), layoutA('Mar 20', [['An Added Digest Paper', abstract('added')]]));
    await loadAndStore(dir, cacheDir);
    expect(existsSync(abandoned)).toBe(false);
    libraryFile(cacheDir);
  });
});
