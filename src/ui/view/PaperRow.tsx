import { memo } from 'react';
import type { Paper } from '../../core/types.js';
import type { TitleRange } from '../../search/engine.js';
import { rowParts } from './list-row.js';
import { paintRow, type Styled } from './segments.js';
import type { Style } from './style.js';
import type { Theme } from './theme.js';

export interface PaperRowProps {
  paper: Paper;
  /** The date column shows this: the paper's newest date, or in a one-day view that day's (SessionSnapshot.dateOf). */
  date: string | undefined;
  width: number;
  selected: boolean;
  focused: boolean;
  unread: boolean;
  starred: boolean;
  /** New since the reader was last opened. */
  fresh: boolean;
  ranges: readonly TitleRange[] | undefined;
  dateWidth: number;
  theme: Theme;
}

/**
 * One list row, painted (a line of the list's Rows): pointer, unread dot (or + for a new paper), star, title (matches
 * highlighted), date. Memoized: a cursor move re-renders the two rows whose selection changed, a scroll only the rows
 * that came in.
 */
export const PaperRow = memo(function PaperRow(p: PaperRowProps) {
  return paintRow(rowSegments(p));
});

function rowSegments(p: PaperRowProps): Styled[] {
  const parts = rowParts(p.paper, p.width, p);
  const t = p.theme;
  const titleStyle = (match: boolean, base: Style): Style => ({
    ...base,
    ...(p.unread ? t.unreadTitle : {}),
    ...(match ? t.match : p.ranges ? t.matchRest : {}),
  });
  if (p.selected && p.focused) {
    return [
      { text: parts.pointer + parts.unread + parts.star, style: t.selected },
      ...parts.title.map((piece) => ({ text: piece.text, style: titleStyle(piece.match, t.selected) })),
      { text: parts.date, style: t.selected },
    ];
  }
  const base = p.selected ? t.selectedIdle : {};
  return [
    { text: parts.pointer, style: base },
    { text: parts.unread, style: p.fresh ? t.fresh : t.unread },
    { text: parts.star, style: t.starred },
    ...parts.title.map((piece) => ({ text: piece.text, style: titleStyle(piece.match, base) })),
    { text: parts.date, style: t.date },
  ];
}
