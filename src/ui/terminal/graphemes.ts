// Cutting text into graphemes (what a terminal draws in one cell or two) without Intl.Segmenter
// when it cannot make a difference. The first segmenter a process uses loads ICU's break data,
// ~10 ms of a start; a frame of titles and symbols (●, │, accented letters, CJK) seldom needs it.

/**
 * Code points that can join a neighbour into one grapheme (Unicode's extended grapheme cluster
 * rules, UAX #29): marks and format characters (Extend, SpacingMark, ZWJ and most Prepend), the
 * letters among Extend, SpacingMark and Prepend (halfwidth kana voicing marks, Thai and Lao AM,
 * Kirat Rai vowels...), Hangul jamo, regional indicators, emoji skin tones, and CR (before LF). In a
 * text with none of them each code point is a grapheme of its own: test/ui-graphemes.test.ts holds
 * this to Intl.Segmenter over every assigned code point. scripts/string-width-cached.js has the same set.
 */
export const JOINING =
  /[\p{M}\p{Cf}\r\u0D4E\u0E33\u0EB3\uFF9E\uFF9F\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u{111C2}\u{111C3}\u{113D1}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}\u{16D63}\u{16D67}-\u{16D6A}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}]/u;

let segmenter: Intl.Segmenter | undefined;

/** The text's graphemes, as Intl.Segmenter cuts them. */
export function* graphemesOf(text: string): Generator<string> {
  if (!JOINING.test(text)) {
    yield* text;
    return;
  }
  segmenter ??= new Intl.Segmenter();
  for (const { segment } of segmenter.segment(text)) yield segment;
}
