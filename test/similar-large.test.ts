// Similar papers past 65,536 papers, where the index stores paper numbers in 16-bit segments:
// papers that share their words find each other across the segment edge, with the same scores
// whichever side asks.
import { describe, expect, it } from 'vitest';
import type { Paper } from '../src/core/types.js';
import { createSimilarIndex } from '../src/search/similar.js';

const paper = (i: number, title: string, abstract: string): Paper => ({ id: `p${i}`, title, abstract, dates: ['Mar 17'], days: ['2025-03-17'], sources: ['x.txt'], links: [] });

const FILLER = ['graph', 'vision', 'speech', 'robot', 'protein', 'market', 'weather', 'music'];
const TWINS: [number, number][] = [
  [3, 65_540],
  [65_535, 65_536],
  [131_071, 131_072],
];

describe('similar papers in a library of more than 65,536 papers', () => {
  const papers = Array.from({ length: 131_100 }, (_, i) => paper(i, `${FILLER[i % 8]} study ${i % 997}`, `${FILLER[(i * 5) % 8]} data ${FILLER[(i * 3) % 8]} analysis`));
  TWINS.forEach(([a, b], k) => {
    const words = `zyxq${k} flumox${k} quarbinal${k}`;
    papers[a] = paper(a, `Twin ${words}`, `Both twins describe ${words} in detail.`);
    papers[b] = paper(b, `Twin ${words}`, `Both twins describe ${words} in detail.`);
  });
  const index = createSimilarIndex(papers);

  it('finds each twin from the other, across the segment edges, with the same score both ways', () => {
    for (const [a, b] of TWINS) {
      const fromA = index.similar(a, 3)[0]!;
      const fromB = index.similar(b, 3)[0]!;
      expect(fromA.index).toBe(b);
      expect(fromB.index).toBe(a);
      expect(fromA.score).toBeCloseTo(1, 5);
      expect(fromB.score).toBe(fromA.score);
    }
  });
});

describe('similar papers whose words repeat thousands of times', () => {
  it('counts them exactly: twin papers of 3,000 and 300 repeats are each other\'s closest, scored 1', () => {
    const text = `${'zeta '.repeat(3000)}${'omega '.repeat(300)}lambda`;
    const papers = [
      paper(0, 'Repeats', text),
      paper(1, 'Vision transformers', 'Patches of images are tokens.'),
      paper(2, 'Repeats', text),
      paper(3, 'Repeats', `${'zeta '.repeat(2)}omega lambda`),
    ];
    const hits = createSimilarIndex(papers).similar(0, 3);
    expect(hits[0]!.index).toBe(2);
    expect(hits[0]!.score).toBeCloseTo(1, 5);
    // The paper with the same words a few times each is alike, less so.
    expect(hits[1]!.index).toBe(3);
    expect(hits[1]!.score).toBeLessThan(hits[0]!.score);
    expect(Number.isFinite(hits[1]!.score)).toBe(true);
  });
});
