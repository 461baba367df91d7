// The search index cache on a copy of the real sample digests: read back only when it was built
// from exactly these digests, rebuilt and rewritten when stale or damaged, ignored when it cannot be
// written, and never a reason for a search to differ or fail.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLibraryLoad } from '../src/core/library-load.js';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { createSearchEngine, createSearchEngineAsync, type SearchEngine } from '../src/search/engine.js';
import { indexCacheKey, loadCachedIndex, loadCachedIndexAsync, type IndexCacheKey } from '../src/search/index-cache.js';
import { runCli } from './helpers/cli.js';
import { abstract, layoutA, SAMPLE_DIR, tempDir } from './helpers/digests.js';

const temps: string[] = [];
function temp(): string {
  const dir = tempDir('paperterm-index-cache-test-');
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function sampleCopy(): string {
  const dir = temp();
  for (const f of readdirSync(SAMPLE_DIR)) copyFileSync(join(SAMPLE_DIR, f), join(dir, f));
  return dir;
}

function library(dir: string, cacheDir: string): { papers: Paper[]; slot: IndexCacheKey } {
  const { papers, digests } = loadLibrary([dir]);
  const slot = indexCacheKey(cacheDir, digests.map((d) => d.file));
  if (!slot) throw new Error('no cache slot');
  return { papers, slot };
}

const QUERIES = ['sam', 'lora', 'trasformer', "'model soups", 't:^bev', 'diffusion !video', 'mar 17', 'lidar | radar'];
const answers = (engine: SearchEngine) => QUERIES.map((q) => engine.search(q, { limit: 30 }));
const fresh = (papers: Paper[]) => answers(createSearchEngine(papers));

describe('search index cache', () => {
  it('a FIFO in place of the index file is ignored, never waited on: the index is built and the answers stay right', async () => {
    const dir = sampleCopy();
    const cacheDir = temp();
    const { papers, slot } = library(dir, cacheDir);
    mkdirSync(dirname(slot.path), { recursive: true });
    execFileSync('mkfifo', [slot.path]);
    expect(loadCachedIndex(slot, papers)).toBeNull();
    expect(await loadCachedIndexAsync(slot, papers)).toBeNull();
    expect(answers(createSearchEngine(papers, { cache: slot }))).toEqual(fresh(papers));
  });

  it('writes the index on first use and reads it back on the next, with the same answers', () => {
    const dir = sampleCopy();
    const cacheDir = temp();
    const { papers, slot } = library(dir, cacheDir);
    expect(loadCachedIndex(slot, papers)).toBeNull();
    const built = answers(createSearchEngine(papers, { cache: slot }));
    expect(existsSync(slot.path)).toBe(true);
    expect(loadCachedIndex(slot, papers)).not.toBeNull();
    expect(answers(createSearchEngine(papers, { cache: slot }))).toEqual(built);
    expect(built).toEqual(fresh(papers));
  });

  it('the async engine reads and writes the same cache', async () => {
    const dir = sampleCopy();
    const cacheDir = temp();
    const { papers, slot } = library(dir, cacheDir);
    const first = answers(await createSearchEngineAsync(papers, { cache: slot }));
    expect(loadCachedIndex(slot, papers)).not.toBeNull();
    // Read with its sections all at once, the same index as read piece by piece.
    expect(await loadCachedIndexAsync(slot, papers)).toEqual(loadCachedIndex(slot, papers));
    expect(answers(await createSearchEngineAsync(papers, { cache: slot }))).toEqual(first);
  });

  it('a stale index (a digest edited since) is not used: the new text is found and the file rewritten', () => {
    const dir = sampleCopy();
    const cacheDir = temp();
    const before = library(dir, cacheDir);
    createSearchEngine(before.papers, { cache: before.slot });
    const file = join(dir, readdirSync(dir)[0]!);
    // Same title list, one abstract longer: only the digest's signature tells.
    const text = readFileSync(file, 'utf8');
    const firstAbstractEnd = text.indexOf('\n', text.indexOf('\n\n', text.indexOf('\n\n') + 2) + 2);
    writeFileSync(file, `${text.slice(0, firstAbstractEnd)} zyxwvutsrq${text.slice(firstAbstractEnd)}`);
    const after = library(dir, cacheDir);
    expect(after.slot.path).toBe(before.slot.path);
    expect(after.slot.key).not.toBe(before.slot.key);
    expect(loadCachedIndex(after.slot, after.papers)).toBeNull();
    const engine = createSearchEngine(after.papers, { cache: after.slot });
    expect(engine.search('zyxwvutsrq').total).toBe(1);
    expect(loadCachedIndex(after.slot, after.papers)).not.toBeNull();
  });

  it('a file claiming the right key for other papers is refused (the papers are checked, not just the key)', () => {
    const dir = sampleCopy();
    const cacheDir = temp();
    const { papers, slot } = library(dir, cacheDir);
    createSearchEngine(papers, { cache: slot });
    const changed = papers.map((p, i) => (i === 5 ? { ...p, title: `${p.title} (revised)` } : p));
    expect(loadCachedIndex(slot, changed)).toBeNull();
    const longer = papers.map((p, i) => (i === 7 ? { ...p, abstract: `${p.abstract} more` } : p));
    expect(loadCachedIndex(slot, longer)).toBeNull();
    expect(loadCachedIndex(slot, papers.slice(1))).toBeNull();
  });

  it.each([
    ['one byte flipped in the middle', (b: Buffer) => {
      b[Math.floor(b.length / 2)]! ^= 0xff;
      return b;
    }],
    ['cut short', (b: Buffer) => b.subarray(0, Math.floor(b.length * 0.7))],
    ['empty', () => Buffer.alloc(0)],
    ['not an index at all', () => Buffer.from('{"format":1}')],
    ['header damaged', (b: Buffer) => {
      b.write('XX', 20, 'latin1');
      return b;
    }],
    ['bytes after its end', (b: Buffer) => Buffer.concat([b, Buffer.from('....')])],
  ])('a corrupt index (%s) is rebuilt, and the answers stay right', async (_name, damage) => {
    const dir = sampleCopy();
    const cacheDir = temp();
    const { papers, slot } = library(dir, cacheDir);
    createSearchEngine(papers, { cache: slot });
    writeFileSync(slot.path, damage(readFileSync(slot.path)));
    expect(loadCachedIndex(slot, papers)).toBeNull();
    // The reader's loader (sections read all at once) refuses it as well.
    expect(await loadCachedIndexAsync(slot, papers)).toBeNull();
    expect(answers(createSearchEngine(papers, { cache: slot }))).toEqual(fresh(papers));
    expect(loadCachedIndex(slot, papers)).not.toBeNull();
  });

  it('digests added and removed: the index is rebuilt for the new set, in the same slot', () => {
    const dir = sampleCopy();
    const cacheDir = temp();
    const start = library(dir, cacheDir);
    createSearchEngine(start.papers, { cache: start.slot });

    writeFileSync(join(dir, 'added.txt'), layoutA('Mar 20', [['Quokka Networks for Tiny Devices', abstract('a marsupial-inspired network')]]));
    const added = library(dir, cacheDir);
    expect(added.slot.path).toBe(start.slot.path);
    expect(loadCachedIndex(added.slot, added.papers)).toBeNull();
    expect(createSearchEngine(added.papers, { cache: added.slot }).search('quokka').total).toBe(1);
    expect(loadCachedIndex(added.slot, added.papers)).not.toBeNull();

    unlinkSync(join(dir, 'added.txt'));
    unlinkSync(join(dir, readdirSync(dir).sort()[0]!));
    const removed = library(dir, cacheDir);
    expect(removed.papers.length).toBeLessThan(start.papers.length);
    expect(loadCachedIndex(removed.slot, removed.papers)).toBeNull();
    const engine = createSearchEngine(removed.papers, { cache: removed.slot });
    expect(engine.search('quokka').total).toBe(0);
    expect(answers(engine)).toEqual(fresh(removed.papers));
    expect(readdirSync(join(slotDir(removed.slot)))).toHaveLength(1);
  });

  it('is keyed by the signatures the library was read with: as stat\'ing the files, until a digest is edited after the load', () => {
    const dir = sampleCopy();
    const cacheDir = temp();
    const load = startLibraryLoad([dir], { cacheDir });
    while (!load.step(5));
    const files = load.digestFiles();
    const read = indexCacheKey(cacheDir, files, load.signatures());
    expect(read).toEqual(indexCacheKey(cacheDir, files));
    appendFileSync(files[0]!, '\nA Paper Added After The Load\n\nIts abstract.\n');
    // The papers loaded are of the file as it was read: so is the key; stat'ed now, the file is another.
    expect(indexCacheKey(cacheDir, files, load.signatures())).toEqual(read);
    expect(indexCacheKey(cacheDir, files)!.key).not.toBe(read!.key);
  });

  it('an unwritable cache location is ignored: the search still answers, nothing is thrown', () => {
    const dir = sampleCopy();
    const blocker = join(temp(), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const { papers, slot } = library(dir, join(blocker, 'cache'));
    expect(answers(createSearchEngine(papers, { cache: slot }))).toEqual(fresh(papers));
    expect(statSync(blocker).isFile()).toBe(true);
  });

  it('no cache directory or an unreadable digest list: no slot, and the engine just builds', () => {
    expect(indexCacheKey(null, ['/x.txt'])).toBeNull();
    expect(indexCacheKey(temp(), [join(temp(), 'missing.txt')])).toBeNull();
  });

  it('paperterm search uses it: same output with a cold and a warm cache, and the index file is there', () => {
    const dir = sampleCopy();
    const cacheDir = temp();
    const env = { PAPERTERM_CACHE_DIR: cacheDir };
    const cold = runCli(['search', 'sam', dir, '--limit', '5'], { env });
    const warm = runCli(['search', 'sam', dir, '--limit', '5'], { env });
    expect(cold.code).toBe(0);
    expect(cold.stderr).toBe('');
    expect(warm).toEqual(cold);
    expect(cold.stdout.split('\n')[0]).toMatch(/SAM Fails to Segment Anything\?/);
    const indexDirs = readdirSync(cacheDir).filter((d) => d.startsWith('search-'));
    expect(indexDirs).toHaveLength(1);
    appendFileSync(join(dir, readdirSync(dir).sort()[0]!), '\n');
    expect(runCli(['search', 'sam', dir, '--limit', '5'], { env }).stdout).toBe(cold.stdout);
  });
});

function slotDir(slot: IndexCacheKey): string {
  return join(slot.path, '..');
}
