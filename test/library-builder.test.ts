import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../bench/digest-writer.js';
import { seededRng } from '../bench/rng.js';
import { buildLibrary, sortDigests } from '../src/core/library.js';
import { createLibraryBuilder } from '../src/core/library-builder.js';
import { loadLibrary } from '../src/core/load.js';
import { parseDigest } from '../src/core/parse.js';
import type { Digest } from '../src/core/types.js';
import { abstract, layoutA, layoutB, SAMPLE_DIR, tempDir } from './helpers/digests.js';

function built(digests: readonly Digest[]) {
  const b = createLibraryBuilder();
  for (const d of digests) b.add(d);
  return b.papers();
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = seededRng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('the incremental builder equals buildLibrary', () => {
  const temps: string[] = [];
  let generated: Digest[];
  beforeAll(() => {
    // Small digests with many repeats: papers keep gaining dates from older digests.
    const dir = tempDir('paperterm-builder-');
    temps.push(dir);
    writeCorpus(dir, { papers: 1500, perDigest: 40, repeatRate: 0.4, seed: 3 });
    generated = loadLibrary([dir]).digests;
  });
  afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('on the sample digests, fed newest first', () => {
    const { digests } = loadLibrary([SAMPLE_DIR]);
    expect(built(sortDigests(digests))).toEqual(buildLibrary(digests));
  });

  it('on a generated corpus with repeats and undated digests, fed newest first', () => {
    expect(generated.length).toBeGreaterThan(30);
    const expected = buildLibrary(generated);
    expect(expected.some((p) => p.dates.length > 2)).toBe(true);
    expect(built(sortDigests(generated))).toEqual(expected);
  });

  it('whatever order the digests come in', () => {
    const expected = buildLibrary(generated);
    expect(built(shuffled(generated, 1))).toEqual(expected);
    expect(built([...sortDigests(generated)].reverse())).toEqual(expected);
  });

  it('after every digest, shows exactly the library of the digests so far', () => {
    const sorted = sortDigests(generated).slice(0, 12);
    const b = createLibraryBuilder();
    sorted.forEach((d, i) => {
      b.add(d);
      expect(b.papers()).toEqual(buildLibrary(sorted.slice(0, i + 1)));
      expect(b.digests).toBe(i + 1);
    });
  });
});

describe('while digests arrive newest first', () => {
  const mk = (date: string, entries: [string, string][], file: string) => parseDigest(layoutA(date, entries), file);

  it('keeps the papers already handed out in place and updates them', () => {
    const b = createLibraryBuilder();
    b.add(mk('Mar 3', [['Alpha', abstract('alpha')], ['Beta', abstract('beta')]], '/d/3.txt'));
    const first = b.papers();
    b.add(mk('Mar 2', [['Gamma', abstract('gamma')], ['alpha', abstract('alpha again')]], '/d/2.txt'));
    const second = b.papers();
    expect(second).not.toBe(first);
    expect(second.map((p) => p.title)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(first[0]!.dates).toEqual(['Mar 3', 'Mar 2']);
    expect(first[0]!.sources).toEqual(['/d/3.txt', '/d/2.txt']);
    expect(first[0]!.abstract).toBe(abstract('alpha'));
  });

  it('fills in an abstract (and its links) that the newer copy lacked', () => {
    const b = createLibraryBuilder();
    b.add(parseDigest(['Mar 2', 'Only A Title'].join('\n'), '/d/new.txt'));
    const [paper] = b.papers();
    expect(paper!.abstract).toBe('');
    expect(paper!.links).toEqual([]);
    const text = `${abstract('recovered')} Code: https://github.com/a/b.`;
    b.add(mk('Mar 1', [['Only a title', text]], '/d/old.txt'));
    expect(paper!.abstract).toBe(text);
    expect(paper!.links).toEqual(['https://github.com/a/b']);
  });

  it('orders undated digests by their file day, and by file name on the same day', () => {
    const jan4 = new Date(2025, 0, 4, 12).getTime();
    const undatedB = parseDigest(layoutB([['Bee', abstract('b')]]), '/d/b.txt', jan4);
    const undatedA = parseDigest(layoutB([['Ay', abstract('a')]]), '/d/a.txt', jan4);
    const dated = parseDigest(layoutA('Jan 5', [['Dee', abstract('d')]]), '/d/z.txt', jan4);
    expect(built([undatedB, dated, undatedA]).map((p) => p.title)).toEqual(['Dee', 'Ay', 'Bee']);
  });

  it('counts a digest that lists the same paper twice once', () => {
    const d = mk('Mar 2', [['Same', abstract('one')], ['same', abstract('two')]], '/d/x.txt');
    const [paper] = built([d]);
    expect(paper!.dates).toEqual(['Mar 2']);
    expect(built([d])).toEqual(buildLibrary([d]));
  });
});
