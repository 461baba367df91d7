import { describe, expect, it } from 'vitest';
import { bibtexDocument } from '../src/export/bibtex.js';
import { extractLinks } from '../src/core/links.js';
import { loadLibrary } from '../src/core/load.js';
import { startLibraryLoad } from '../src/core/library-load.js';
import { abstract, layoutA, SAMPLE_DIR, writeDigests } from './helpers/digests.js';

// A loaded paper's links are only looked for when asked for (built-paper.ts): what a user sees of
// them must be what it was when they were found while loading.
describe('the links of a loaded paper', () => {
  it('are those of its abstract, for every paper of the samples, however the library was loaded', () => {
    const papers = loadLibrary([SAMPLE_DIR]).papers;
    expect(papers.some((p) => p.links.length > 0)).toBe(true);
    for (const p of papers) expect(p.links).toEqual(extractLinks(p.abstract));
    const load = startLibraryLoad([SAMPLE_DIR]);
    while (!load.step(1000));
    expect(load.papers()).toEqual(papers);
  });

  it('come from the abstract an older digest filled in when the newest one had none', () => {
    const dir = writeDigests({
      'new.txt': layoutA('Mar 19', [['Lost Abstract', ''], ['Another Paper', abstract('more')]]),
      'old.txt': layoutA('Mar 18', [['Lost Abstract', `${abstract('found')} Code: https://found.example/code.`]]),
    });
    const lost = loadLibrary([dir]).papers.find((p) => p.title === 'Lost Abstract')!;
    expect(lost.abstract).toContain('found');
    expect(lost.links).toEqual(['https://found.example/code']);
    // Shown (its links asked for) while only the newer digest is loaded, then filled in.
    const load = startLibraryLoad([dir]);
    load.step(0);
    const early = load.papers().find((p) => p.title === 'Lost Abstract')!;
    expect(early.links).toEqual([]);
    while (!load.step(1000));
    expect(early.links).toEqual(['https://found.example/code']);
  });

  it('are seen by a copy, by JSON and by an export like any other field, and can be replaced', () => {
    const dir = writeDigests({ 'a.txt': layoutA('Mar 19', [['Linked Paper', `${abstract('links')} See https://a.example/x and www.b.example.`]]) });
    const paper = loadLibrary([dir]).papers[0]!;
    const links = ['https://a.example/x', 'https://www.b.example'];
    expect({ ...paper }.links).toEqual(links);
    expect(Object.keys(paper)).toContain('links');
    expect((JSON.parse(JSON.stringify(paper)) as { links: string[] }).links).toEqual(links);
    expect(bibtexDocument([paper])).toContain('url = {https://a.example/x}');
    paper.links = ['https://other.example'];
    expect(paper.links).toEqual(['https://other.example']);
  });
});
