import { Box, type TextProps } from 'ink';
import { memo } from 'react';
import type { Paper } from '../../core/types.js';
import type { TitleRange } from '../../search/engine.js';
import { rowParts } from '../list-row.js';
import type { PaperMarks } from '../marks.js';
import type { Theme } from '../theme.js';
import { fit, type Segment } from '../text.js';
import { Line } from './Line.js';

export interface ListPaneProps {
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

interface RowProps {
  paper: Paper;
  width: number;
  selected: boolean;
  focused: boolean;
  unread: boolean;
  starred: boolean;
  ranges: readonly TitleRange[] | undefined;
  dateWidth: number;
  theme: Theme;
}

const Row = memo(function Row(p: RowProps) {
  const parts = rowParts(p.paper, p.width, p);
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
  return <Line segments={segments} />;
});

/** Only the rows in view are built: the cost of a frame does not grow with the number of papers. */
export function ListPane(p: ListPaneProps) {
  const rows = [];
  const end = Math.min(p.papers.length, p.top + p.height);
  for (let i = p.top; i < end; i++) {
    const paper = p.papers[i]!;
    rows.push(
      <Row
        key={i - p.top}
        paper={paper}
        width={p.width}
        selected={i === p.cursor}
        focused={p.focused}
        unread={p.marks.isUnread(paper)}
        starred={p.marks.isStarred(paper)}
        ranges={p.ranges.get(paper)}
        dateWidth={p.dateWidth}
        theme={p.theme}
      />,
    );
  }
  if (p.papers.length === 0) {
    rows.push(<Line key="empty" segments={[{ text: fit(`  ${p.emptyText ?? 'No papers here.'}`, p.width), style: p.theme.muted }]} />);
  }
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      {rows}
    </Box>
  );
}
