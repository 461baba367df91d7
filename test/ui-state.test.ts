import { describe, expect, test } from 'vitest';
import type { Command } from '../src/ui/reader/keymap.js';
import { computeLayout } from '../src/ui/reader/layout.js';
import { initialState, modeOf, reduce, type ReaderState } from '../src/ui/reader/navigation.js';

// 80×24 is stacked: header, 8 list rows, a rule, 13 detail rows, footer.
const LIST_H = 8;
const DETAIL_H = 13;

function run(state: ReaderState, ...commands: Command[]): ReaderState {
  return commands.reduce((s, command) => reduce(s, { type: 'command', command, detailLines: 40, helpLines: 30 }), state);
}

function times(n: number, c: Command): Command[] {
  return Array.from({ length: n }, () => c);
}

describe('reader state: list navigation', () => {
  const start = initialState(80, 24, 100);

  test('the 80×24 layout the numbers below rely on', () => {
    const l = computeLayout(80, 24);
    expect(l.kind).toBe('stacked');
    if (l.kind === 'too-small') throw new Error('unexpected');
    expect([l.list.height, l.detail.height, l.height]).toEqual([LIST_H, DETAIL_H, 24]);
  });

  test('j and k move one paper and stop at the ends', () => {
    expect(run(start, 'down', 'down').cursor).toBe(2);
    expect(run(start, 'down', 'up').cursor).toBe(0);
    expect(run(start, 'up').cursor).toBe(0);
    expect(run(start, 'bottom', 'down').cursor).toBe(99);
  });

  test('the selection never leaves the list window', () => {
    let s = start;
    for (let i = 0; i < 60; i++) {
      s = run(s, i % 7 === 3 ? 'up' : 'down');
      expect(s.cursor).toBeGreaterThanOrEqual(s.top);
      expect(s.cursor).toBeLessThan(s.top + LIST_H);
    }
  });

  test('j past the last visible row shows the next paper and scrolls by half a pane, so a held j scrolls rarely', () => {
    const s = run(start, ...times(LIST_H, 'down'));
    expect(s.cursor).toBe(LIST_H);
    expect(s.top).toBe(LIST_H / 2);
    // The next half pane of j moves the cursor only.
    const tops = Array.from({ length: LIST_H / 2 - 1 }, (_, i) => run(s, ...times(i + 1, 'down')).top);
    expect(new Set(tops)).toEqual(new Set([LIST_H / 2]));
    expect(run(s, ...times(LIST_H / 2, 'down')).top).toBe(LIST_H);
  });

  test('k above the first visible row scrolls back by half a pane', () => {
    const s = run(start, ...times(3, 'halfPageDown'));
    expect(s).toMatchObject({ cursor: 12, top: 12 });
    const up = run(s, 'up');
    // The previous paper is shown, with half a pane above it.
    expect(up).toMatchObject({ cursor: 11, top: 12 - LIST_H / 2 });
    expect(run(up, ...times(LIST_H / 2 - 1, 'up')).top).toBe(12 - LIST_H / 2);
    expect(run(up, ...times(20, 'up'))).toMatchObject({ cursor: 0, top: 0 });
  });

  test('near the end of the list the jump stops at the last paper', () => {
    const s = run(start, 'bottom', ...times(LIST_H - 1, 'up'), 'up');
    expect(s).toMatchObject({ cursor: 100 - LIST_H - 1, top: 100 - LIST_H - LIST_H / 2 });
    const back = run(s, ...times(LIST_H / 2 + 1, 'down'));
    // Down again the window never shows past the last paper.
    expect(run(back, ...times(20, 'down'))).toMatchObject({ cursor: 99, top: 100 - LIST_H });
  });

  test('g and G jump to the first and last paper', () => {
    const end = run(start, 'bottom');
    expect(end.cursor).toBe(99);
    expect(end.top).toBe(100 - LIST_H);
    expect(run(end, 'top')).toMatchObject({ cursor: 0, top: 0 });
  });

  test('PgDn / PgUp move cursor and window by a page, keeping the cursor on its screen row', () => {
    const s = run(start, 'down', 'down', 'pageDown');
    expect(s.cursor).toBe(2 + LIST_H);
    expect(s.cursor - s.top).toBe(2);
    expect(run(s, 'pageUp')).toMatchObject({ cursor: 2, top: 0 });
  });

  test('paging stops at the ends of the list', () => {
    expect(run(start, ...times(20, 'pageDown')).cursor).toBe(99);
    expect(run(start, 'bottom', ...times(20, 'pageUp'))).toMatchObject({ cursor: 0, top: 0 });
  });

  test('Ctrl-d / Ctrl-u move by half a page', () => {
    expect(run(start, 'halfPageDown').cursor).toBe(LIST_H / 2);
    expect(run(start, 'halfPageDown', 'halfPageDown', 'halfPageUp').cursor).toBe(LIST_H / 2);
  });

  test('a list shorter than the pane never scrolls', () => {
    const s = run(initialState(80, 24, 3), 'pageDown', 'down', 'bottom');
    expect(s).toMatchObject({ cursor: 2, top: 0 });
  });

  test('an empty list keeps the cursor at 0 and does not open the detail', () => {
    const s = run(initialState(80, 24, 0), 'down', 'bottom', 'focusDetail');
    expect(s).toMatchObject({ cursor: 0, top: 0, focus: 'list' });
  });
});

describe('reader state: detail pane', () => {
  const start = run(initialState(80, 24, 100), 'down', 'down');

  test('focusing the detail keeps the selection; the same keys then scroll the abstract', () => {
    const s = run(start, 'focusDetail', 'down', 'down');
    expect(s).toMatchObject({ focus: 'detail', cursor: 2, detailTop: 2 });
    expect(modeOf(s)).toBe('detail');
  });

  test('scrolling stops where the last line reaches the bottom of the pane', () => {
    const s = run(start, 'focusDetail', 'bottom');
    expect(s.detailTop).toBe(40 - DETAIL_H);
    expect(run(s, 'down', 'pageDown').detailTop).toBe(40 - DETAIL_H);
    expect(run(s, 'top').detailTop).toBe(0);
  });

  test('a page in the detail keeps one line of context, half a page is half', () => {
    const s = run(start, 'focusDetail', 'pageDown');
    expect(s.detailTop).toBe(DETAIL_H - 1);
    expect(run(start, 'focusDetail', 'halfPageDown').detailTop).toBe(Math.floor(DETAIL_H / 2));
  });

  test('a detail that fits does not scroll', () => {
    const s = reduce(run(start, 'focusDetail'), { type: 'command', command: 'down', detailLines: 5, helpLines: 0 });
    expect(s.detailTop).toBe(0);
  });

  test('h / Esc (focusList) and Tab return to the list where the selection was', () => {
    expect(run(start, 'focusDetail', 'down', 'focusList')).toMatchObject({ focus: 'list', cursor: 2 });
    expect(run(start, 'toggleFocus').focus).toBe('detail');
    expect(run(start, 'toggleFocus', 'toggleFocus').focus).toBe('list');
  });

  test('selecting another paper starts its detail at the top', () => {
    const s = run(start, 'focusDetail', 'down', 'down', 'focusList', 'down');
    expect(s.detailTop).toBe(0);
  });

  test('returning to the list keeps the detail scroll of the same paper', () => {
    const s = run(start, 'focusDetail', 'down', 'down', 'focusList');
    expect(s.detailTop).toBe(2);
  });
});

describe('reader state: help overlay', () => {
  const start = initialState(80, 24, 100);

  test('? opens and closes it; while open, keys scroll it and leave the list alone', () => {
    const open = run(start, 'toggleHelp');
    expect(modeOf(open)).toBe('help');
    const scrolled = run(open, 'down', 'down');
    expect(scrolled).toMatchObject({ helpTop: 2, cursor: 0 });
    expect(run(scrolled, 'toggleHelp')).toMatchObject({ help: false, cursor: 0 });
    expect(run(scrolled, 'closeHelp').help).toBe(false);
  });

  test('help remembers which pane had focus', () => {
    const s = run(start, 'focusDetail', 'toggleHelp', 'closeHelp');
    expect(s.focus).toBe('detail');
  });

  test('it reopens at the top', () => {
    expect(run(start, 'toggleHelp', 'down', 'closeHelp', 'toggleHelp').helpTop).toBe(0);
  });
});

describe('reader state: resize', () => {
  test('growing to 100+ columns switches to side by side with a taller list', () => {
    const l = computeLayout(120, 30);
    expect(l.kind).toBe('split');
    if (l.kind === 'too-small') throw new Error('unexpected');
    expect(l.list.height).toBe(28);
    expect(l.list.width + 1 + l.detail.width).toBe(120);
  });

  test('shrinking keeps the selection in view', () => {
    const wide = run(initialState(120, 40, 100), ...times(30, 'down'));
    expect(wide.top).toBe(0);
    const small = reduce(wide, { type: 'resize', cols: 80, rows: 24 });
    expect(small.cursor).toBe(30);
    expect(small.cursor).toBeGreaterThanOrEqual(small.top);
    expect(small.cursor).toBeLessThan(small.top + LIST_H);
  });

  test('growing does not leave empty rows below the end of the list', () => {
    const s = run(initialState(80, 24, 100), 'bottom');
    const tall = reduce(s, { type: 'resize', cols: 80, rows: 60 });
    const l = computeLayout(80, 60);
    if (l.kind === 'too-small') throw new Error('unexpected');
    expect(tall.top).toBe(100 - l.list.height);
    expect(tall.cursor).toBe(99);
  });

  test('too small: keys other than quit wait, and the state is intact when it grows back', () => {
    const s = run(initialState(80, 24, 100), 'down', 'down');
    const tiny = reduce(s, { type: 'resize', cols: 20, rows: 5 });
    expect(computeLayout(20, 5).kind).toBe('too-small');
    const pressed = run(tiny, 'down', 'bottom', 'toggleHelp', 'focusDetail');
    expect(pressed).toMatchObject({ cursor: 2, help: false, focus: 'list' });
    expect(reduce(pressed, { type: 'resize', cols: 80, rows: 24 })).toMatchObject({ cursor: 2, top: 0 });
  });

  test('too small wins over the help overlay and the detail focus, so q quits from there', () => {
    const s = run(initialState(80, 24, 100), 'focusDetail', 'toggleHelp');
    expect(modeOf(s)).toBe('help');
    expect(modeOf(reduce(s, { type: 'resize', cols: 30, rows: 8 }))).toBe('too-small');
  });

  test('a resize to the same size changes nothing', () => {
    const s = initialState(80, 24, 10);
    expect(reduce(s, { type: 'resize', cols: 80, rows: 24 })).toBe(s);
  });

  test('the detail scroll left past the end by a wider pane is taken from where it shows', () => {
    const s = run(initialState(80, 24, 10), 'focusDetail', 'bottom'); // detailTop 27 of 40 lines
    // Wider now: the detail wraps to 20 lines; the pane shows lines 7… and k must move at once.
    const up = reduce(s, { type: 'command', command: 'up', detailLines: 20, helpLines: 0 });
    expect(up.detailTop).toBe(20 - DETAIL_H - 1);
  });
});

describe('reader state: the list changes', () => {
  test('the cursor is clamped to the new list and the detail starts at the top', () => {
    const s = run(initialState(80, 24, 100), 'bottom', 'focusDetail', 'down');
    const shorter = reduce(s, { type: 'listChanged', count: 10 });
    expect(shorter).toMatchObject({ cursor: 9, top: 2, detailTop: 0 });
  });

  test('an explicit cursor is kept in view; an empty list returns focus to it', () => {
    expect(reduce(initialState(80, 24, 100), { type: 'listChanged', count: 50, cursor: 40 })).toMatchObject({ cursor: 40, top: 33 });
    const s = run(initialState(80, 24, 100), 'focusDetail');
    expect(reduce(s, { type: 'listChanged', count: 0 })).toMatchObject({ cursor: 0, focus: 'list' });
  });

  test('a list put back where it was: the scroll given is kept, around the cursor', () => {
    expect(reduce(initialState(80, 24, 100), { type: 'listChanged', count: 100, cursor: 40, top: 38 })).toMatchObject({ cursor: 40, top: 38 });
    // A top that would hide the cursor is moved just enough.
    expect(reduce(initialState(80, 24, 100), { type: 'listChanged', count: 100, cursor: 40, top: 10 })).toMatchObject({ cursor: 40, top: 33 });
  });

  test('papers appended to the list move nothing: selection, scroll and the detail scroll stay', () => {
    const s = run(initialState(80, 24, 20), 'pageDown', 'down', 'focusDetail', 'down', 'down');
    const grown = reduce(s, { type: 'listGrew', count: 500 });
    expect(grown).toMatchObject({ count: 500, cursor: s.cursor, top: s.top, detailTop: 2, focus: 'detail' });
    expect(reduce(grown, { type: 'listGrew', count: 500 })).toBe(grown);
  });

  test('select puts the cursor on a paper and scrolls only as far as needed; the detail of a new paper starts at its top', () => {
    const s = run(initialState(80, 24, 100), 'focusDetail', 'down');
    expect(reduce(s, { type: 'select', cursor: 5 })).toMatchObject({ cursor: 5, top: 0, detailTop: 0, focus: 'detail' });
    expect(reduce(s, { type: 'select', cursor: 60 })).toMatchObject({ cursor: 60, top: 53 });
    // The same paper again keeps where its detail was scrolled to.
    expect(reduce(s, { type: 'select', cursor: 0 }).detailTop).toBe(1);
  });

  test('focus: the list always; the detail only when there is a paper to show', () => {
    const s = run(initialState(80, 24, 100), 'focusDetail');
    expect(reduce(s, { type: 'focus', focus: 'list' }).focus).toBe('list');
    expect(reduce(initialState(80, 24, 0), { type: 'focus', focus: 'detail' }).focus).toBe('list');
    expect(reduce(initialState(80, 24, 3), { type: 'focus', focus: 'detail' }).focus).toBe('detail');
  });
});
