import type { Paper } from '../../core/types.js';
import type { TitleRange } from '../../search/engine.js';
import { titlePieces } from './highlight.js';
import { displayWidth, fitRight, fitSegments, sanitize, type Piece } from '../terminal/text.js';

/** Widest date column the list gives up room for; longer labels (undated files) are cut. */
const DATE_MAX = 12;
/** Below this pane width the date column is dropped so titles keep some room. */
const DATE_MIN_PANE = 36;

/** The date column's width for a list of papers: computed once per list, not per row or per key. */
export function dateColumnWidth(papers: readonly Paper[], from = 0, atLeast = 0): number {
  let w = atLeast;
  if (w >= DATE_MAX) return DATE_MAX;
  for (let i = from; i < papers.length; i++) {
    const label = papers[i]!.dates[0];
    if (label !== undefined && label.length > w) w = Math.max(w, displayWidth(sanitize(label)));
    if (w >= DATE_MAX) return DATE_MAX;
  }
  return w;
}

/** A date column of `width` made wide enough for `label` too (as far as DATE_MAX). */
export function widenedFor(width: number, label: string): number {
  return Math.max(width, Math.min(DATE_MAX, displayWidth(sanitize(label))));
}

export interface RowParts {
  /** `>` on the selected row. */
  pointer: string;
  /** `+` for a paper new since the reader was last opened, else `●` while it is unread. */
  unread: string;
  star: string;
  /** A space, then the title cut or padded to its column; matched pieces flagged. */
  title: Piece[];
  date: string;
}

/**
 * One list row split into its columns, together exactly `width` columns wide whatever the title
 * holds (CJK, emoji), so rows line up and the selection bar spans the pane.
 */
export function rowParts(
  paper: Paper,
  width: number,
  o: { selected: boolean; unread: boolean; starred: boolean; dateWidth: number; ranges?: readonly TitleRange[]; fresh?: boolean; date?: string | undefined },
): RowParts {
  const dateWidth = width >= DATE_MIN_PANE ? o.dateWidth : 0;
  const dateCols = dateWidth > 0 ? dateWidth + 3 : 1; // "  date " or a trailing space
  const titleWidth = Math.max(0, width - 4 - dateCols);
  return {
    pointer: o.selected ? '>' : ' ',
    // New papers keep their mark on the selected row too (it once shared the pointer's column);
    // whether one is read still shows in its title's weight.
    unread: o.fresh ? '+' : o.unread ? '●' : ' ',
    star: o.starred ? '★' : ' ',
    title: [{ text: ' ', match: false }, ...fitTitle(titlePieces(paper.title, o.ranges), titleWidth)],
    date: dateWidth > 0 ? `  ${fitRight(sanitize(o.date ?? paper.dates[0] ?? ''), dateWidth)} ` : ' ',
  };
}

function fitTitle(pieces: Piece[], width: number): Piece[] {
  return fitSegments(
    pieces.map((p) => ({ text: p.text, style: p.match })),
    width,
    false,
  ).map((s) => ({ text: s.text, match: s.style }));
}
