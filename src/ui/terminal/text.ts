import stringWidth from 'string-width';
import { terminalLine } from '../../core/terminal-text.js';
import { graphemesOf } from './graphemes.js';

// Characters whose on-screen width terminals disagree about (and so would shift every column after
// them): zero-width joiners and other format characters, variation selectors, emoji skin-tone
// modifiers, tag characters and the combining keycap. Without them every remaining character has
// the width wcwidth-based terminals give it, which is also what string-width (and so Ink) counts.
const UNSTABLE_WIDTH = /[\p{Cf}\u{FE00}-\u{FE0F}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\u20E3]/gu;

/**
 * Untrusted text (a title, a file name, a query) made safe and width-predictable for one cell row:
 * escape sequences removed whole, controls shown in caret notation, tabs expanded (terminalLine,
 * the project's one sanitizing boundary), and characters of uncertain width dropped.
 */
export function sanitize(text: string): string {
  if (/^[\u0020-\u007E]*$/.test(text)) return text;
  return terminalLine(text.normalize('NFC')).replace(UNSTABLE_WIDTH, '');
}

const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;

/** Terminal columns the (sanitized) text occupies. */
export function displayWidth(text: string): number {
  // string-width segments every string into graphemes; most text here is plain ASCII.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let w = textWidths.get(text);
  if (w === undefined) {
    w = 0;
    for (const g of graphemesOf(text)) w += graphemeWidth(g);
    if (textWidths.size >= WIDTHS_MAX) textWidths.clear();
    textWidths.set(text, w);
  }
  return w;
}

// Widths of the graphemes seen so far: a screen shows the same few non-ASCII characters (●, ★, …,
// │, accents, CJK of a title) over and over, and string-width is the costly part of a frame.
const widths = new Map<string, number>();
// The same for whole texts: a frame measures the same pieces (titles, "●", the header's parts) as the last.
const textWidths = new Map<string, number>();
const WIDTHS_MAX = 4096;

/** Columns one grapheme (as Intl.Segmenter cuts them) occupies. */
export function graphemeWidth(g: string): number {
  const code = g.charCodeAt(0);
  if (g.length === 1 && code >= 0x20 && code < 0x7f) return 1;
  let w = widths.get(g);
  if (w === undefined) {
    w = stringWidth(g);
    if (widths.size >= WIDTHS_MAX) widths.clear();
    widths.set(g, w);
  }
  return w;
}

/** The text's graphemes and their widths. */
export function* graphemes(text: string): Generator<{ g: string; w: number }> {
  if (PRINTABLE_ASCII.test(text)) {
    for (let i = 0; i < text.length; i++) yield { g: text[i]!, w: 1 };
    return;
  }
  for (const g of graphemesOf(text)) yield { g, w: graphemeWidth(g) };
}

/** Cuts the text to at most `width` columns, ending in "…" when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (PRINTABLE_ASCII.test(text)) return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { g, w } of graphemes(text)) {
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return `${out}…`;
}

/** Exactly `width` columns: cut with "…" or padded with spaces (so wide characters never shift columns). */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/** Pads on the left to `width` columns (for right-aligned columns such as dates). */
export function fitRight(text: string, width: number): string {
  const cut = truncate(text, width);
  return ' '.repeat(Math.max(0, width - displayWidth(cut))) + cut;
}

/** Splits a word wider than `width` into pieces of at most `width` columns (CJK runs, long URLs). */
function splitWide(word: string, width: number): string[] {
  const pieces: string[] = [];
  let cur = '';
  let used = 0;
  for (const { g, w } of graphemes(word)) {
    if (used + w > width && cur) {
      pieces.push(cur);
      cur = '';
      used = 0;
    }
    cur += g;
    used += w;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

/** Word-wraps text to lines of at most `width` columns; words that cannot fit are broken. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const ww = displayWidth(word);
    if (used > 0 && used + 1 + ww <= w) {
      line += ` ${word}`;
      used += 1 + ww;
      continue;
    }
    if (used > 0) lines.push(line);
    if (ww <= w) {
      line = word;
      used = ww;
      continue;
    }
    const pieces = splitWide(word, w);
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
    used = displayWidth(line);
  }
  if (used > 0 || lines.length === 0) lines.push(line);
  return lines;
}

export interface Segment<S> {
  text: string;
  style: S;
}

/**
 * Cuts a run of styled pieces to exactly `width` columns (the last visible piece gets the "…",
 * the rest of the line is padded), so a line made of several styles still fits its row.
 */
export function fitSegments<S>(segments: readonly Segment<S>[], width: number, padStyle: S): Segment<S>[] {
  const out: Segment<S>[] = [];
  let used = 0;
  for (const seg of segments) {
    const w = displayWidth(seg.text);
    if (used + w <= width) {
      out.push(seg);
      used += w;
      continue;
    }
    const cut = truncate(seg.text, width - used);
    if (cut) out.push({ text: cut, style: seg.style });
    used += displayWidth(cut);
    break;
  }
  if (used < width) out.push({ text: ' '.repeat(width - used), style: padStyle });
  return out;
}

/** A run of text that is, or is not, part of a search match. */
export interface Piece {
  text: string;
  match: boolean;
}

interface Cell {
  g: string;
  w: number;
  match: boolean;
}

function piecesOf(cells: readonly Cell[]): Piece[] {
  const out: Piece[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && last.match === c.match) last.text += c.g;
    else out.push({ text: c.g, match: c.match });
  }
  return out;
}

/**
 * `wrap` for text made of highlighted and plain pieces: the same line breaks as wrap() gives the
 * joined text, each line as pieces. A space between two matched words stays matched.
 */
export function wrapPieces(pieces: readonly Piece[], width: number): Piece[][] {
  const w = Math.max(1, width);
  const words: Cell[][] = [];
  let word: Cell[] = [];
  for (const p of pieces) {
    for (const g of graphemesOf(p.text)) {
      if (/^\s+$/.test(g)) {
        if (word.length) words.push(word);
        word = [];
      } else {
        word.push({ g, w: graphemeWidth(g), match: p.match });
      }
    }
  }
  if (word.length) words.push(word);

  const lines: Cell[][] = [];
  let line: Cell[] = [];
  let used = 0;
  for (const cells of words) {
    const ww = cells.reduce((n, c) => n + c.w, 0);
    if (used > 0 && used + 1 + ww <= w) {
      const space = { g: ' ', w: 1, match: line[line.length - 1]!.match && cells[0]!.match };
      line.push(space, ...cells);
      used += 1 + ww;
      continue;
    }
    if (used > 0) lines.push(line);
    line = [];
    used = 0;
    for (const c of cells) {
      if (used + c.w > w && used > 0) {
        lines.push(line);
        line = [];
        used = 0;
      }
      line.push(c);
      used += c.w;
    }
  }
  if (used > 0 || lines.length === 0) lines.push(line);
  return lines.map(piecesOf);
}
