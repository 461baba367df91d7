import { isInferredLabel } from '../../core/digest-date.js';
import { sortDigests } from '../../core/library.js';
import type { Digest, Paper } from '../../core/types.js';
import { marksOf, type MarkMap } from '../../state/types.js';

/**
 * One digest day: its full date (ISO `YYYY-MM-DD`, what tells days apart) and its label as shown
 * (the date line as written, `Mar 18?` for an undated digest).
 */
export interface DigestDay {
  day: string;
  label: string;
}

/**
 * Which papers the list shows before any search: keys 1, 2, 3, 4 and d. `new` holds the ids of the
 * papers first seen since the reader was last opened (and those that arrived while it runs). A
 * digest day is the full day (Mar 18 of two years are two days) with the label it is shown by.
 */
export type View =
  | { kind: 'all' }
  | { kind: 'unread' }
  | { kind: 'starred' }
  | { kind: 'new'; ids: ReadonlySet<string> }
  | ({ kind: 'date' } & DigestDay);

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
      return `Digest ${view.label}`;
  }
}

export function sameView(a: View, b: View): boolean {
  if (a.kind === 'date') return b.kind === 'date' && a.day === b.day;
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
      return paper.days.includes(view.day);
  }
}

/**
 * The date to show beside a paper in a view: in a single digest that digest's (the paper may have
 * been in newer ones too), elsewhere the paper's newest.
 */
export function dateIn(view: View): (paper: Paper) => string | undefined {
  if (view.kind === 'date') {
    const label = view.label;
    return () => label;
  }
  return newestDate;
}

const newestDate = (paper: Paper): string | undefined => paper.dates[0];

/** The digests' days, newest first, each once, with the label of the day's first digest (as core's LibraryLoad.days). */
export function digestDays(digests: readonly Digest[]): DigestDay[] {
  const byDay = new Map<string, string>();
  for (const d of sortDigests(digests)) if (!byDay.has(d.day)) byDay.set(d.day, d.label);
  return [...byDay].map(([day, label]) => ({ day, label }));
}

/**
 * `days` as the reader shows them: a label that two days share (Mar 18 of 2025 and of 2026, the
 * date line has no year) gets its day's year, so the header, the notes and the date column tell
 * them apart. The same array when no label repeats (the usual library, within one year).
 */
export function distinctLabels(days: readonly DigestDay[]): readonly DigestDay[] {
  const count = new Map<string, number>();
  for (const d of days) count.set(d.label, (count.get(d.label) ?? 0) + 1);
  if (count.size === days.length) return days;
  return days.map((d) => (count.get(d.label)! > 1 ? { day: d.day, label: withYear(d) } : d));
}

/** `Mar 18 2025`, and `Mar 18 2025?` for an inferred day (the mark stays last, where it is looked for). */
function withYear({ day, label }: DigestDay): string {
  const year = day.slice(0, 4);
  return isInferredLabel(label) ? `${label.slice(0, -1)} ${year}?` : `${label} ${year}`;
}

/** `d`: from any other view to the newest day, then each older one, then back to all papers. */
export function nextDateView(view: View, days: readonly DigestDay[]): View {
  if (days.length === 0) return ALL;
  if (view.kind !== 'date') return dateView(days[0]!);
  const i = days.findIndex((d) => d.day === view.day);
  return i >= 0 && i + 1 < days.length ? dateView(days[i + 1]!) : ALL;
}

export function dateView({ day, label }: DigestDay): View {
  return { kind: 'date', day, label };
}

/** Where `day` is in `days` (newest first), -1 when it is not there. */
export function indexOfDay(days: readonly DigestDay[], day: string): number {
  return days.findIndex((d) => d.day === day);
}
