import { Box, type TextProps } from 'ink';
import { DETAIL_PADDING, type LineStyle, type StyledLine } from '../detail-lines.js';
import type { Theme } from '../theme.js';
import { displayWidth, fitSegments, truncate, type Segment } from '../text.js';
import { Line } from './Line.js';

export interface DetailPaneProps {
  lines: readonly StyledLine[];
  top: number;
  width: number;
  height: number;
  theme: Theme;
}

function styleOf(theme: Theme, style: LineStyle): TextProps {
  switch (style) {
    case 'title':
      return theme.title;
    case 'meta':
      return theme.meta;
    case 'heading':
      return theme.heading;
    case 'link':
      return theme.link;
    case 'muted':
      return theme.muted;
    default:
      return {};
  }
}

/** The visible window of the selected paper's detail (`top` already clamped by the caller). */
export function DetailPane(p: DetailPaneProps) {
  const pad = ' '.repeat(DETAIL_PADDING);
  const inner = Math.max(0, p.width - 2 * DETAIL_PADDING);
  const visible = p.lines.slice(p.top, p.top + p.height);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      {visible.map((line, i) => {
        const style = styleOf(p.theme, line.style);
        let body: Segment<TextProps>[];
        if (line.pieces) {
          const pieces = line.pieces.map((piece) => ({ text: piece.text, style: piece.match ? { ...style, ...p.theme.match } : style }));
          body = fitSegments(pieces, inner, {});
        } else {
          // Lines are wrapped to the width already; truncate only guards against a miscount.
          const text = truncate(line.text, inner);
          body = [{ text, style }, { text: ' '.repeat(inner - displayWidth(text)), style: {} }];
        }
        return <Line key={i} segments={[{ text: pad, style: {} }, ...body, { text: pad, style: {} }]} />;
      })}
    </Box>
  );
}
