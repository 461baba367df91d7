import { describe, expect, test } from 'vitest';
import { displayWidth, fit, fitRight, fitSegments, sanitize, truncate, wrap } from '../src/ui/terminal/text.js';

describe('sanitize', () => {
  test('control characters (a stray ESC, CR or tab in a digest) never reach the terminal', () => {
    // Sequences go whole (the 8-bit CSI too), a CR is a space, a tab is expanded, BEL shows as ^G.
    expect(sanitize('a\u001b[2Jb\r\tc\u009b2Jd\u0007')).toBe('ab      cd^G');
    expect(sanitize('file\tname')).toBe('file    name');
  });

  test('drops characters whose width terminals disagree on, keeping the visible text', () => {
    expect(sanitize('👍🏽 ok')).toBe('👍 ok'); // skin-tone modifier
    expect(sanitize('❤️')).toBe('❤'); // variation selector
    expect(sanitize('👨‍👩‍👧')).toBe('👨👩👧'); // zero-width joiners
    expect(sanitize('a\u202eb')).toBe('ab'); // right-to-left override
  });

  test('composes decomposed accents so each letter is one column', () => {
    expect(sanitize('e\u0301')).toBe('é');
  });

  test('plain ASCII is returned as is', () => {
    expect(sanitize('Attention Is All You Need')).toBe('Attention Is All You Need');
  });
});

describe('width-exact cutting', () => {
  test('CJK characters count two columns', () => {
    expect(displayWidth('中文')).toBe(4);
    expect(fit('中文标题很长', 7)).toBe('中文标…');
    expect(displayWidth(fit('中文标题很长', 7))).toBe(7);
  });

  test('fit pads to exactly the width, never more, whatever the text', () => {
    for (const text of ['', 'short', 'x'.repeat(100), '深度学习 Transformer 🚀 models', '😀😀😀😀😀']) {
      for (const w of [1, 2, 5, 9, 10, 33]) expect(displayWidth(fit(sanitize(text), w))).toBe(w);
    }
  });

  test('truncate marks a cut with …; text that fits is untouched', () => {
    expect(truncate('Attention Is All You Need', 12)).toBe('Attention I…');
    expect(truncate('Attention', 9)).toBe('Attention');
    expect(truncate('Attention', 0)).toBe('');
  });

  test('a wide character that would straddle the edge is left out, not split', () => {
    // In 3 columns, "a" + 中 + "…" would need 4: 中 is left out and the row padded instead.
    expect(fit('a中中', 3)).toBe('a… ');
    expect(fit('a中中', 4)).toBe('a中…');
  });

  test('fitRight aligns on the right', () => {
    expect(fitRight('Mar 8', 7)).toBe('  Mar 8');
  });

  test('fitSegments cuts across styled pieces and pads to the width', () => {
    const out = fitSegments(
      [
        { text: 'abc', style: 1 },
        { text: 'defgh', style: 2 },
      ],
      6,
      0,
    );
    expect(out).toEqual([
      { text: 'abc', style: 1 },
      { text: 'de…', style: 2 },
    ]);
    expect(fitSegments([{ text: 'ab', style: 1 }], 4, 0)).toEqual([
      { text: 'ab', style: 1 },
      { text: '  ', style: 0 },
    ]);
  });
});

describe('wrap', () => {
  test('breaks at spaces, every line within the width', () => {
    const text = 'We propose a simple and cost-effective method to solve this problem, inspired by knowledge transfer.';
    const lines = wrap(text, 30);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(30);
    expect(lines.join(' ')).toBe(text);
    expect(lines[0]).toBe('We propose a simple and');
  });

  test('words longer than the width (URLs, CJK runs) are broken, nothing is lost', () => {
    const url = 'https://github.com/some-org/a-rather-long-repository-name/tree/main/docs';
    const lines = wrap(`see ${url}`, 20);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(20);
    expect(lines.join('').replace(/^see/, '')).toBe(url);
    const cjk = wrap('我们提出了一种简单而有效的方法来解决这个问题', 9);
    for (const l of cjk) expect(displayWidth(l)).toBeLessThanOrEqual(9);
    expect(cjk.join('')).toBe('我们提出了一种简单而有效的方法来解决这个问题');
  });

  test('collapses runs of whitespace and returns one empty line for empty text', () => {
    expect(wrap('a   b\n\nc', 10)).toEqual(['a b c']);
    expect(wrap('', 10)).toEqual(['']);
  });
});
