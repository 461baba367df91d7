import type { TitleRange } from '../../search/engine.js';
import { sanitize, type Piece } from '../terminal/text.js';

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * A title cut into matched and unmatched pieces by the search engine's ranges (inclusive indices
 * into the raw title), each piece made safe for the terminal. Ranges that split a surrogate pair
 * are widened to the whole character.
 */
export function titlePieces(title: string, ranges: readonly TitleRange[] | undefined): Piece[] {
  if (!ranges || ranges.length === 0) return [{ text: sanitize(title), match: false }];
  const out: Piece[] = [];
  let at = 0;
  const push = (from: number, to: number, match: boolean) => {
    if (to > from) {
      const text = sanitize(title.slice(from, to));
      if (text) out.push({ text, match });
    }
  };
  for (const [s, e] of ranges) {
    let start = Math.max(at, s);
    let end = Math.min(title.length, e + 1);
    if (start > 0 && start < title.length && isLow(title.charCodeAt(start))) start--;
    if (end < title.length && isLow(title.charCodeAt(end))) end++;
    if (start < at) start = at;
    if (end <= start) continue;
    push(at, start, false);
    push(start, end, true);
    at = end;
  }
  push(at, title.length, false);
  return out;
}
