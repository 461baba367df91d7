// string-width for the bundle (bundle.mjs aliases the package to this file): the same widths,
// with each grapheme's width remembered. string-width measures a text grapheme by grapheme, running
// a few Unicode property regexes on each; a reader frame measures the same handful of non-ASCII
// graphemes (●, ★, │, …, accented letters) in every row Ink lays out, so they are looked up instead.
import stripAnsi from 'strip-ansi';
import realStringWidth from '../node_modules/string-width/index.js';

const segmenter = new Intl.Segmenter();
const graphemeWidths = new Map();
const GRAPHEMES_MAX = 10_000;

export default function stringWidth(input, options) {
  if (options !== undefined || typeof input !== 'string') return realStringWidth(input, options);
  if (input.length === 0) return 0;
  const text = input.includes('\u001B') || input.includes('\u009B') ? stripAnsi(input) : input;
  if (/^[\u0020-\u007E]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of segmenter.segment(text)) {
    let w = graphemeWidths.get(segment);
    if (w === undefined) {
      w = realStringWidth(segment);
      if (graphemeWidths.size >= GRAPHEMES_MAX) graphemeWidths.clear();
      graphemeWidths.set(segment, w);
    }
    width += w;
  }
  return width;
}
