import { Text } from 'ink';
import { memo, type ReactElement, type ReactNode } from 'react';
import type { Segment } from '../terminal/text.js';
import { paint, type Style } from './style.js';

export type Styled = Segment<Style>;

/** A row's styled pieces as one string with their codes (paint), as Ink draws the same pieces as nested Texts. */
export function paintRow(segments: readonly Styled[]): string {
  let text = '';
  for (const s of segments) text += paint(s.text, s.style);
  return text;
}

/**
 * One screen row from styled pieces already cut to its width: one Ink Text holding the painted
 * pieces, for a fraction of the nodes nested Texts would take. The pieces fit by construction;
 * truncation only guards against a miscount.
 */
export const Line = memo(function Line({ segments }: { segments: readonly Styled[] }) {
  return <Text wrap="truncate-end">{paintRow(segments)}</Text>;
});

/**
 * A pane's rows as one Ink Text, a line each: every row is a component that renders its painted
 * string (paintRow), memoized so that a frame paints again only the rows that changed, and the
 * pane is one node for React, Ink and Yoga to make, lay out and draw instead of one per row. Rows
 * are cut to the pane's width by construction (fitSegments): Ink would cut a text wider than its
 * box as a whole, not line by line.
 */
export function Rows({ children }: { children: readonly ReactElement[] }) {
  const lines: ReactNode[] = [];
  for (const row of children) {
    if (lines.length > 0) lines.push('\n');
    lines.push(row);
  }
  return <Text wrap="truncate-end">{lines}</Text>;
}
