import { describe, expect, test } from 'vitest';
import { wantsColor } from '../src/ui/view/color.js';
import { makeTheme } from '../src/ui/view/theme.js';

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

  test('the monochrome theme uses no colour at all, but the selection is inverse and matches bold', () => {
    const mono = makeTheme(false);
    for (const style of Object.values(mono)) {
      expect(style.color).toBeUndefined();
      expect(style.backgroundColor).toBeUndefined();
    }
    expect(mono.selected).toEqual({ inverse: true });
    // The README: "search matches are bold" without colour.
    expect(mono.match).toEqual({ bold: true });
  });
});
