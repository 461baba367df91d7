import { sortDigests } from '../../core/library.js';
import type { Digest, Paper } from '../../core/types.js';
import { marksOf, type MarkMap } from '../../state/types.js';

/**
 * Which papers the list shows before any search: keys 1, 2, 3, 4 and d. `new` holds the ids of the
 * papers first seen since the reader was last opened (and those that arrived while it runs).
 */
export type View =
  | { kind: 'all' }
  | { kind: 'unread' }
  | { kind: 'starred' }
  | { kind: 'new'; ids: ReadonlySet<string> }
  | { kind: 'date'; date: string };

export const ALL: View = { kind: 'all' };

export function viewLabel(view: View): string {
  switch (view.kind) {
    case 'all':
      return 'All papers';
    case 'unread':
      return 'Unread';
    case 'starred':
      return 'Starred';
    case 'new':
      return 'New papers';
    case 'date':
      return `Digest ${view.date}`;
  }
}

export function sameView(a: View, b: View): boolean {
  if (a.kind === 'date') return b.kind === 'date' && a.date === b.date;
  if (a.kind === 'new') return b.kind === 'new' && a.ids === b.ids;
  return a.kind === b.kind;
}

/** Whether a paper belongs in a view given the current marks. */
export function inView(view: View, paper: Paper, marks: MarkMap): boolean {
  switch (view.kind) {
    case 'all':
      return true;
    case 'unread':
      return !marksOf(marks, paper.id).read;
    case 'starred':
      return marksOf(marks, paper.id).starred;
    case 'new':
      return view.ids.has(paper.id);
    case 'date':
      return paper.dates.includes(view.date);
  }
}

/**
 * The date to show beside a paper in a view: in a single digest that digest's (the paper may have
 * been in newer ones too), elsewhere the paper's newest.
 */
export function dateIn(view: View): (paper: Paper) => string | undefined {
  if (view.kind === 'date') {
    const date = view.date;
    return () => date;
  }
  return newestDate;
}

const newestDate = (paper: Paper): string | undefined => paper.dates[0];

/** The digests' labels, newest first, each once (two files of the same day share a label). */
export function digestDates(digests: readonly Digest[]): string[] {
  return [...new Set(sortDigests(digests).map((d) => d.label))];
}

/** `d`: from any other view to the newest date, then each older one, then back to all papers. */
export function nextDateView(view: View, dates: readonly string[]): View {
  if (dates.length === 0) return ALL;
  if (view.kind !== 'date') return { kind: 'date', date: dates[0]! };
  const i = dates.indexOf(view.date);
  return i >= 0 && i + 1 < dates.length ? { kind: 'date', date: dates[i + 1]! } : ALL;
}
