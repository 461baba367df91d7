// A new day's digest makes the cached index stale: built afresh, the index of a large library takes
// seconds (~1.2 s at 10,000 papers, ~7 s at 100,000 on a small machine), although nearly every
// paper in it is the same as yesterday. An update reads only the papers that are new or changed,
// and takes the others' words from the stale index (index-cache.ts StaleIndex).
import { abstractLengthOf } from '../core/cached-paper.js';
import type { Paper } from '../core/types.js';
import type { DigestSignature, StaleIndex } from './index-cache.js';
import { runSteps } from './run-steps.js';
import type { IndexSeed } from './word-index.js';

/**
 * Below this share of papers kept, an update is not worth it: a fresh build reads about as much, and
 * leaves no words behind that only the papers gone had.
 */
export const UPDATE_MIN_KEPT = 0.5;

/**
 * What an index of `papers`, read from `files` (path and signature of each digest), can keep of
 * `stale`; null when less than UPDATE_MIN_KEPT of the papers would be kept.
 *
 * A paper is kept when every file it was read from is one the stale index was built from, with the
 * same signature (so the same text: what every cache here relies on), and the stale index had it
 * under the same title as written, with the same dates and an abstract of the same length. Its
 * title, abstract and dates are then what they were: they are merged from exactly those files (a
 * file added for it, or gone, would change its dates; one edited would not be unchanged).
 *
 * The index then differs from a fresh build only in the numbering of its words (the stale
 * vocabulary comes first) and in words no paper has any more; searches answer the same.
 */
export function updateSeed(stale: StaleIndex, papers: readonly Paper[], files: readonly DigestSignature[]): IndexSeed | null {
  return runSteps(updateSeedSteps(stale, papers, files));
}

/** updateSeed in two steps (~30 ms each at 100,000 papers), for a reader that keeps reading keys. */
export function* updateSeedSteps(stale: StaleIndex, papers: readonly Paper[], files: readonly DigestSignature[]): Generator<void, IndexSeed | null, void> {
  const now = new Map(files);
  const unchanged = new Set<string>();
  for (const [file, signature] of stale.files) if (now.get(file) === signature) unchanged.add(file);
  const before = new Map<string, number>();
  stale.titles.forEach((title, o) => before.set(title, o));
  yield;
  const from = new Int32Array(papers.length).fill(-1);
  let kept = 0;
  for (let d = 0; d < papers.length; d++) {
    const p = papers[d]!;
    const o = before.get(p.title);
    if (o === undefined || !p.sources.every((f) => unchanged.has(f)) || !sameDates(stale, o, p.dates)) continue;
    if (stale.abstractLength[o] !== abstractLengthOf(p)) continue;
    from[d] = o;
    kept++;
  }
  if (kept < papers.length * UPDATE_MIN_KEPT || kept === 0) return null;
  return {
    words: stale.words,
    from,
    title: stale.title,
    abstract: stale.abstract,
    titleAcronyms: stale.titleAcronyms,
    abstractAcronyms: stale.abstractAcronyms,
    titleNorm: stale.titleNorm,
    abstractNorm: stale.abstractNorm,
    titleLetters: stale.titleLetters,
    abstractLetters: stale.abstractLetters,
  };
}

function sameDates(stale: StaleIndex, o: number, dates: readonly string[]): boolean {
  const from = stale.paperLabelStart[o]!;
  if (stale.paperLabelStart[o + 1]! - from !== dates.length) return false;
  for (let k = 0; k < dates.length; k++) if (stale.labels[stale.paperLabels[from + k]!] !== dates[k]) return false;
  return true;
}
