import { Text, type TextProps } from 'ink';
import { memo } from 'react';
import type { Segment } from '../text.js';

// Bold, underline and inverse are written as escape codes here rather than through Ink's <Text>
// props: those go through chalk, which drops every style when it sees --no-color in argv,
// FORCE_COLOR=0 or TERM=dumb, and the selection bar must stay visible in monochrome.
const ATTRIBUTES = [
  ['bold', '\u001b[1m', '\u001b[22m'],
  ['underline', '\u001b[4m', '\u001b[24m'],
  ['inverse', '\u001b[7m', '\u001b[27m'],
] as const;

function styled(text: string, style: TextProps): [string, TextProps] {
  const { bold, underline, inverse, ...colors } = style;
  const on = { bold, underline, inverse };
  let out = text;
  for (const [name, start, end] of ATTRIBUTES) if (on[name]) out = `${start}${out}${end}`;
  return [out, colors];
}

/**
 * One screen row from pre-measured pieces. The pieces already add up to the row's width, so Ink never
 * wraps it; `truncate` is only a guard so a miscount could never push the frame past the screen.
 */
export const Line = memo(function Line({ segments }: { segments: readonly Segment<TextProps>[] }) {
  return (
    <Text wrap="truncate">
      {segments.map((s, i) => {
        const [text, colors] = styled(s.text, s.style);
        return (
          <Text key={i} {...colors}>
            {text}
          </Text>
        );
      })}
    </Text>
  );
});
