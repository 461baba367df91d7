import { Text, type TextProps } from 'ink';
import { memo } from 'react';
import type { Segment } from '../terminal/text.js';

export type Styled = Segment<TextProps>;

/**
 * One screen row from styled pieces already cut to its width: nested Ink Text elements, one per
 * style. The pieces fit by construction; truncation only guards against a miscount.
 */
export const Line = memo(function Line({ segments }: { segments: readonly Styled[] }) {
  return (
    <Text wrap="truncate-end">
      {segments.map((s, i) => (
        <Text key={i} {...s.style}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
});
