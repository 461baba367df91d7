import { describe, expect, test } from 'vitest';
import type { Command } from '../src/ui/reader/keymap.js';
import { editLine, insertText, lineOf, typedText, type LineState } from '../src/ui/reader/line-edit.js';

function run(line: LineState, ...steps: (Command | { type: string })[]): LineState {
  return steps.reduce((l, s) => (typeof s === 'string' ? editLine(l, s) : insertText(l, s.type)), line);
}

describe('the search line editor', () => {
  test('typing inserts at the cursor; arrows, Home and End move it', () => {
    expect(run(lineOf(''), { type: 'qen' }, 'cursorLeft', 'cursorLeft', { type: 'w' })).toEqual({ text: 'qwen', cursor: 2 });
    expect(run(lineOf('qwen'), 'lineStart', 'cursorLeft', { type: '^' })).toEqual({ text: '^qwen', cursor: 1 });
    expect(run(lineOf('qwen'), 'lineStart', 'lineEnd', 'cursorRight')).toEqual({ text: 'qwen', cursor: 4 });
  });

  test('Backspace, forward delete, Ctrl-W (a word and the spaces before it) and Ctrl-U (to the start)', () => {
    expect(run(lineOf('qwen'), 'deleteBack')).toEqual({ text: 'qwe', cursor: 3 });
    expect(run(lineOf('qwen'), 'lineStart', 'deleteBack')).toEqual({ text: 'qwen', cursor: 0 });
    expect(run(lineOf('qwen'), 'lineStart', 'deleteForward')).toEqual({ text: 'wen', cursor: 0 });
    expect(run(lineOf('qwen'), 'deleteForward')).toEqual({ text: 'qwen', cursor: 4 });
    expect(run(lineOf('video  diffusion  '), 'deleteWord')).toEqual({ text: 'video  ', cursor: 7 });
    expect(run(lineOf('video diffusion'), 'cursorLeft', 'cursorLeft', 'clearLine')).toEqual({ text: 'on', cursor: 0 });
  });

  test('characters outside the BMP move and erase as one', () => {
    const line = run(lineOf(''), { type: 'a😀b' }, 'cursorLeft', 'cursorLeft');
    expect(line.cursor).toBe(1);
    expect(run(line, 'deleteForward').text).toBe('ab');
    expect(run(line, 'cursorRight', 'deleteBack').text).toBe('ab');
  });

  test('what a key name types: characters and Space, never named keys or controls', () => {
    expect(['q', 'Q', '2', '^', '!', '|', '"', '深', '😀', 'space'].map(typedText)).toEqual(['q', 'Q', '2', '^', '!', '|', '"', '深', '😀', ' ']);
    expect(['enter', 'escape', 'ctrl+w', 'up', 'tab', '\u0007'].map(typedText)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
