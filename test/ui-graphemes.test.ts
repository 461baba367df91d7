import { describe, expect, test } from 'vitest';
import { JOINING as BUNDLE_JOINING } from '../scripts/string-width-cached.js';
import { graphemesOf, JOINING } from '../src/ui/terminal/graphemes.js';

const segmenter = new Intl.Segmenter();
const segments = (text: string) => [...segmenter.segment(text)].map((s) => s.segment);

// Beside one of each kind of code point a grapheme rule names and that does not join (UAX #29): a
// letter, LF, an emoji (Extended_Pictographic), a Hangul syllable, an Indic consonant; and itself.
const NEIGHBOURS = ['a', '\n', '😀', '\uAC00', '\u0915'];

describe('graphemes without a segmenter', () => {
  test('every assigned code point that does not join stays a grapheme of its own, whatever its neighbours', { timeout: 60_000 }, () => {
    // (Private-use code points all behave alike: left out, they halve the run.)
    const assigned = /[^\p{Cn}\p{Cs}\p{Co}]/u;
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const c = String.fromCodePoint(cp);
      if (!assigned.test(c) || JOINING.test(c)) continue;
      const text = `${NEIGHBOURS.join(c)}${c}${c}`;
      let n = 0;
      for (const _ of segmenter.segment(text)) n++;
      if (n !== NEIGHBOURS.length * 2 + 1) wrong.push(`U+${cp.toString(16).toUpperCase()}`);
    }
    expect(wrong).toEqual([]);
  });

  test('texts are cut as Intl.Segmenter cuts them, with joining characters or without', () => {
    const texts = ['', 'plain', '● Model soups │ 3/428', 'Café naïve', 'ｶﾞｷﾞ', 'e\u0301', '👩‍🔬 and 🇫🇷 👍🏽', '한국어 \u1100\u1161', 'a\r\nb', 'คำ ไทย'];
    for (const text of texts) expect([...graphemesOf(text)], text).toEqual(segments(text));
  });

  test("the bundle's string-width uses the same set", () => {
    expect(BUNDLE_JOINING.source).toBe(JOINING.source);
  });
});
