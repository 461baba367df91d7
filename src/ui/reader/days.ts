import type { Paper } from '../../core/types.js';
import { dateView, indexOfDay, type DigestDay, type View } from './views.js';

/** Where `[` or `]` lead from `view`: an older or newer digest day, or nowhere at either end. */
export function stepDay(view: View, days: readonly DigestDay[], step: 'older' | 'newer'): View | undefined {
  if (days.length === 0) return undefined;
  // From any other view both keys go to the newest day, where a day's reading starts.
  if (view.kind !== 'date') return dateView(days[0]!);
  const i = indexOfDay(days, view.day);
  if (i < 0) return dateView(days[0]!);
  const j = step === 'older' ? i + 1 : i - 1;
  return j >= 0 && j < days.length ? dateView(days[j]!) : undefined;
}

/** The digest day a view shows, for the header: its label, its place among the days, its counts. */
export interface DayInfo {
  label: string;
  /** 0 for the newest day. */
  index: number;
  days: number;
  papers: number;
  unread: number;
}

export function dayInfo(view: View, days: readonly DigestDay[], papers: readonly Paper[], isUnread: (p: Paper) => boolean): DayInfo | undefined {
  if (view.kind !== 'date') return undefined;
  let n = 0;
  let unread = 0;
  for (const p of papers) {
    if (!p.days.includes(view.day)) continue;
    n++;
    if (isUnread(p)) unread++;
  }
  return { label: view.label, index: indexOfDay(days, view.day), days: days.length, papers: n, unread };
}
