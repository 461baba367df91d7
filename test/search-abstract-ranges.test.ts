// abstractRanges: the characters of a paper's abstract a query matched, for detail highlights.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { abstractRanges } from '../src/search/engine.js';

const papers = loadLibrary([fileURLToPath(new URL('../sample-data', import.meta.url))]).papers;
const paper = (titleStart: string): Paper => papers.find((p) => p.title.startsWith(titleStart))!;
const marked = (p: Paper, q: string): string[] => abstractRanges(p, q).map(([s, e]) => p.abstract.slice(s, e + 1));

describe('abstractRanges', () => {
  it('marks every occurrence of each word, whatever its case, on the abstract as written', () => {
    const p = paper('Stitchable Neural Networks');
    const expected = [...p.abstract.matchAll(/stitch/gi)].map((m) => m[0]);
    expect(expected.length).toBeGreaterThan(2);
    expect(marked(p, 'stitch')).toEqual(expected);
    const both = marked(p, 'stitch model');
    expect(both.filter((s) => /^stitch$/i.test(s))).toHaveLength(expected.length);
    expect(both.some((s) => /^model$/i.test(s))).toBe(true);
  });

  it("marks a quoted phrase whole, and the words a typo'd term matched", () => {
    const p = paper('Model soups:');
    expect(marked(p, `'"fine-tuned models"`).every((s) => s.toLowerCase() === 'fine-tuned models')).toBe(true);
    const typo = marked(p, 'averagng');
    expect(typo.length).toBeGreaterThan(0);
    for (const s of typo) expect(s.toLowerCase()).toMatch(/^(weight-)?averag/);
  });

  it('marks nothing for negated, title-only or date-only terms', () => {
    const p = paper('Stitchable Neural Networks');
    expect(marked(p, '!stitch t:stitch date:mar')).toEqual([]);
    expect(marked(p, 'abs:stitch').length).toBeGreaterThan(0);
  });

  it('maps folded matches back onto accented and full-width text', () => {
    const p: Paper = { ...papers[0]!, abstract: 'We revisit the re\u0301sume\u0301 of ＢＥＶ perception.' };
    expect(marked(p, 'resume bev')).toEqual(['re\u0301sume\u0301', 'ＢＥＶ']);
  });
});
