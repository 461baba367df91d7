import type { TextProps } from 'ink';
import type { Paper } from '../../core/types.js';
import type { TitleRange } from '../../search/engine.js';
import { rowParts } from '../list-row.js';
import type { PaperMarks } from '../reader/marks.js';
import type { Theme } from '../theme.js';
import { fit, type Segment } from '../text.js';
import { line } from './ansi.js';

export interface ListPaneInfo {
  papers: readonly Paper[];
  top: number;
  cursor: number;
  width: number;
  height: number;
  focused: boolean;
  marks: PaperMarks;
  /** Matched characters of the titles, for a search. */
  ranges: ReadonlyMap<Paper, readonly TitleRange[]>;
  dateWidth: number;
  theme: Theme;
  /** Said when the list is empty. */
  emptyText?: string;
}

interface RowInfo {
  width: number;
  selected: boolean;
  focused: boolean;
  unread: boolean;
  starred: boolean;
  ranges: readonly TitleRange[] | undefined;
  dateWidth: number;
  theme: Theme;
}

// The last line drawn for each paper, with what it was drawn from: a move changes two rows and a
// scroll shifts the rest, so nearly every row of a frame is one the last frame already built.
const drawn = new WeakMap<Paper, { info: RowInfo; date: string | undefined; line: string }>();

function sameInfo(a: RowInfo, b: RowInfo): boolean {
  return (
    a.width === b.width &&
    a.selected === b.selected &&
    a.focused === b.focused &&
    a.unread === b.unread &&
    a.starred === b.starred &&
    a.ranges === b.ranges &&
    a.dateWidth === b.dateWidth &&
    a.theme === b.theme
  );
}

function rowLine(paper: Paper, info: RowInfo): string {
  const last = drawn.get(paper);
  // The date column shows the newest date, which a library still loading may set late.
  const date = paper.dates[0];
  if (last && last.date === date && sameInfo(last.info, info)) return last.line;
  const text = buildRow(paper, info);
  drawn.set(paper, { info, date, line: text });
  return text;
}

function buildRow(paper: Paper, p: RowInfo): string {
  const parts = rowParts(paper, p.width, p);
  const t = p.theme;
  const titleStyle = (match: boolean, base: TextProps): TextProps => ({
    ...base,
    ...(p.unread ? t.unreadTitle : {}),
    ...(match ? t.match : {}),
  });
  let segments: Segment<TextProps>[];
  if (p.selected && p.focused) {
    segments = [
      { text: parts.pointer + parts.unread + parts.star, style: t.selected },
      ...parts.title.map((piece) => ({ text: piece.text, style: titleStyle(piece.match, t.selected) })),
      { text: parts.date, style: t.selected },
    ];
  } else {
    const base = p.selected ? t.selectedIdle : {};
    segments = [
      { text: parts.pointer, style: base },
      { text: parts.unread, style: t.unread },
      { text: parts.star, style: t.starred },
      ...parts.title.map((piece) => ({ text: piece.text, style: titleStyle(piece.match, base) })),
      { text: parts.date, style: t.date },
    ];
  }
  return line(segments);
}

/**
 * The list pane as `height` lines of `width` columns. Only the rows in view are built: the cost of
 * a frame does not grow with the number of papers.
 */
export function listLines(p: ListPaneInfo): string[] {
  const out: string[] = [];
  const end = Math.min(p.papers.length, p.top + p.height);
  for (let i = p.top; i < end; i++) {
    const paper = p.papers[i]!;
    out.push(
      rowLine(paper, {
        width: p.width,
        selected: i === p.cursor,
        focused: p.focused,
        unread: p.marks.isUnread(paper),
        starred: p.marks.isStarred(paper),
        ranges: p.ranges.get(paper),
        dateWidth: p.dateWidth,
        theme: p.theme,
      }),
    );
  }
  if (p.papers.length === 0) out.push(line([{ text: fit(`  ${p.emptyText ?? 'No papers here.'}`, p.width), style: p.theme.muted }]));
  while (out.length < p.height) out.push(' '.repeat(p.width));
  return out.slice(0, p.height);
}
