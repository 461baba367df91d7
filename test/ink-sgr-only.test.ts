/**
 * The bundle skips Ink's sanitizeAnsi for texts needsSanitizing clears (scripts/ink-sgr-only.js):
 * each of them must be one sanitizeAnsi gives back unchanged.
 */
import { describe, expect, test } from 'vitest';
import { seededRng } from '../bench/rng.js';
// Ink's own sanitizeAnsi: not exported by the package, read from its build on purpose.
import sanitizeAnsi from '../node_modules/ink/build/sanitize-ansi.js';
import { needsSanitizing } from '../scripts/ink-sgr-only.js';

// Text, pieces of SGR codes, OSC strings and every other sequence sanitizeAnsi knows (CSI, DCS, ST, BEL, C1).
const PIECES = [
  ...['a', ' ', 'é', '中', '🚀', '\u001b', '[', ']', '0', '1', '38', ';', ':', 'm', 'H', '?', '8', 'P', '\\', '\u0007', '\u009b', '\u009c', '\u0085'],
  ...['\u001b[1m', '\u001b[22m', '\u001b[4:3m', '\u001b[38;5;2m', '\u001b[m', '\u001b]8;;x\u001b\\', '\u001b]8;id=a;', '\u001b\\', '\u001b]', '\u001b\u001b'],
];

describe('needsSanitizing', () => {
  test('texts it clears come back unchanged from Ink sanitizeAnsi', () => {
    const rng = seededRng(7);
    let cleared = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      for (let k = rng.int(12); k >= 0; k--) text += rng.pick(PIECES);
      if (needsSanitizing(text)) continue;
      cleared++;
      expect(sanitizeAnsi(text)).toBe(text);
    }
    expect(cleared).toBeGreaterThan(1000);
  });

  test('what the reader draws is cleared; anything else is left to Ink', () => {
    expect(needsSanitizing('plain ● ★ 中文')).toBe(false);
    expect(needsSanitizing('\u001b[1;36mpaperterm\u001b[39;22m \u001b[7m>●★ Title\u001b[27m')).toBe(false);
    expect(needsSanitizing('\u001b[4m\u001b]8;id=pt1;https://x.org\u001b\\link\u001b]8;;\u001b\\\u001b[24m')).toBe(false);
    expect(needsSanitizing('\u001b]8;;https://x.org\u0007link')).toBe(true);
    expect(needsSanitizing('link\u001b\\')).toBe(true);
    expect(needsSanitizing('\u001b[2J')).toBe(true);
    expect(needsSanitizing('\u001b[?25hx')).toBe(true);
    expect(needsSanitizing('\u001b[1')).toBe(true);
    expect(needsSanitizing('a\u009bb')).toBe(true);
  });
});
