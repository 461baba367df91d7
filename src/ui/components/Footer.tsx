import type { TextProps } from 'ink';
import { memo } from 'react';
import { footerHints, type Mode } from '../keymap.js';
import type { Theme } from '../theme.js';
import { displayWidth, fitSegments, type Segment } from '../text.js';
import { Line } from './Line.js';

/** Key hints for the focused pane, as many as fit, most useful first; `right` shows on the far right. */
export const Footer = memo(function Footer({ mode, width, right, theme }: { mode: Mode; width: number; right: string; theme: Theme }) {
  const room = width - displayWidth(right);
  const segments: Segment<TextProps>[] = [];
  let used = 0;
  for (const hint of footerHints(mode)) {
    const w = 1 + displayWidth(hint.keys) + 1 + displayWidth(hint.label) + 1;
    if (used + w > room) break;
    segments.push({ text: ` ${hint.keys}`, style: theme.key }, { text: ` ${hint.label} `, style: theme.hint });
    used += w;
  }
  return <Line segments={[...fitSegments(segments, room, {}), { text: right, style: theme.hint }]} />;
});
