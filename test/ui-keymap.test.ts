import { describe, expect, test } from 'vitest';
import { BINDINGS, commandFor, footerHints, FOOTER_HINTS, helpSections, keyLabel, keyNames, type Mode } from '../src/ui/keymap.js';

const none = {};

describe('keyNames: Ink input events to key names', () => {
  test('arrows, paging keys, Enter, Tab and Esc', () => {
    expect(keyNames('', { downArrow: true })).toEqual(['down']);
    expect(keyNames('', { pageDown: true })).toEqual(['pagedown']);
    expect(keyNames('', { home: true })).toEqual(['home']);
    expect(keyNames('', { end: true })).toEqual(['end']);
    expect(keyNames('', { return: true })).toEqual(['enter']);
    expect(keyNames('', { tab: true })).toEqual(['tab']);
    expect(keyNames('', { tab: true, shift: true })).toEqual(['shift+tab']);
    expect(keyNames('', { escape: true, meta: true })).toEqual(['escape']);
  });

  test('Ctrl combinations and plain characters, case kept', () => {
    expect(keyNames('d', { ctrl: true })).toEqual(['ctrl+d']);
    expect(keyNames('G', { shift: true })).toEqual(['G']);
    expect(keyNames('?', none)).toEqual(['?']);
    expect(keyNames(' ', none)).toEqual(['space']);
  });

  test('a burst of keys read at once (fast typing over SSH) counts every key', () => {
    expect(keyNames('jjk', none)).toEqual(['j', 'j', 'k']);
    expect(keyNames('j\r\u0004', none)).toEqual(['j', 'enter', 'ctrl+d']);
  });
});

describe('the keymap', () => {
  test('the keys the reader promises, in the list', () => {
    const list: [string, string][] = [
      ['j', 'down'], ['down', 'down'], ['k', 'up'], ['up', 'up'], ['g', 'top'], ['home', 'top'], ['G', 'bottom'], ['end', 'bottom'],
      ['pagedown', 'pageDown'], ['pageup', 'pageUp'], ['ctrl+d', 'halfPageDown'], ['ctrl+u', 'halfPageUp'],
      ['enter', 'focusDetail'], ['l', 'focusDetail'], ['tab', 'toggleFocus'], ['?', 'toggleHelp'], ['q', 'quit'], ['ctrl+c', 'quit'],
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
    for (const mode of ['list', 'detail', 'help', 'too-small'] as Mode[]) {
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
    for (const mode of ['list', 'detail', 'help', 'too-small'] as Mode[]) {
      const hints = footerHints(mode);
      expect(hints).toHaveLength(FOOTER_HINTS[mode].length);
      hints.forEach((hint, i) => {
        const commands = FOOTER_HINTS[mode][i]!.commands;
        const labels = hint.keys.split('/');
        expect(labels).toHaveLength(commands.length);
        labels.forEach((label, j) => {
          const key = BINDINGS.flatMap((b) => b.keys).find((k) => keyLabel(k) === label)!;
          expect(commandFor(mode, key)).toBe(commands[j]);
        });
      });
    }
  });

  test('key labels read as people write them', () => {
    expect(['ctrl+d', 'pagedown', 'escape', 'down', 'G'].map(keyLabel)).toEqual(['Ctrl-d', 'PgDn', 'Esc', '↓', 'G']);
  });
});
