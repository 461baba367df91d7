// string-width for the bundle (bundle.mjs aliases the package to this file): the same widths,
// with each grapheme's width remembered. string-width measures a text grapheme by grapheme, running
// a few Unicode property regexes on each; a reader frame measures the same handful of non-ASCII
// graphemes (●, ★, │, …, accented letters) in every row Ink lays out, so they are looked up instead.
// Whole texts are remembered too: a frame's every line is measured three times (Ink's layout, its
// drawing, the row composition of ink-fast-output.js), a new one first at each of them.
import { eastAsianWidth } from 'get-east-asian-width';
import stripAnsi from 'strip-ansi';
import realStringWidth from '../node_modules/string-width/index.js';

// (In the bundle, made at its first use: see lazy-segmenter.js.)
const segmenter = new Intl.Segmenter();
const graphemeWidths = new Map();
const GRAPHEMES_MAX = 10_000;
const textWidths = new Map();
const TEXTS_MAX = 20_000;
// Code points that can join a neighbour into one grapheme (the set and its reasons are in
// src/ui/terminal/graphemes.ts, which tests both). A text with none of them has one grapheme per
// code point, and needs no segmenting.
export const JOINING =
  /[\p{M}\p{Cf}\r\u0D4E\u0E33\u0EB3\uFF9E\uFF9F\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u{111C2}\u{111C3}\u{113D1}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}\u{16D63}\u{16D67}-\u{16D6A}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}]/u;

// A grapheme of one code point that cannot be an emoji has string-width's width without its emoji
// test, whose regex (\p{RGI_Emoji}) takes ~25 ms to compile on first use: at every start, for the
// first frame's ● and │. Same rules as string-width: nothing for a non-printing code point, else
// its East Asian Width (a lone Hangul jamo and a lone mark included).
const EMOJI_LIKE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Component}/u;
const NON_PRINTING = /[\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u;

function singleCodePointWidth(g) {
  const cp = g.codePointAt(0);
  if (g.length !== (cp > 0xffff ? 2 : 1) || EMOJI_LIKE.test(g)) return undefined;
  return NON_PRINTING.test(g) ? 0 : eastAsianWidth(cp);
}

function graphemeWidth(g) {
  let w = graphemeWidths.get(g);
  if (w === undefined) {
    w = singleCodePointWidth(g) ?? realStringWidth(g);
    if (graphemeWidths.size >= GRAPHEMES_MAX) graphemeWidths.clear();
    graphemeWidths.set(g, w);
  }
  return w;
}

export default function stringWidth(input, options) {
  if (options !== undefined || typeof input !== 'string') return realStringWidth(input, options);
  if (input.length === 0) return 0;
  let width = textWidths.get(input);
  if (width === undefined) {
    width = textWidth(input);
    if (textWidths.size >= TEXTS_MAX) textWidths.clear();
    textWidths.set(input, width);
  }
  return width;
}

function textWidth(input) {
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
