import { displayWidth, fitSegments, sanitize } from '../terminal/text.js';
import { Line, type Styled } from './segments.js';
import type { Style } from './style.js';
import type { Theme } from './theme.js';

export interface HeaderProps {
  width: number;
  total: number;
  unread: number;
  starred: number;
  /** Papers new since the reader was last opened. */
  fresh: number;
  /** The view's name ("Unread", or a digest's label, which may be a file name) and how many papers it has. */
  view: string;
  viewSize: number;
  /** The search, '' for none. */
  query: string;
  /** Papers the list stands for (the matches, with a search). */
  count: number;
  /** False when `count` is a lower bound ("40+"). */
  countExact: boolean;
  /** The search waits for the index. */
  indexing: boolean;
  /** The search is running: `count` is not its answer yet. */
  searching?: boolean;
  /** The matches are a scan's, the index's (typos too) still to come. */
  interim?: boolean;
  /** The matches are from part of the library (of `viewSize` papers searched so far). */
  partial?: boolean;
  /** Share of the library read while it still loads; null once it is all in. */
  loading: number | null;
  /** False while marks cannot be saved. */
  saving: boolean;
  /** In a digest day's view: its unread papers and its place among the days (0 = newest). */
  day?: { unread: number; index: number; days: number } | undefined;
  /** 1-based position of the selection in the view, 0 when the view is empty. */
  position: number;
  theme: Theme;
}

/**
 * What is loaded and where you are: the view and its search with matches/total, the library's
 * counts with the papers new since the last open (dropped first when the line is short), the
 * position on the right.
 */
export function Header(p: HeaderProps) {
  return <Line segments={headerSegments(p)} />;
}

function headerSegments(p: HeaderProps): Styled[] {
  const count = `${p.count}${p.countExact ? '' : '+'}`;
  const right = ` ${p.position}/${count} `;
  const t = p.theme;
  const view = sanitize(p.view);
  const countsText = (fresh: string) => `  ${p.total} ${p.total === 1 ? 'paper' : 'papers'}${fresh} · ${p.unread} unread · ${p.starred} starred`;
  const counts: Styled = { text: countsText(''), style: t.header };
  const withNew: Styled = { text: countsText(p.fresh > 0 ? ` · ${p.fresh} new` : ''), style: t.header };
  const where: Styled[] = [];
  if (p.query) {
    where.push({ text: `  │ ${view}`, style: t.header }, { text: `  /${sanitize(p.query)}`, style: t.key });
    // Never a count that is not this search's: while it runs, the list is still the last one.
    if (p.indexing) where.push({ text: '  indexing…', style: t.header });
    else if (p.searching) where.push({ text: '  searching…', style: t.header });
    else {
      // A partial answer says so: from the papers read so far, or before the index (verbatim words).
      const partial = p.partial ? ' so far' : p.interim ? '  indexing…' : '';
      where.push({ text: `  ${count}/${p.viewSize} ${p.count === 1 ? 'match' : 'matches'}${partial}`, style: t.header });
    }
  } else {
    where.push({ text: `  │ ${view} ${p.viewSize}`, style: t.header });
  }
  // Which day, counted from the oldest as `[` walks back: "day 2 of 14".
  const day: Styled[] =
    p.day && !p.query && p.day.index >= 0 ? [{ text: ` · ${p.day.unread} unread · day ${p.day.days - p.day.index} of ${p.day.days}`, style: t.header }] : [];
  if (p.loading !== null) where.push({ text: `  loading ${Math.floor(p.loading * 100)}%…`, style: t.header });
  if (!p.saving) where.push({ text: '  marks not saved', style: t.warning });
  const name: Styled = { text: ' paperterm', style: t.appName };
  const room = Math.max(0, p.width - displayWidth(right));
  // Dropped first when the line is short: the count of new papers, then the library's counts (a
  // day's own counts matter more in its view), then the day's details.
  const width = (segments: Styled[]) => segments.reduce((n, s) => n + displayWidth(s.text), 0);
  const [view0, ...rest] = where;
  const withDay = [view0!, ...day, ...rest];
  let left = [name, withNew, ...withDay];
  if (width(left) > room) left = [name, counts, ...withDay];
  if (width(left) > room) left = [name, ...withDay];
  if (width(left) > room) left = [name, ...where];
  return [...fitSegments<Style>(left, room, {}), { text: right, style: t.header }];
}
