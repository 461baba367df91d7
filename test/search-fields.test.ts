// Field prefixes and the whole-field operator on the real sample digests; expectations come from
// plain regular expressions over the papers, never from the engine.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { createScanEngine, createSearchEngine } from '../src/search/engine.js';

const papers = loadLibrary([fileURLToPath(new URL('../sample-data', import.meta.url))]).papers;
const engine = createSearchEngine(papers);
const found = (query: string): Paper[] => engine.search(query).hits.map((h) => papers[h.index]!);
const ids = (ps: readonly Paper[]): string[] => ps.map((p) => p.id).sort();
const where = (test: (p: Paper) => boolean): string[] => ids(papers.filter(test));

describe('field prefixes', () => {
  it('t:^bev: exactly the titles that start with BEV', () => {
    const expected = where((p) => /^bev/i.test(p.title));
    expect(expected.length).toBeGreaterThan(2);
    expect(ids(found('t:^bev'))).toEqual(expected);
  });

  it("abs:'diffusion: exactly the abstracts containing diffusion, whatever the titles say", () => {
    const expected = where((p) => /diffusion/i.test(p.abstract));
    expect(papers.some((p) => /diffusion/i.test(p.abstract) && !/diffusion/i.test(p.title))).toBe(true);
    expect(ids(found("abs:'diffusion"))).toEqual(expected);
  });

  it('t:diffusion keeps to titles; abs:bev keeps to abstracts', () => {
    expect(ids(found('t:diffusion'))).toEqual(where((p) => /diffusion/i.test(p.title)));
    expect(ids(found('abs:bev'))).toEqual(where((p) => /bev/i.test(p.abstract)));
  });

  it('!t:survey drops the survey titles only: papers that mention a survey in the abstract stay', () => {
    const result = found('language models !t:survey');
    expect(result.some((p) => /survey/i.test(p.title))).toBe(false);
    const abstractOnly = papers.filter((p) => /survey/i.test(p.abstract) && !/survey/i.test(p.title) && /language model/i.test(p.title));
    expect(abstractOnly.length).toBeGreaterThan(0);
    expect(ids(result)).toEqual(expect.arrayContaining(ids(abstractOnly)));
  });

  it('date:mar 17 is the papers of that digest date, and no date field makes "17" in a text count', () => {
    const expected = where((p) => p.dates.includes('Mar 17'));
    expect(expected.length).toBeGreaterThan(20);
    expect(ids(found('date:mar 17'))).toEqual(expected);
    expect(ids(found("date:mar 17 t:'lora"))).toEqual(where((p) => p.dates.includes('Mar 17') && /lora/i.test(p.title)));
  });
});

describe('date: with full ISO days', () => {
  const withLabel = papers.find((p) => p.dates.includes('Mar 17'))!;
  const iso = withLabel.days[withLabel.dates.indexOf('Mar 17')]!;

  it('date:YYYY-MM-DD is the papers of that day, date:YYYY-MM those of the month', () => {
    expect(iso).toMatch(/^\d{4}-03-17$/);
    expect(ids(found(`date:${iso}`))).toEqual(where((p) => p.days.includes(iso)));
    const month = iso.slice(0, 7);
    const inMonth = where((p) => p.days.some((d) => d.startsWith(month)));
    expect(inMonth.length).toBeGreaterThan(where((p) => p.days.includes(iso)).length);
    expect(ids(found(`date:${month}`))).toEqual(inMonth);
    expect(ids(found(`date:=${iso}`))).toEqual(where((p) => p.days.includes(iso)));
  });

  it('the scan engine reads them too', () => {
    expect(ids(createScanEngine(papers).search(`date:${iso}`).hits.map((h) => papers[h.index]!))).toEqual(where((p) => p.days.includes(iso)));
  });
});

describe('=text: the whole title or date', () => {
  it('=Stitchable Neural Networks finds that paper, typed without quotes', () => {
    expect(found('=Stitchable Neural Networks').map((p) => p.title)).toEqual(['Stitchable Neural Networks']);
    expect(found('=stitchable   neural networks').map((p) => p.title)).toEqual(['Stitchable Neural Networks']);
  });

  it('=Mar 17 finds exactly the papers of that digest date', () => {
    expect(ids(found('=Mar 17'))).toEqual(where((p) => p.dates.includes('Mar 17')));
  });

  it('=text is case, width and accent blind', () => {
    expect(found('=ＳＴＩＴＣＨＡＢＬＥ neural networks').map((p) => p.title)).toEqual(['Stitchable Neural Networks']);
  });
});
