import Fuse from 'fuse.js';
import { type Term, termKey } from './query.js';
import { foldMapped, isAscii, unfoldRanges } from './fold.js';
import { costOf, operatorScore } from './term-eval.js';
import { isWordChar } from './tokens.js';
import { FUSE_MATCH_OPTIONS, IN_TEXT, midWord, NORMALISED } from './tuning.js';
import type { WordIndex } from './word-index.js';

/** A term's match in one title: its cost (see TermCosts) and Fuse.js's matched ranges (inclusive). */
export interface TitleMatch {
  cost: number;
  ranges: readonly (readonly [number, number])[];
}

const TERMS_KEPT = 16;
const PAPERS_KEPT_PER_TERM = 4096;

/**
 * Fuse.js run on whole titles, for the candidates that may be shown. Results are kept per term and
 * paper: while the last word of a query is typed, the earlier words meet mostly the same papers.
 */
export class TitleScorer {
  private readonly cache = new Map<string, Map<number, TitleMatch | null>>();

  constructor(private readonly index: WordIndex) {}

  /** The term's title match for each paper in `papers` (null when its title doesn't match). */
  score(term: Term, papers: readonly number[]): ReadonlyMap<number, TitleMatch | null> {
    const key = termKey(term);
    let known = this.cache.get(key);
    if (known) this.cache.delete(key);
    if (!known || known.size > PAPERS_KEPT_PER_TERM) known = new Map();
    this.cache.set(key, known);
    if (this.cache.size > TERMS_KEPT) this.cache.delete(this.cache.keys().next().value!);

    const missing = papers.filter((d) => !known.has(d));
    if (missing.length === 0) return known;
    for (const d of missing) known.set(d, null);
    // Fuse reads the folded titles (what the query is matched against); its ranges are then
    // carried back to the characters of the title as written.
    const fuse = new Fuse(
      missing.map((d) => this.index.titleLower[d]!),
      { ...FUSE_MATCH_OPTIONS, includeMatches: true, useExtendedSearch: true, shouldSort: false, isCaseSensitive: true },
    );
    for (const r of fuse.search(fusePattern(term))) {
      const d = missing[r.refIndex]!;
      const original = this.index.papers[d]!.title;
      const folded = r.matches?.[0]?.indices ?? [];
      const ranges = isAscii(original) ? folded : unfoldRanges(original, foldMapped(original), folded);
      known.set(d, this.match(term, d, r.score ?? 1, folded, ranges));
    }
    return known;
  }

  /**
   * Fuse's score is s^(title norm). Operators get their own s (see operatorScore), and a match that
   * does not begin a word is demoted as in the word-level pass.
   */
  private match(
    term: Term,
    d: number,
    fuseScore: number,
    folded: readonly (readonly [number, number])[],
    ranges: readonly (readonly [number, number])[],
  ): TitleMatch {
    const norm = this.index.titleNorm[d]!;
    const lower = this.index.titleLower[d]!;
    let s: number;
    if (term.kind !== 'fuzzy') s = operatorScore(term.kind);
    else if (lower.includes(term.text)) s = verbatimScore(lower, term.text);
    else {
      s = Math.exp(Math.log(Math.max(fuseScore, Number.MIN_VALUE)) / norm);
      const first = folded[0]?.[0] ?? 0;
      if (first > 0 && isWordChar(lower.charCodeAt(first - 1))) s = midWord(s);
    }
    return { cost: NORMALISED.title * costOf(s) * norm, ranges };
  }
}

/** Fuse's 0 (whole text) or 0.001, demoted when the pattern never begins a word. */
function verbatimScore(text: string, pattern: string): number {
  if (text === pattern) return 0;
  for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
    if (at === 0 || !isWordChar(text.charCodeAt(at - 1))) return IN_TEXT;
  }
  return midWord(IN_TEXT);
}

/** The term in Fuse.js extended-search syntax, quoted so its text is taken literally. */
function fusePattern(term: Term): string {
  const text = `"${term.text.replace(/\|/g, '\\|')}"`;
  switch (term.kind) {
    case 'fuzzy':
      return text;
    case 'include':
      return `'${text}`;
    case 'prefix':
      return `^${text}`;
    case 'suffix':
      return `${text}$`;
    case 'exact':
      return `=${text}`;
  }
}
