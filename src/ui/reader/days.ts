import type { Paper } from '../../core/types.js';
import type { View } from './views.js';

/** Where `[` or `]` lead from `view`: an older or newer digest day, or nowhere at either end. */
export function stepDay(view: View, dates: readonly string[], step: 'older' | 'newer'): View | undefined {
  if (dates.length === 0) return undefined;
  // From any other view both keys go to the newest day, where a day's reading starts.
  if (view.kind !== 'date') return { kind: 'date', date: dates[0]! };
  const i = dates.indexOf(view.date);
  if (i < 0) return { kind: 'date', date: dates[0]! };
  const j = step === 'older' ? i + 1 : i - 1;
  return j >= 0 && j < dates.length ? { kind: 'date', date: dates[j]! } : undefined;
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

export function dayInfo(view: View, dates: readonly string[], papers: readonly Paper[], isUnread: (p: Paper) => boolean): DayInfo | undefined {
  if (view.kind !== 'date') return undefined;
  let n = 0;
  let unread = 0;
  for (const p of papers) {
    if (!p.dates.includes(view.date)) continue;
    n++;
    if (isUnread(p)) unread++;
  }
  return { label: view.date, index: dates.indexOf(view.date), days: dates.length, papers: n, unread };
}

