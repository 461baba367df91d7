import { Box, Text } from 'ink';
import type { Paper } from '../../core/types.js';
import type { TitleRange } from '../../search/engine.js';
import type { PaperMarks } from '../reader/marks.js';
import { fit } from '../terminal/text.js';
import { PaperRow } from './PaperRow.js';
import { Rows } from './segments.js';
import type { Theme } from './theme.js';

export interface PaperListProps {
  papers: readonly Paper[];
  top: number;
  cursor: number;
  width: number;
  height: number;
  focused: boolean;
  marks: PaperMarks;
  /** Whether a paper is new since the reader was last opened (SessionSnapshot.isNew). */
  isNew: (paper: Paper) => boolean;
  /** The date shown for a paper: its newest, or in a one-day view that day's (SessionSnapshot.dateOf). */
  dateOf: (paper: Paper) => string | undefined;
  /** Matched characters of the titles, for a search. */
  ranges: ReadonlyMap<Paper, readonly TitleRange[]>;
  dateWidth: number;
  theme: Theme;
  /** Said when the list is empty. */
  emptyText: string;
}

/**
 * The list pane: only the rows in view are rendered, so a frame costs the same for 100 papers or
 * 100,000. Rows are keyed by paper, so a scroll keeps the rows that stay on screen.
 */
export function PaperList(p: PaperListProps) {
  const end = Math.min(p.papers.length, p.top + p.height);
  const rows = [];
  for (let i = p.top; i < end; i++) {
    const paper = p.papers[i]!;
    rows.push(
      <PaperRow
        key={paper.id}
        paper={paper}
        date={p.dateOf(paper)}
        width={p.width}
        selected={i === p.cursor}
        focused={p.focused}
        unread={p.marks.isUnread(paper)}
        starred={p.marks.isStarred(paper)}
        fresh={p.isNew(paper)}
        ranges={p.ranges.get(paper)}
        dateWidth={p.dateWidth}
        theme={p.theme}
      />,
    );
  }
  return (
    <Box flexDirection="column" width={p.width} height={p.height} flexShrink={0}>
      {p.papers.length === 0 ? <Text {...p.theme.muted}>{fit(`  ${p.emptyText}`, p.width)}</Text> : <Rows>{rows}</Rows>}
    </Box>
  );
}
