import { describe, expect, it } from 'vitest';
import { buildLibrary, normalizeTitle, paperId } from '../src/core/library.js';
import { extractLinks } from '../src/core/links.js';
import { loadLibrary } from '../src/core/load.js';
import { parseDigest } from '../src/core/parse.js';
import { abstract, layoutA, layoutB, pinnedSamples } from './helpers/digests.js';

describe('library over the real sample digests', () => {
  // Written on their days in 2025; the undated one on Mar 10, 2025.
  const { digests, papers } = loadLibrary([pinnedSamples().dir]);

  it('merges 503 entries into 428 distinct papers', () => {
    expect(digests.reduce((n, d) => n + d.entries.length, 0)).toBe(503);
    expect(papers).toHaveLength(428);
    expect(new Set(papers.map((p) => p.id)).size).toBe(428);
  });

  it('lists newest digest first, in trending order within a digest', () => {
    expect(papers[0]!.title).toBe('Efficiently Robustify Pre-trained Models');
    const firstDates = papers.map((p) => p.dates[0]);
    const order = ['Mar 18', 'Mar 17', 'Mar 14', 'Mar 10?'];
    const ranks = firstDates.map((d) => order.indexOf(d!));
    expect(ranks.every((r, i) => r >= 0 && (i === 0 || r >= ranks[i - 1]!))).toBe(true);
    expect(papers.at(-1)!.dates).toEqual(['Mar 10?']);
    expect(papers.at(-1)!.days).toEqual(['2025-03-10']);
    expect(papers[0]!.days[0]).toBe('2025-03-18');
  });

  it('gives a paper seen in several digests every date, newest first, with its sources', () => {
    const multi = papers.filter((p) => p.dates.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    expect(papers.reduce((n, p) => n + p.dates.length, 0)).toBe(503);
    for (const p of multi) {
      expect(p.sources).toHaveLength(p.dates.length);
      expect(new Set(p.sources).size).toBe(p.sources.length);
    }
    const qwen = papers.find((p) => p.title === 'Qwen2.5 Technical Report');
    expect(qwen).toBeDefined();
  });

  it('extracts the links of an abstract', () => {
    const fb = papers.find((p) => p.title.startsWith('FB-BEV'))!;
    expect(fb.links).toEqual(['https://github.com/NVlabs/FB-BEV']);
  });
});

describe('merging and ids', () => {
  it('merges titles that differ only in case and whitespace, and keeps the newest spelling', () => {
    const older = parseDigest(layoutA('Mar 1', [['Attention  Is All you need', abstract('attention')]]), '/d/a.txt');
    const newer = parseDigest(layoutA('Mar 2', [['Attention Is All You Need', abstract('attention')]]), '/d/b.txt');
    const papers = buildLibrary([older, newer]);
    expect(papers).toHaveLength(1);
    expect(papers[0]!.title).toBe('Attention Is All You Need');
    expect(papers[0]!.dates).toEqual(['Mar 2', 'Mar 1']);
    expect(papers[0]!.sources).toEqual(['/d/b.txt', '/d/a.txt']);
  });

  it('derives the id from the title only, so renaming or re-parsing a file keeps it', () => {
    const entries: [string, string][] = [['Stable Ids For Papers', abstract('ids')]];
    const a = buildLibrary([parseDigest(layoutA('Mar 1', entries), '/x/one.txt')]);
    const b = buildLibrary([parseDigest(layoutB(entries), '/elsewhere/renamed.txt')]);
    expect(a[0]!.id).toBe(b[0]!.id);
    expect(a[0]!.id).toMatch(/^[0-9a-f]{12}$/);
    expect(paperId('stable   ids for PAPERS')).toBe(a[0]!.id);
    expect(paperId('Stable Ids For Papers!')).not.toBe(a[0]!.id);
  });

  it('normalises Unicode forms, case and whitespace', () => {
    expect(normalizeTitle('  Cafe\u0301\tAU  Lait ')).toBe(normalizeTitle('café au lait'));
  });

  it('fills an abstract that the newer copy lost from an older copy', () => {
    const newer = parseDigest(['Mar 2', 'Only A Title'].join('\n'), '/d/new.txt');
    const older = parseDigest(layoutA('Mar 1', [['Only a title', abstract('recovered')]]), '/d/old.txt');
    const [paper] = buildLibrary([newer, older]);
    expect(paper!.abstract).toBe(abstract('recovered'));
  });

  it('sorts digests by date, not by the order they were given', () => {
    const mk = (date: string, title: string, file: string) => parseDigest(layoutA(date, [[title, abstract(title)]]), file);
    const papers = buildLibrary([mk('Feb 9', 'B', '/b.txt'), mk('Mar 1', 'A', '/a.txt'), mk('Feb 10', 'C', '/c.txt')]);
    expect(papers.map((p) => p.title)).toEqual(['A', 'C', 'B']);
  });
});

describe('links', () => {
  it.each([
    ['Code is at https://github.com/a/b.', ['https://github.com/a/b']],
    ['see (https://rank.example.org/board).', ['https://rank.example.org/board']],
    ['at~https://github.com/rabeehk/compacter.', ['https://github.com/rabeehk/compacter']],
    ['page https://x.github.io/{https://x.github.io/}.', ['https://x.github.io/']],
    ['README https://a.org/r/README.md{here.}', ['https://a.org/r/README.md']],
    ['project: evinpinar.github.io/foundpose.', ['https://evinpinar.github.io/foundpose']],
    ['mirror www.github.com/dev/CLIPTrans, and more', ['https://www.github.com/dev/CLIPTrans']],
    ['wiki https://en.wikipedia.org/wiki/Foo_(bar) rocks', ['https://en.wikipedia.org/wiki/Foo_(bar)']],
    ['twice https://a.io/x and https://a.io/x again', ['https://a.io/x']],
    ['plain mention of wikipedia.org is not a link', []],
  ])('%s', (text, links) => {
    expect(extractLinks(text)).toEqual(links);
  });
});
