/**
 * The bundle composes Ink's frames row by row (scripts/ink-fast-output.js) instead of Ink's cell by
 * cell composition: for the same operations both must give the same cells, and frames it cannot
 * compose (overlapping blocks, clips) are left to Ink.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { seededRng, type Rng } from '../bench/rng.js';
// Ink's own Output class: not exported by the package, read from its build on purpose.
import InkOutput from '../node_modules/ink/build/output.js';
import { composeRows } from '../scripts/ink-fast-output.js';
import { parseLine } from '../src/ui/terminal/screen-diff.js';
import { sampleLibrary } from './helpers/session.js';

type Transformer = (line: string, index: number) => string;
const STYLES: Transformer[] = [(l) => `\u001b[1m${l}\u001b[22m`, (l) => `\u001b[7m${l}\u001b[27m`, (l) => `\u001b[36m${l}\u001b[39m`, (l) => l];
const WORDS = ['paper', ' ', 'détail', '中文', '🚀', '│', '…', 'x', '   '];

function text(rng: Rng, lines: number, maxWidth: number): { text: string; width: number } {
  const out: string[] = [];
  let widest = 0;
  for (let i = 0; i < lines; i++) {
    let line = '';
    let w = 0;
    while (true) {
      const word = rng.pick(WORDS);
      const ww = [...word].reduce((n, ch) => n + (/[中文🚀]/u.test(ch) ? 2 : 1), 0);
      if (w + ww > maxWidth) break;
      line += word;
      w += ww;
    }
    out.push(line);
    widest = Math.max(widest, w);
  }
  return { text: out.join('\n'), width: widest };
}

/** What a terminal shows for a row: its cells (character and style). */
const cells = (row: string) => {
  const p = parseLine(row)!;
  return p.chars.slice(0, p.end).map((c, i) => `${c}/${p.styles[i]}`);
};

describe("the bundle's frame composition", () => {
  test('the bundle patches Ink with it', () => {
    const bundle = readFileSync(new URL('../dist/paperterm.cjs', import.meta.url), 'utf8');
    // (Minified: the call's name is gone, its arguments are not.)
    expect(/\(this\.operations, ?this\.height\)/.test(bundle)).toBe(true);
    // Every segmenter is made at its first use (scripts/lazy-segmenter.js), string-width's code at its first call.
    expect(bundle).not.toContain('new Intl.Segmenter');
    expect(bundle).toContain('globalThis.Intl.Segmenter');
  });

  test('random frames of side-by-side blocks: the same cells as Ink composes', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = seededRng(seed);
      const width = 20 + rng.int(100);
      const height = 3 + rng.int(30);
      const ink = new InkOutput({ width, height });
      const ops: unknown[] = [];
      // Columns of blocks, as panes side by side: each block starts after the widest line of the last.
      let x = 0;
      while (x < width - 2) {
        const room = Math.min(width - x, 1 + rng.int(40));
        let y = rng.int(3);
        while (y < height) {
          const lines = 1 + rng.int(5);
          const t = text(rng, lines, room);
          const transformers = [rng.pick(STYLES)];
          ink.write(x, y, t.text, { transformers });
          ops.push({ type: 'write', x, y, text: t.text, transformers });
          y += lines + rng.int(2);
        }
        x += room + rng.int(3);
      }
      const expected = ink.get().output.split('\n');
      const rows = composeRows(ops, height);
      expect(rows, `seed ${seed}`).toBeDefined();
      expect(rows!.map(cells), `seed ${seed}`).toEqual(expected.map(cells));
    }
  });

  test('overlapping blocks and clips are left to Ink', () => {
    const plain: Transformer[] = [];
    expect(composeRows([{ type: 'write', x: 0, y: 0, text: 'abcdef', transformers: plain }, { type: 'write', x: 3, y: 0, text: 'X', transformers: plain }], 1)).toBeUndefined();
    expect(composeRows([{ type: 'clip', clip: { x1: 0, x2: 3 } }], 1)).toBeUndefined();
    expect(composeRows([{ type: 'write', x: 0, y: 0, text: 'ab', transformers: plain }, { type: 'write', x: 2, y: 0, text: 'cd', transformers: plain }], 2)).toEqual(['abcd', '']);
  });
});

describe("the bundle's string-width", () => {
  test('gives string-width\'s widths, ANSI codes and all', async () => {
    const { default: real } = await import('string-width');
    const { default: cached } = await import('../scripts/string-width-cached.js');
    const texts = ['', 'plain', '\u001b[1m●\u001b[22m ★ title…', 'é中文🚀 👍🏽 ❤️ 👨‍👩‍👧', 'ｆｕｌｌ', 'e\u0301', '\u001b[36m│\u001b[39m', 'a\tb'];
    for (const t of texts) {
      expect(cached(t), t).toBe(real(t));
      expect(cached(t), t).toBe(real(t));
    }
    expect(cached('x', { countAnsiEscapeCodes: true })).toBe(1);
    // Every title and abstract of the samples, and random mixes of tricky characters.
    for (const p of sampleLibrary().papers) for (const t of [p.title, p.abstract]) expect(cached(t), t).toBe(real(t));
    const rng = seededRng(7);
    const pieces = ['a', ' ', 'é', 'e\u0301', '中', '🚀', '👍🏽', '🇫🇷', '\u200d', '❤️', '\u1100\u1161', '가', '\u0600', 'ｆ', '\t', '\u0007', '\ud800', '●', '…'];
    for (let i = 0; i < 2000; i++) {
      const t = Array.from({ length: 1 + rng.int(8) }, () => rng.pick(pieces)).join('');
      expect(cached(t), JSON.stringify(t)).toBe(real(t));
    }
  });

  test('single code points (measured without the emoji regex when they cannot be emoji) have string-width\'s widths', async () => {
    const { default: real } = await import('string-width');
    const { default: cached } = await import('../scripts/string-width-cached.js');
    const points: number[] = [];
    // Every code point of the blocks where symbols, emoji, marks, jamo and CJK live; a spread of the rest.
    for (const [from, to] of [[0, 0x1fff], [0x2000, 0x33ff], [0xa960, 0xa97f], [0xd7b0, 0xd7ff], [0xfe00, 0xffff], [0x1f000, 0x1faff], [0xe0000, 0xe01ef]]) {
      for (let cp = from!; cp <= to!; cp++) points.push(cp);
    }
    for (let cp = 0; cp <= 0x10ffff; cp += 97) points.push(cp);
    const wrong = points.filter((cp) => cached(String.fromCodePoint(cp)) !== real(String.fromCodePoint(cp)));
    expect(wrong.map((cp) => cp.toString(16))).toEqual([]);
  });
});
