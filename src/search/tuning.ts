/**
 * Matching and ranking settings, tuned on the sample digests (see test/search-relevance.test.ts).
 *
 * threshold 0.3 — Fuse scores a fuzzy match as errors / pattern length and keeps it when that is at
 *   most the threshold, so 0.3 means: 1–3 letters exact, 4–6 letters one typo, 7–9 two, 10–13
 *   three. `trasformer` (1 typo in 10) and `llma` (1 in 4) still find their words, while a 3-letter
 *   acronym such as `bev` or `vit` stays exact. At 0.4, `bev` also matched "be", "rev", "beg"… in
 *   most abstracts; at Fuse's default 0.6 even `diffusion` matched "division" and "fusion".
 * ignoreLocation true — without it Fuse only accepts matches within `distance` (100) characters of
 *   the start of a field, which hides everything after the first sentence of an abstract and the
 *   end of long titles. Position in a field says nothing about relevance here.
 * weights title 4, abstract 1, dates 1 — Fuse multiplies score^(weight × field norm) per matched
 *   field, and the field norm (1/√words) already makes a ~230-word abstract count ~6× less than a
 *   ~10-word title. Title 4 keeps every paper with the words in its title above papers that only
 *   mention them in passing (all 21 bird's-eye-view titles before the 14 abstract-only papers for
 *   `bev`), while the abstract still decides among papers whose titles tie. Dates 1: a digest
 *   label is 2 words, so a typed `mar 18` lifts that digest's papers without outranking titles.
 */
export const THRESHOLD = 0.3;

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
