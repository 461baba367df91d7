/**
 * Unicode folding for matching, applied alike to paper text and to the query: compatibility
 * decomposition (NFKD: full-width "Ｂ" → "B", "ﬁ" → "fi", "é" → "e" + U+0301), combining marks
 * dropped (so "é" typed precomposed or as e + U+0301 is "e"), then lowercased. Done one code point
 * at a time so every folded character can be traced back to the original one it came from, which
 * keeps highlights on the characters of the title as written.
 */

const MARK = /\p{M}/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const folded = new Map<number, string>();
const foldedKeepingCase = new Map<number, string>();

function foldCodePoint(cp: number, keepAsciiCase: boolean): string {
  let out = folded.get(cp);
  if (out === undefined) {
    const base = String.fromCodePoint(cp).normalize('NFKD').replace(MARK, '');
    // Lowercasing can decompose again ("İ" → "i" + U+0307): fold once more and drop the marks.
    out = base.toLowerCase().normalize('NFKD').replace(MARK, '');
    folded.set(cp, out);
    // Full-width "ＬＬＭｓ" is the acronym "LLMs": its ASCII form keeps its capitals.
    foldedKeepingCase.set(cp, isAscii(base) ? base : out);
  }
  return keepAsciiCase ? foldedKeepingCase.get(cp)! : out;
}

export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** The folded text (see above). ASCII text is just lowercased. */
export function fold(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  return foldMapped(text).text;
}

/**
 * Folded like `fold`, except that ASCII letters keep their case: the word index folds ASCII case
 * itself and reads it first, to recognise acronyms as written ("SAM", "LoRA").
 */
export function foldKeepAsciiCase(text: string): string {
  if (isAscii(text)) return text;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp < 128 ? ch : foldCodePoint(cp, true);
  }
  return out;
}

export interface FoldedText {
  text: string;
  /** from[i]: index in the original of the character folded character i came from; null when identical positions. */
  from: Uint32Array | null;
}

export function foldMapped(text: string): FoldedText {
  if (isAscii(text)) return { text: text.toLowerCase(), from: null };
  let out = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const f = cp < 128 ? ch.toLowerCase() : foldCodePoint(cp, false);
    out += f;
    for (let k = 0; k < f.length; k++) from.push(i);
    i += ch.length;
  }
  return { text: out, from: Uint32Array.from(from) };
}

/**
 * Ranges over the folded text (inclusive ends) → ranges over the original: each end widened to
 * cover the whole original character, and the combining marks that follow it.
 */
export function unfoldRanges(
  original: string,
  foldedText: FoldedText,
  ranges: readonly (readonly [number, number])[],
): [number, number][] {
  const { from } = foldedText;
  if (!from) return ranges.map(([s, e]) => [s, e]);
  return ranges
    .filter(([s, e]) => s <= e && s < from.length)
    .map(([s, e]) => {
      const start = from[s]!;
      let end = from[Math.min(e, from.length - 1)]!;
      // To the end of that character: a surrogate pair, then any combining marks after it.
      const cp = original.codePointAt(end)!;
      end += cp > 0xffff ? 1 : 0;
      for (let j = end + 1; j < original.length; ) {
        const c = original.codePointAt(j)!;
        if (!/\p{M}/u.test(String.fromCodePoint(c))) break;
        end = j + (c > 0xffff ? 1 : 0);
        j = end + 1;
      }
      return [start, end];
    });
}
