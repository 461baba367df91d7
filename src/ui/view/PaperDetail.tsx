import { Box } from 'ink';
import { memo } from 'react';
import { hyperlink } from '../terminal/osc.js';
import { displayWidth, fitSegments, truncate } from '../terminal/text.js';
import { DETAIL_PADDING, type LineStyle, type StyledLine } from './detail-lines.js';
import { paintRow, Rows, type Styled } from './segments.js';
import type { Style } from './style.js';
import type { Theme } from './theme.js';

export interface PaperDetailProps {
  /** The selected paper's detail, wrapped to the pane (see detail-lines.ts). */
  lines: readonly StyledLine[];
  /** First line shown (already clamped). */
  top: number;
  width: number;
  height: number;
  theme: Theme;
  /** Link lines as OSC 8 hyperlinks: clickable where the terminal supports them. */
  hyperlinks?: boolean;
}

function styleOf(theme: Theme, style: LineStyle): Style {
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

/** One id per URL, so a terminal underlines a URL wrapped over several rows as one link. */
function linkId(url: string): string {
  let h = 5381;
  for (let i = 0; i < url.length; i++) h = (h * 33) ^ url.charCodeAt(i);
  return `pt${(h >>> 0).toString(36)}`;
}

const DetailLine = memo(function DetailLine({ line, width, theme, hyperlinks }: { line: StyledLine; width: number; theme: Theme; hyperlinks: boolean }) {
  const pad = ' '.repeat(DETAIL_PADDING);
  const inner = Math.max(0, width - 2 * DETAIL_PADDING);
  const style = styleOf(theme, line.style);
  let body: Styled[];
  if (line.pieces) {
    body = fitSegments(
      line.pieces.map((piece) => ({ text: piece.text, style: { ...style, ...(piece.match ? theme.match : theme.matchRest) } })),
      inner,
      {},
    );
  } else {
    // Lines are wrapped to the width already; truncate only guards against a miscount.
    const text = truncate(line.text, inner);
    const shown = hyperlinks && line.url && text ? hyperlink(text, line.url, linkId(line.url)) : text;
    body = [{ text: shown, style }, { text: ' '.repeat(inner - displayWidth(text)), style: {} }];
  }
  return paintRow([{ text: pad, style: {} }, ...body, { text: pad, style: {} }]);
});

/** The visible window of the selected paper's title, digests, abstract and links. */
export function PaperDetail(p: PaperDetailProps) {
  return (
    <Box flexDirection="column" width={p.width} height={p.height} flexShrink={0}>
      <Rows>
        {p.lines.slice(p.top, p.top + p.height).map((line, i) => (
          <DetailLine key={i} line={line} width={p.width} theme={p.theme} hyperlinks={p.hyperlinks ?? false} />
        ))}
      </Rows>
    </Box>
  );
}
