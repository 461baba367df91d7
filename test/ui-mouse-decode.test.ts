import { describe, expect, test } from 'vitest';
import { KeyDecoder, type KeyEvent } from '../src/ui/terminal/keys.js';

const show = (e: KeyEvent) => {
  if (e.kind === 'key') return e.name;
  if (e.kind === 'paste') return `paste:${e.text}`;
  const mods = `${e.ctrl ? 'C' : ''}${e.alt ? 'A' : ''}${e.shift ? 'S' : ''}`;
  return `${e.action}:${e.action === 'wheel' ? e.direction : e.button}@${e.x},${e.y}${mods ? `+${mods}` : ''}`;
};
const decode = (...reads: string[]) => {
  const d = new KeyDecoder();
  const out = reads.flatMap((r) => d.feed(r));
  return [...out, ...d.flush()].map(show);
};
const sgr = (b: number, x: number, y: number, final = 'M') => `\u001b[<${b};${x};${y}${final}`;

describe('mouse reports in the key decoder', () => {
  test('SGR 1006: press, release, wheel, modifiers, cells 0-based', () => {
    expect(decode(sgr(0, 1, 1))).toEqual(['press:left@0,0']);
    expect(decode(sgr(0, 12, 7, 'm'))).toEqual(['release:left@11,6']);
    expect(decode(sgr(2, 300, 90))).toEqual(['press:right@299,89']);
    expect(decode(sgr(1, 5, 5))).toEqual(['press:middle@4,4']);
    expect(decode(sgr(64, 40, 10), sgr(65, 40, 10))).toEqual(['wheel:up@39,9', 'wheel:down@39,9']);
    expect(decode(sgr(4 + 16, 2, 3))).toEqual(['press:left@1,2+CS']);
    expect(decode(sgr(32, 9, 9))).toEqual(['drag:left@8,8']);
  });

  test('a report mixed with keys in one read is one event, in order, and none of its bytes are keys', () => {
    expect(decode(`jj${sgr(65, 3, 4)}${sgr(65, 3, 4)}k${sgr(0, 3, 4)}${sgr(0, 3, 4, 'm')}q`)).toEqual([
      'j',
      'j',
      'wheel:down@2,3',
      'wheel:down@2,3',
      'k',
      'press:left@2,3',
      'release:left@2,3',
      'q',
    ]);
    // Beside other sequences and a paste.
    expect(decode(`\u001b[A${sgr(64, 1, 2)}\u001b[200~x;y\u001b[201~\u001b`)).toEqual(['up', 'wheel:up@0,1', 'paste:x;y', 'escape']);
  });

  test('a report cut anywhere across reads is still one event', () => {
    const whole = `a${sgr(0, 123, 45)}b`;
    for (let cut = 1; cut < whole.length; cut++) {
      expect(decode(whole.slice(0, cut), whole.slice(cut)), `cut at ${cut}`).toEqual(['a', 'press:left@122,44', 'b']);
    }
    // Cut into three.
    expect(decode('\u001b[', '<65;1', '0;2M')).toEqual(['wheel:down@9,1']);
  });

  test('a report whose rest is slow to come (flush in between) is held, never read as keys', () => {
    const d = new KeyDecoder();
    expect(d.feed('j\u001b[<0;12').map(show)).toEqual(['j']);
    expect(d.pending).toBe(true);
    expect(d.flush()).toEqual([]); // the reader's Esc timeout: still waiting for the report
    expect(d.feed(';3M').map(show)).toEqual(['press:left@11,2']);
    expect(d.pending).toBe(false);
    // A lone Esc is still Esc on flush.
    expect(d.feed('\u001b')).toEqual([]);
    expect(d.flush().map(show)).toEqual(['escape']);
  });

  test('garbage after ESC[< is dropped up to the byte that broke it; that byte and what follows are read', () => {
    expect(decode('\u001b[<0;3xj')).toEqual(['x', 'j']);
    expect(decode('\u001b[<0;3\u001bj')).toEqual(['escape', 'j']);
    expect(decode(`\u001b[<${'9'.repeat(40)}Mk`)).toEqual(['M', 'k']);
    expect(decode('\u001b[<;;Mk')).toEqual(['M', 'k']);
    // Too many digits for a cell: not a report, and nothing of it a key.
    expect(decode('\u001b[<0;999999;1Mk')).toEqual(['M', 'k']);
  });

  test('the legacy encoding (ESC[M and three bytes) from terminals without 1006 is decoded, also split', () => {
    const legacy = (b: number, x: number, y: number) => `\u001b[M${String.fromCharCode(32 + b, 33 + x, 33 + y)}`;
    expect(decode(`${legacy(0, 4, 2)}${legacy(3, 4, 2)}j`)).toEqual(['press:left@4,2', 'release:none@4,2', 'j']);
    expect(decode(legacy(65, 0, 0))).toEqual(['wheel:down@0,0']);
    const whole = legacy(0, 10, 20);
    for (let cut = 1; cut < whole.length; cut++) expect(decode(whole.slice(0, cut), whole.slice(cut))).toEqual(['press:left@10,20']);
  });
});
