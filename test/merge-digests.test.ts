// Merging digests that arrive while the reader runs: the same library as building it from scratch.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../bench/digest-writer.js';
import { seededRng } from '../bench/rng.js';
import { buildLibrary } from '../src/core/library.js';
import { loadLibrary } from '../src/core/load.js';
import { mergeDigests } from '../src/core/merge-digests.js';
import { decodeDigestBytes, parseDigest } from '../src/core/parse.js';
import type { Digest } from '../src/core/types.js';
import { abstract, layoutA, localNoon, pinnedSamples, tempDir } from './helpers/digests.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const samples = pinnedSamples();
temps.push(samples.dir);
const { digests: sampleDigests } = loadLibrary([samples.dir]);

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rand = seededRng(seed);
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('merging live digests into a library', () => {
  it('gives what buildLibrary gives, whatever order the digests arrive in', () => {
    const expected = buildLibrary(sampleDigests);
    for (const seed of [1, 2, 3, 4]) {
      let papers = buildLibrary([]);
      for (const d of shuffled(sampleDigests, seed)) papers = mergeDigests(papers, [d]).papers;
      expect(papers).toEqual(expected);
    }
    // All at once too.
    expect(mergeDigests([], shuffled(sampleDigests, 9)).papers).toEqual(expected);
  });

  it('also on a generated library with many repeats and digests sharing a day', () => {
    const dir = tempDir('paperterm-merge-');
    temps.push(dir);
    const corpus = writeCorpus(dir, { papers: 600, perDigest: 40, repeatRate: 0.4, seed: 3 });
    const digests = corpus.files.map((f) => parseDigest(decodeDigestBytes(readFileSync(f)), f, statSync(f).mtimeMs));
    // Two files for one day (a digest saved twice, or by two tools): ordered by file name.
    digests.splice(2, 0, { ...digests[1]!, file: `${digests[1]!.file}.copy`, entries: digests[1]!.entries.slice(5, 30) });
    const expected = buildLibrary(digests);
    const start = buildLibrary(digests.slice(3));
    let papers = start;
    for (const d of shuffled(digests.slice(0, 3), 5)) papers = mergeDigests(papers, [d]).papers;
    expect(papers).toEqual(expected);
  });

  it('reports the new papers and a status line, and leaves the old library and untouched papers as they were', () => {
    const older = sampleDigests.filter((d) => d.label !== 'Mar 18');
    const mar18 = sampleDigests.find((d) => d.label === 'Mar 18')!;
    const before = buildLibrary(older);
    const copy = structuredClone(before);
    const merged = mergeDigests(before, [mar18]);
    expect(before).toEqual(copy);
    const oldIds = new Set(before.map((p) => p.id));
    const fresh = buildLibrary([mar18]).filter((p) => !oldIds.has(p.id));
    expect(merged.added.map((p) => p.id)).toEqual(fresh.map((p) => p.id));
    expect(merged.status).toBe(`${fresh.length} new papers (Mar 18)`);
    // A paper Mar 18 did not list is the very same object.
    const untouched = before.find((p) => !mar18.entries.some((e) => e.title === p.title))!;
    expect(merged.papers).toContain(untouched);
  });

  it('adds only the entries a changed digest did not have, and says so', () => {
    const one = (date: string, titles: string[], file = '/d/mar19.txt'): Digest =>
      parseDigest(layoutA(date, titles.map((t) => [t, abstract(t)])), file, localNoon(2025, 3, 19).getTime());
    const library = buildLibrary(sampleDigests);
    const first = mergeDigests(library, [one('Mar 19', ['Alpha paper', 'Beta paper'])]);
    expect(first.status).toBe('2 new papers (Mar 19)');
    expect(first.papers.slice(0, 2).map((p) => p.title)).toEqual(['Alpha paper', 'Beta paper']);
    const again = mergeDigests(first.papers, [one('Mar 19', ['Alpha paper', 'Beta paper', 'Gamma paper'])]);
    expect(again.status).toBe('1 new paper (Mar 19)');
    expect(again.added.map((p) => p.title)).toEqual(['Gamma paper']);
    expect(again.papers).toHaveLength(library.length + 3);
    expect(mergeDigests(again.papers, [one('Mar 19', ['Alpha paper'])]).status).toBe('no new papers (Mar 19)');
  });
});
