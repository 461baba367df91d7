import type { TextProps } from 'ink';
import { DETAIL_PADDING, type LineStyle, type StyledLine } from '../detail-lines.js';
import type { Theme } from '../theme.js';
import { displayWidth, fitSegments, truncate, type Segment } from '../text.js';
import { line } from './ansi.js';

export interface DetailPaneInfo {
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

/** The visible window of the selected paper's detail (`top` already clamped by the caller), `height` lines of `width` columns. */
export function detailPaneLines(p: DetailPaneInfo): string[] {
  const pad = ' '.repeat(DETAIL_PADDING);
  const inner = Math.max(0, p.width - 2 * DETAIL_PADDING);
  const out: string[] = [];
  for (const l of p.lines.slice(p.top, p.top + p.height)) {
    const style = styleOf(p.theme, l.style);
    let body: Segment<TextProps>[];
    if (l.pieces) {
      const pieces = l.pieces.map((piece) => ({ text: piece.text, style: piece.match ? { ...style, ...p.theme.match } : style }));
      body = fitSegments(pieces, inner, {});
    } else {
      // Lines are wrapped to the width already; truncate only guards against a miscount.
      const text = truncate(l.text, inner);
      body = [{ text, style }, { text: ' '.repeat(inner - displayWidth(text)), style: {} }];
    }
    out.push(line([{ text: pad, style: {} }, ...body, { text: pad, style: {} }]));
  }
  while (out.length < p.height) out.push(' '.repeat(p.width));
  return out;
}
