import { describe, expect, test } from 'vitest';
import { BINDINGS, commandFor, footerHints, FOOTER_HINTS, HELP_ENTRY_WIDTH, HELP_KEYS_WIDTH, helpSections, keyLabel, MODES } from '../src/ui/reader/keymap.js';
import { editLine } from '../src/ui/reader/line-edit.js';
import { displayWidth } from '../src/ui/terminal/text.js';

describe('the keymap', () => {
  test('the keys the reader promises, in the list', () => {
    const list: [string, string][] = [
      ['j', 'down'], ['down', 'down'], ['k', 'up'], ['up', 'up'], ['g', 'top'], ['home', 'top'], ['G', 'bottom'], ['end', 'bottom'],
      ['pagedown', 'pageDown'], ['pageup', 'pageUp'], ['ctrl+d', 'halfPageDown'], ['ctrl+u', 'halfPageUp'],
      ['enter', 'focusDetail'], ['l', 'focusDetail'], ['tab', 'toggleFocus'], ['?', 'toggleHelp'], ['q', 'quit'], ['ctrl+c', 'quit'],
      ['space', 'toggleRead'], ['m', 'toggleRead'], ['s', 'toggleStar'], ['*', 'toggleStar'], ['U', 'markUnread'], ['A', 'markAllRead'],
      ['u', 'undo'], ['1', 'viewAll'], ['2', 'viewUnread'], ['3', 'viewStarred'], ['d', 'viewNextDate'], ['/', 'openSearch'],
      ['escape', 'clearSearch'], ['n', 'nextUnread'], ['p', 'previousUnread'], ['[', 'olderDay'], [']', 'newerDay'], ['S', 'cycleOrder'],
    ];
    for (const [key, command] of list) expect(commandFor('list', key), key).toBe(command);
  });

  test('in the detail the same keys scroll, and h, Esc or Tab go back', () => {
    for (const [key, command] of [['j', 'down'], ['k', 'up'], ['ctrl+d', 'halfPageDown'], ['G', 'bottom']] as const) {
      expect(commandFor('detail', key)).toBe(command);
    }
    expect(commandFor('detail', 'h')).toBe('focusList');
    expect(commandFor('detail', 'escape')).toBe('focusList');
    expect(commandFor('detail', 'tab')).toBe('toggleFocus');
    expect(commandFor('list', 'h')).toBeUndefined();
    // Space pages in the detail, as in less; m, s, U, A, u, views and / work in both panes.
    expect(commandFor('detail', 'space')).toBe('pageDown');
    for (const [key, command] of [['m', 'toggleRead'], ['s', 'toggleStar'], ['U', 'markUnread'], ['A', 'markAllRead'], ['u', 'undo'], ['2', 'viewUnread'], ['/', 'openSearch'], ['n', 'nextUnread'], ['[', 'olderDay'], ['S', 'cycleOrder']] as const) {
      expect(commandFor('detail', key), key).toBe(command);
    }
  });

  test('in the search line every printable key is text: none is bound there', () => {
    for (const b of BINDINGS.filter((x) => x.modes.includes('search'))) {
      for (const k of b.keys) expect([...k].length > 1 || k === ' ', `${k} bound in the search line`).toBe(true);
    }
    expect(commandFor('search', 'enter')).toBe('searchSubmit');
    expect(commandFor('search', 'escape')).toBe('searchCancel');
    expect(commandFor('search', 'ctrl+c')).toBe('quit');
    expect(commandFor('search', 'q')).toBeUndefined();
  });

  test('a y/n question: y says yes, n and Esc no, Ctrl-C still quits', () => {
    expect(commandFor('confirm', 'y')).toBe('confirmYes');
    expect(commandFor('confirm', 'n')).toBe('confirmNo');
    expect(commandFor('confirm', 'escape')).toBe('confirmNo');
    expect(commandFor('confirm', 'ctrl+c')).toBe('quit');
    expect(commandFor('confirm', 'q')).toBeUndefined();
  });

  test('in the help overlay q and Esc close it; Ctrl-C still quits', () => {
    expect(commandFor('help', 'q')).toBe('closeHelp');
    expect(commandFor('help', 'escape')).toBe('closeHelp');
    expect(commandFor('help', '?')).toBe('toggleHelp');
    expect(commandFor('help', 'ctrl+c')).toBe('quit');
  });

  test('on a terminal too small to draw in, q, Ctrl-C and Ctrl-L still work and nothing else does', () => {
    expect(commandFor('too-small', 'q')).toBe('quit');
    expect(commandFor('too-small', 'ctrl+c')).toBe('quit');
    expect(commandFor('too-small', 'ctrl+l')).toBe('redraw');
    expect(commandFor('too-small', 'j')).toBeUndefined();
  });

  test('no key means two things in the same mode', () => {
    for (const mode of MODES) {
      const seen = new Map<string, string>();
      for (const b of BINDINGS.filter((x) => x.modes.includes(mode))) {
        for (const k of b.keys) {
          expect(seen.get(k) ?? b.command, `${mode}: ${k}`).toBe(b.command);
          seen.set(k, b.command);
        }
      }
    }
  });
});

describe('help and footer come from the keymap', () => {
  test('every documented binding is in the help, with all its keys', () => {
    const entries = helpSections().flatMap((s) => s.entries);
    for (const b of BINDINGS.filter((x) => x.help)) {
      expect(entries).toContainEqual({ keys: b.keys.map(keyLabel).join(' '), help: b.help });
    }
  });

  test('footer hints show keys that really do the hinted command in that mode', () => {
    for (const mode of MODES) {
      const hints = footerHints(mode);
      expect(hints).toHaveLength(FOOTER_HINTS[mode].length);
      hints.forEach((hint, i) => {
        // Each command's first key in this mode, as the footer writes it, joined by "/".
        const keys = FOOTER_HINTS[mode][i]!.commands.map((command) => {
          const key = BINDINGS.find((b) => b.command === command && b.modes.includes(mode))!.keys[0]!;
          expect(commandFor(mode, key), `${mode}: ${key}`).toBe(command);
          return keyLabel(key);
        });
        expect(hint.keys).toBe(keys.join('/'));
      });
    }
  });

  test('key labels read as people write them', () => {
    expect(['ctrl+d', 'pagedown', 'escape', 'down', 'G'].map(keyLabel)).toEqual(['Ctrl-d', 'PgDn', 'Esc', '↓', 'G']);
  });

  test('every help row fits its half of an 80-column help: two sections side by side, nothing cut', () => {
    // The help box at 80 columns: borders and padding take 4, the last column stays empty, 2 between the halves.
    expect(HELP_ENTRY_WIDTH).toBe(Math.floor((80 - 5 - 2) / 2));
    for (const { title, entries } of helpSections()) {
      for (const e of entries) {
        expect(displayWidth(e.keys), `${title}: ${e.keys}`).toBeLessThan(HELP_KEYS_WIDTH);
        expect(HELP_KEYS_WIDTH + displayWidth(e.help), `${title}: ${e.help}`).toBeLessThanOrEqual(HELP_ENTRY_WIDTH);
      }
    }
  });

  test('the help says what Ctrl-u does on the search line: it erases to the start, not the line', () => {
    const entry = helpSections()
      .find((s) => s.title === 'Search line')!
      .entries.find((e) => e.keys === 'Ctrl-u')!;
    expect(editLine({ text: 'video diffusion', cursor: 6 }, 'clearLine')).toEqual({ text: 'diffusion', cursor: 0 });
    expect(entry.help).toBe('erase to the start');
  });

  test('in both panes the footer names help and quit within its first 30 columns, so a 40-column footer keeps them', () => {
    for (const mode of ['list', 'detail'] as const) {
      const hints = footerHints(mode);
      let used = 0;
      for (const hint of hints) {
        used += 1 + displayWidth(hint.keys) + 1 + displayWidth(hint.label) + 1; // " keys label "
        if (hint.label === 'quit') break;
      }
      expect(hints.map((h) => h.label)).toEqual(expect.arrayContaining(['help', 'quit']));
      expect(used, mode).toBeLessThanOrEqual(30);
    }
  });
});
