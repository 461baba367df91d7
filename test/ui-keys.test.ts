import { describe, expect, test } from 'vitest';
import { BINDINGS } from '../src/ui/reader/keymap.js';
import { KeyDecoder, pastedText, type KeyEvent } from '../src/ui/terminal/keys.js';
import { KEYS } from './helpers/keys.js';

const names = (events: KeyEvent[]) =>
  events.map((e) => {
    if (e.kind === 'key') return e.name;
    if (e.kind === 'paste') return `paste:${e.text}`;
    return `mouse:${e.action}:${e.action === 'wheel' ? e.direction : e.button}@${e.x},${e.y}`;
  });
const decode = (...reads: string[]) => {
  const d = new KeyDecoder();
  const out = reads.flatMap((r) => d.feed(r));
  return names([...out, ...d.flush()]);
};

describe('the key decoder', () => {
  test('Esc followed by another key in one read is Esc, then that key (not Alt-key, not dropped)', () => {
    expect(decode('\u001bj')).toEqual(['escape', 'j']);
    expect(decode('\u001bq')).toEqual(['escape', 'q']);
    expect(decode('/ab\u001bjk')).toEqual(['/', 'a', 'b', 'escape', 'j', 'k']);
    expect(decode('\u001b\u001b')).toEqual(['escape', 'escape']);
    expect(decode('\u001b ')).toEqual(['escape', 'space']);
    // A lone Esc at the end of a read is Esc once nothing follows it.
    expect(decode('\u001b')).toEqual(['escape']);
  });

  test('real sequences still decode: arrows, Home/End, PgUp/PgDn, F-keys, SS3, with modifiers', () => {
    expect(decode('\u001b[A\u001b[B\u001b[C\u001b[D')).toEqual(['up', 'down', 'right', 'left']);
    expect(decode('\u001bOA\u001bOB\u001bOH\u001bOF\u001bOP')).toEqual(['up', 'down', 'home', 'end', 'f1']);
    expect(decode('\u001b[H\u001b[F\u001b[1~\u001b[4~\u001b[7~\u001b[8~')).toEqual(['home', 'end', 'home', 'end', 'home', 'end']);
    expect(decode('\u001b[5~\u001b[6~\u001b[3~')).toEqual(['pageup', 'pagedown', 'delete']);
    expect(decode('\u001b[15~\u001b[24~\u001b[11~')).toEqual(['f5', 'f12', 'f1']);
    expect(decode('\u001b[1;5A\u001b[1;2B\u001b[Z')).toEqual(['ctrl+up', 'shift+down', 'shift+tab']);
  });

  test('plain keys and control keys get the keymap\'s names', () => {
    expect(decode('jG? \r\t\u007f\u0004\u000c\u001a\u0003')).toEqual(['j', 'G', '?', 'space', 'enter', 'tab', 'backspace', 'ctrl+d', 'ctrl+l', 'ctrl+z', 'ctrl+c']);
    expect(decode('é中🚀')).toEqual(['é', '中', '🚀']);
  });

  test('a sequence split across reads is put back together; unknown sequences are dropped whole', () => {
    const d = new KeyDecoder();
    expect(d.feed('j\u001b[')).toEqual([{ kind: 'key', name: 'j' }]);
    expect(d.pending).toBe(true);
    expect(names(d.feed('6~k'))).toEqual(['pagedown', 'k']);
    expect(decode('\u001b[I\u001b[O\u001b[<0;3;4Mx')).toEqual(['mouse:press:left@2,3', 'x']);
    expect(decode('\u001b[?1;2cx')).toEqual(['x']);
  });

  test('a bracketed paste is text, whatever it holds, across reads', () => {
    expect(decode('\u001b[200~line one\r\nl q\u001b[201~j')).toEqual(['paste:line one\r\nl q', 'j']);
    const d = new KeyDecoder();
    expect(d.feed('\u001b[200~abc')).toEqual([]);
    expect(d.feed('\u001b[A def\u001b[20')).toEqual([]);
    // Waiting for the end marker is not a lone Esc.
    expect(d.pending).toBe(false);
    expect(names(d.feed('1~'))).toEqual(['paste:abc\u001b[A def']);
  });

  test('pasted text as typed characters: line breaks and controls become spaces', () => {
    expect(pastedText('a\r\nb\nc\td\u001b[2J')).toBe('a b c d [2J');
  });
});

describe('the decoder and the keymap agree', () => {
  /** What a terminal sends for each named key the keymap binds. */
  const SENT: Record<string, string> = KEYS;
  test('every key a binding names is one the decoder produces', () => {
    for (const key of new Set(BINDINGS.flatMap((b) => b.keys))) {
      const ctrl = /^ctrl\+([a-z])$/.exec(key);
      const bytes = ctrl ? String.fromCharCode(ctrl[1]!.charCodeAt(0) - 96) : [...key].length === 1 ? key : SENT[key];
      expect(bytes, key).toBeDefined();
      expect(decode(bytes!), key).toEqual([key]);
    }
  });
});
