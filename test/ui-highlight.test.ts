import { describe, expect, test } from 'vitest';
import { detailLines } from '../src/ui/view/detail-lines.js';
import { titlePieces } from '../src/ui/view/highlight.js';
import { rowParts } from '../src/ui/view/list-row.js';
import { displayWidth, wrap, wrapPieces } from '../src/ui/terminal/text.js';
import { sampleLibrary } from './helpers/session.js';

const joined = (pieces: { text: string }[]) => pieces.map((p) => p.text).join('');
const matched = (pieces: { text: string; match: boolean }[]) => pieces.filter((p) => p.match).map((p) => p.text);

describe('matched characters of a title', () => {
  test('cut by the engine’s inclusive ranges', () => {
    const pieces = titlePieces('Qwen2.5 Technical Report', [[0, 6], [18, 23]]);
    expect(matched(pieces)).toEqual(['Qwen2.5', 'Report']);
    expect(joined(pieces)).toBe('Qwen2.5 Technical Report');
  });

  test('control characters are made safe and a range inside an emoji takes the whole emoji', () => {
    const pieces = titlePieces('A\u001b[31m 😀 B', [[8, 8]]); // the low half of the emoji
    expect(joined(pieces)).not.toContain('\u001b');
    expect(matched(pieces)).toEqual(['😀']);
  });

  test('a list row stays exactly its width with highlighted pieces, wide characters or not', () => {
    const paper = { ...sampleLibrary().papers[0]!, title: '深度学习 Qwen2.5 模型的高效鲁棒化方法研究' };
    for (const width of [20, 37, 60, 90]) {
      const parts = rowParts(paper, width, { selected: false, unread: true, starred: false, dateWidth: 6, ranges: [[5, 11]] });
      const text = parts.pointer + parts.unread + parts.star + joined(parts.title) + parts.date;
      expect(displayWidth(text), `${width}`).toBe(width);
    }
  });
});

describe('wrapping a highlighted title', () => {
  test('breaks exactly where wrap() breaks the plain text, at every width', () => {
    for (const paper of sampleLibrary().papers.slice(0, 60)) {
      const ranges = [[0, 3], [Math.floor(paper.title.length / 2), Math.floor(paper.title.length / 2) + 4]] as const;
      for (const width of [8, 21, 40]) {
        const lines = wrapPieces(titlePieces(paper.title, ranges), width);
        expect(lines.map(joined), `${paper.title} @${width}`).toEqual(wrap(paper.title, width));
      }
    }
  });

  test('the detail’s title lines carry the matches; the rest of the detail is unchanged', () => {
    const paper = sampleLibrary().papers.find((p) => p.title === 'Qwen2.5 Technical Report')!;
    const plain = detailLines(paper, 12);
    const lit = detailLines(paper, 12, [[0, 6], [18, 23]]);
    expect(lit.map((l) => l.text)).toEqual(plain.map((l) => l.text));
    expect(lit.flatMap((l) => (l.pieces ? matched(l.pieces) : []))).toEqual(['Qwen2.5', 'Report']);
  });
});
