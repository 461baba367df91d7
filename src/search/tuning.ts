/**
 * Matching and ranking settings, tuned on the sample digests (test/search-relevance.test.ts).
 *
 * threshold 0.3 — Fuse keeps a fuzzy match when errors / pattern length <= threshold, so 0.3 means
 *   1–3 letters exact, 4–6 letters one typo, 7–9 two, 10–13 three. On the 428 sample papers:
 *   at 0.2 the typo `llma` finds nothing; at 0.34 and above `bev` matches all 428 papers instead of
 *   the 31 that say BEV (one error is allowed in 3 letters), at 0.4 `lidar` matches 420 of 428, and
 *   at Fuse's default 0.6 every query matches every paper.
 * ignoreLocation true — without it Fuse only accepts matches within `distance` (100) characters of
 *   the start of a field, which hides everything after an abstract's first sentence.
 * weights title 4, abstract 1, dates 1 — Fuse multiplies score^(weight × field norm) over matched
 *   fields, and the norm (1/√words) already counts a ~230-word abstract ~5× less than a ~10-word
 *   title. With title 1, papers that only mention a word in the abstract interleave with papers
 *   titled with it (`trasformer` fails); with title 8 a typed digest date is drowned (`mar 14`
 *   no longer lists that digest first); 2–4 pass everything, 4 keeps titles clearly first.
 */
export const THRESHOLD = 0.3;

/** Fuse's score for a pattern found verbatim in a longer text (0 is kept for the whole text). */
export const IN_TEXT = 0.001;

/**
 * Added to the score of a match that does not begin a word ("lla" in "oscillation" for `llma`,
 * "vit" in "adaptivity"), where Fuse scores it like one that does ("LLaMA", "ViT"). As with fzf's
 * word-boundary bonus, matches at the start of a word rank first — which is also what typing a
 * word's first letters needs. A verbatim match inside a word (0.051) still beats any fuzzy one.
 */
export const MID_WORD_PENALTY = 0.05;

export function midWord(score: number): number {
  return Math.min(1, score + MID_WORD_PENALTY);
}

export const WEIGHTS = { title: 4, abstract: 1, dates: 1 } as const;

const TOTAL_WEIGHT = WEIGHTS.title + WEIGHTS.abstract + WEIGHTS.dates;

/** Fuse.js normalises key weights to sum to 1; costs below use the normalised values. */
export const NORMALISED = {
  title: WEIGHTS.title / TOTAL_WEIGHT,
  abstract: WEIGHTS.abstract / TOTAL_WEIGHT,
  dates: WEIGHTS.dates / TOTAL_WEIGHT,
} as const;

/** Options shared by every Fuse instance the engine makes. */
export const FUSE_MATCH_OPTIONS = {
  threshold: THRESHOLD,
  ignoreLocation: true,
  includeScore: true,
} as const;

/** The largest number of errors Fuse accepts for a fuzzy pattern of this length. */
export function maxErrors(patternLength: number): number {
  let e = 0;
  while (e + 1 <= patternLength && (e + 1) / patternLength <= THRESHOLD) e++;
  return e;
}

/**
 * Kinds of match, weakest first. Ranking compares them before any Fuse.js score (see engine.ts):
 * a whole word beats a word's start, which beats a piece inside a word, which beats a typo'd
 * (fuzzy) match, in any field; a word written as an acronym ("SAM", "LoRA") matched whole is the
 * strongest kind. The date labels count as title text.
 */
export const FUZZY = 0;
export const INSIDE = 1;
export const PREFIX = 2;
export const WHOLE = 3;
export const ACRONYM = 4;

/** A term's tier in one paper: its kind of match, the title ahead of the abstract for the same kind. */
export function tierOf(kind: number, inTitle: boolean): number {
  return kind * 2 + (inTitle ? 1 : 0);
}

const F_IN_TEXT = Math.fround(IN_TEXT);
const F_INSIDE = Math.fround(midWord(IN_TEXT));

/** The kind of a word-level score from WordMatcher (0 the word itself, IN_TEXT its start, …). */
export function kindOfScore(score: number): number {
  if (score === 0) return WHOLE;
  const f = Math.fround(score);
  if (f === F_IN_TEXT) return PREFIX;
  if (f === F_INSIDE) return INSIDE;
  return FUZZY;
}

/** `=text`: the whole field is the text, the strongest kind there is. */
export const EXACT_KIND = ACRONYM;
