import { Text } from 'ink';
import { memo } from 'react';
import type { Segment } from '../terminal/text.js';
import { paint, type Style } from './style.js';

export type Styled = Segment<Style>;

/**
 * One screen row from styled pieces already cut to its width: one Ink Text holding the pieces with
 * their codes (paint), which Ink draws as it would the same pieces as nested Texts, for a fraction
 * of the nodes to make, lay out and squash in every frame. The pieces fit by construction;
 * truncation only guards against a miscount.
 */
export const Line = memo(function Line({ segments }: { segments: readonly Styled[] }) {
  let text = '';
  for (const s of segments) text += paint(s.text, s.style);
  return <Text wrap="truncate-end">{text}</Text>;
});
