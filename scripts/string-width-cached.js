// string-width for the bundle (bundle.mjs aliases the package to this file): the same widths,
// with each grapheme's width remembered. string-width measures a text grapheme by grapheme, running
// a few Unicode property regexes on each; a reader frame measures the same handful of non-ASCII
// graphemes (●, ★, │, …, accented letters) in every row Ink lays out, so they are looked up instead.
import stripAnsi from 'strip-ansi';
import realStringWidth from '../node_modules/string-width/index.js';

const segmenter = new Intl.Segmenter();
const graphemeWidths = new Map();
const GRAPHEMES_MAX = 10_000;
// Code points that can join the one before them into one grapheme (marks, format characters such
// as the zero-width joiner, Hangul jamo, regional indicators, emoji skin tones). A text with none of
// them has one grapheme per code point, and needs no segmenting.
const JOINING = /[\p{M}\p{Cf}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}]/u;

function graphemeWidth(g) {
  let w = graphemeWidths.get(g);
  if (w === undefined) {
    w = realStringWidth(g);
    if (graphemeWidths.size >= GRAPHEMES_MAX) graphemeWidths.clear();
    graphemeWidths.set(g, w);
  }
  return w;
}

export default function stringWidth(input, options) {
  if (options !== undefined || typeof input !== 'string') return realStringWidth(input, options);
  if (input.length === 0) return 0;
  const text = input.includes('\u001B') || input.includes('\u009B') ? stripAnsi(input) : input;
  if (/^[\u0020-\u007E]*$/.test(text)) return text.length;
  let width = 0;
  if (!JOINING.test(text)) {
    for (const ch of text) width += ch.charCodeAt(0) < 0x7f && ch.charCodeAt(0) >= 0x20 ? 1 : graphemeWidth(ch);
    return width;
  }
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}
