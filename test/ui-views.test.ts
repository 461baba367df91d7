import { describe, expect, test } from 'vitest';
import { listForSearch, listForView } from '../src/ui/reader/library-view.js';
import { paperMarks } from '../src/ui/reader/marks.js';
import { sortPapers } from '../src/ui/reader/order.js';
import { popUndo, pushUndo, UNDO_DEPTH, type UndoStack } from '../src/ui/reader/undo.js';
import { ALL, distinctLabels, inView, nextDateView, viewLabel } from '../src/ui/reader/views.js';
import type { MarkMap } from '../src/state/types.js';
import { sampleLibrary, sampleSearchEngine } from './helpers/session.js';

const { papers, days } = sampleLibrary();
const marks: MarkMap = new Map([
  [papers[0]!.id, { read: true, starred: false }],
  [papers[1]!.id, { read: false, starred: true }],
  ['not-loaded-paper', { read: true, starred: true }],
]);

describe('views', () => {
  test('membership and labels', () => {
    expect(inView({ kind: 'unread' }, papers[0]!, marks)).toBe(false);
    expect(inView({ kind: 'starred' }, papers[1]!, marks)).toBe(true);
    expect(inView({ kind: 'date', day: '2025-03-18', label: 'Mar 18' }, papers[0]!, marks)).toBe(papers[0]!.dates.includes('Mar 18'));
    expect([ALL, { kind: 'unread' }, { kind: 'starred' }, { kind: 'date', day: '2025-03-18', label: 'Mar 18' }].map((v) => viewLabel(v as never))).toEqual([
      'All papers',
      'Unread',
      'Starred',
      'Digest Mar 18',
    ]);
  });

  test('d goes newest date first, then older, then back to all; with no dates it stays on all', () => {
    let v = nextDateView({ kind: 'starred' }, days);
    const seen = [];
    while (v.kind === 'date') {
      seen.push({ day: v.day, label: v.label });
      v = nextDateView(v, days);
    }
    expect(seen).toEqual(days);
    expect(nextDateView(ALL, [])).toEqual(ALL);
  });

  test('a label two days share (the date line has no year) is shown with each day\'s year; others as written', () => {
    const mar18 = [
      { day: '2026-03-20', label: 'Mar 20' },
      { day: '2026-03-18', label: 'Mar 18' },
      { day: '2025-03-18', label: 'Mar 18' },
      { day: '2025-03-10', label: 'Mar 10?' },
      { day: '2024-03-10', label: 'Mar 10?' },
    ];
    expect(distinctLabels(mar18).map((d) => d.label)).toEqual(['Mar 20', 'Mar 18 2026', 'Mar 18 2025', 'Mar 10 2025?', 'Mar 10 2024?']);
    expect(distinctLabels(mar18).map((d) => d.day)).toEqual(mar18.map((d) => d.day));
    // Within one year nothing changes, not even the array.
    expect(distinctLabels(days)).toBe(days);
  });

  test('counts only loaded papers, in one pass over the marked ones', () => {
    const m = paperMarks(marks, new Set(papers.map((p) => p.id)));
    expect(m.unreadCount).toBe(papers.length - 1);
    expect(m.starredCount).toBe(1);
  });
});

describe('the visible list', () => {
  test('a view keeps library order', () => {
    const unread = listForView(papers, marks, { kind: 'unread' });
    expect(unread.papers[0]).toBe(papers[1]);
    expect(unread.count).toBe(papers.length - 1);
    expect(listForView(papers, marks, ALL).papers).toBe(papers);
  });

  test('a search cut at its limit: exact total in the all view, a lower bound in a filtered one', () => {
    const result = sampleSearchEngine().search('model', { limit: 10 });
    const all = listForSearch(papers, marks, ALL, result, papers.length);
    expect(all).toMatchObject({ count: 421, countExact: true, more: true });
    expect(all.papers).toHaveLength(10);
    const unread = listForSearch(papers, marks, { kind: 'unread' }, result, papers.length - 1);
    expect(unread.countExact).toBe(false);
    expect(unread.papers.every((p) => p !== papers[0])).toBe(true);
  });
});

describe('undo stack', () => {
  test('newest first out; changes that changed nothing are not steps; depth is bounded', () => {
    let stack: UndoStack = [];
    stack = pushUndo(stack, { edits: [{ id: 'a', field: 'read', value: false }], what: 'one' });
    stack = pushUndo(stack, { edits: [], what: 'nothing' });
    stack = pushUndo(stack, { edits: [{ id: 'b', field: 'read', value: false }], what: 'two' });
    expect(stack.map((e) => e.what)).toEqual(['one', 'two']);
    expect(popUndo(stack).entry?.what).toBe('two');
    for (let i = 0; i < UNDO_DEPTH + 5; i++) stack = pushUndo(stack, { edits: [{ id: `${i}`, field: 'starred', value: false }], what: `${i}` });
    expect(stack).toHaveLength(UNDO_DEPTH);
    expect(stack[0]!.what).toBe('5');
    expect(popUndo([]).entry).toBeUndefined();
  });
});

describe('orders', () => {
  test('title A–Z ignores case, accents and leading quotes; ties keep the library order', () => {
    const named = (title: string, i: number) => ({ ...papers[i]!, title });
    const list = [named('zebra', 0), named('"Attention" again', 1), named('Émergent abilities', 2), named('apple', 3), named('Apple', 4), named('bert', 5)];
    expect(sortPapers(list, 'title').map((p) => p.title)).toEqual(['apple', 'Apple', '"Attention" again', 'bert', 'Émergent abilities', 'zebra']);
    // The library itself, in newest order, is not copied.
    expect(sortPapers(papers, 'newest')).toBe(papers);
  });
});
