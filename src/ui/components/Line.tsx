import { Text, type TextProps } from 'ink';
import { memo } from 'react';
import type { Segment } from '../text.js';

/**
 * One screen row from pre-measured pieces. The pieces already add up to the row's width, so Ink never
 * wraps it; `truncate` is only a guard so a miscount could never push the frame past the screen.
 */
export const Line = memo(function Line({ segments }: { segments: readonly Segment<TextProps>[] }) {
  return (
    <Text wrap="truncate">
      {segments.map((s, i) => (
        <Text key={i} {...s.style}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
});
