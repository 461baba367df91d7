import type { Paper } from '../../core/types.js';
import type { AbstractRange } from '../../search/abstract-ranges.js';
import type { TitleRange } from '../../search/engine.js';
import { titlePieces } from './highlight.js';
import { sanitize, wrap, wrapPieces, type Piece } from '../terminal/text.js';

export type LineStyle = 'title' | 'meta' | 'body' | 'heading' | 'link' | 'muted' | 'blank';

export interface StyledLine {
  text: string;
  style: LineStyle;
  /** The same text cut where a search match starts and ends (titles of search results only). */
  pieces?: Piece[];
  /** On a link's lines: which of the paper's links it is (1 for the first), for a click to open. */
  link?: number;
  /** A link line: the URL it shows (every row of a wrapped URL has it), for an OSC 8 hyperlink. */
  url?: string;
}

/** Horizontal padding on each side of the detail text. */
export const DETAIL_PADDING = 1;

/**
 * The selected paper's detail as lines of at most `width` columns: title, every date it appeared,
 * the abstract and its links. Work is proportional to one paper, done when the selection or the
 * width changes (the view memoizes it), never per list row.
 */
export function detailLines(
  paper: Paper | undefined,
  width: number,
  ranges?: readonly TitleRange[],
  abstractRanges?: readonly AbstractRange[],
): StyledLine[] {
  if (!paper) return [{ text: 'No papers in this view.', style: 'muted' }];
  const w = Math.max(1, width);
  const lines: StyledLine[] = [];
  const push = (texts: string[], style: LineStyle) => {
    for (const text of texts) lines.push({ text, style });
  };
  const blank = () => lines.push({ text: '', style: 'blank' });

  if (ranges && ranges.length > 0) {
    for (const pieces of wrapPieces(titlePieces(paper.title, ranges), w)) {
      lines.push({ text: pieces.map((p) => p.text).join(''), style: 'title', pieces });
    }
  } else {
    push(wrap(sanitize(paper.title), w), 'title');
  }
  const dates = paper.dates.map(sanitize);
  const seen = dates.length === 1 ? `Digest: ${dates[0]}` : `Digests (${dates.length}): ${dates.join(' · ')}`;
  push(wrap(seen, w), 'meta');
  blank();
  if (paper.abstract.trim() && abstractRanges && abstractRanges.length > 0) {
    // What the search matched in the abstract, highlighted as in the title (the same line breaks).
    for (const pieces of wrapPieces(titlePieces(paper.abstract, abstractRanges), w)) {
      lines.push({ text: pieces.map((p) => p.text).join(''), style: 'body', pieces });
    }
  } else if (paper.abstract.trim()) push(wrap(sanitize(paper.abstract), w), 'body');
  else push(['(this digest has no abstract for it)'], 'muted');
  if (paper.links.length > 0) {
    blank();
    push([paper.links.length === 1 ? 'Link' : 'Links'], 'heading');
    // Numbered as o 1–9 opens them. URLs are broken at the width rather than cut, so every
    // character stays on screen to copy.
    paper.links.forEach((url, i) => {
      for (const text of wrap(`${i + 1} ${sanitize(url)}`, w)) lines.push({ text, style: 'link', url, link: i + 1 });
    });
  }
  return lines;
}
