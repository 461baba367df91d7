import { describe, expect, test } from 'vitest';
import { styled } from '../src/ui/screen/ansi.js';
import { makeTheme, wantsColor } from '../src/ui/theme.js';

describe('colour choice', () => {
  test('on by default; off with --no-color, NO_COLOR, FORCE_COLOR=0 or TERM=dumb', () => {
    expect(wantsColor({ TERM: 'xterm-256color' }, false)).toBe(true);
    expect(wantsColor({ TERM: 'xterm-256color' }, true)).toBe(false);
    expect(wantsColor({ NO_COLOR: '1' }, false)).toBe(false);
    expect(wantsColor({ FORCE_COLOR: '0' }, false)).toBe(false);
    expect(wantsColor({ TERM: 'dumb' }, false)).toBe(false);
    // no-color.org: an empty NO_COLOR does not count.
    expect(wantsColor({ NO_COLOR: '' }, false)).toBe(true);
  });

  test('the monochrome theme uses no colour at all, but the selection is inverse', () => {
    const mono = makeTheme(false);
    for (const style of Object.values(mono)) {
      expect(style.color).toBeUndefined();
      expect(style.backgroundColor).toBeUndefined();
    }
    expect(styled('row', mono.selected)).toBe('\u001b[7mrow\u001b[27m');
  });

  test('styles become escape codes whatever chalk thinks of the terminal', () => {
    expect(styled('x', { color: 'cyan', bold: true })).toBe('\u001b[1m\u001b[36mx\u001b[39m\u001b[22m');
    expect(styled('', { inverse: true })).toBe('');
    expect(styled('plain', {})).toBe('plain');
  });
});
