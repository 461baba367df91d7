import Fuse from 'fuse.js';
import { type Term, termKey } from './query.js';
import { foldMapped, isAscii, unfoldRanges } from './fold.js';
import { costOf, operatorScore } from './term-eval.js';
import { countChunks, fieldNorm, isWordChar } from './tokens.js';
import { Bitap, type BitapMatch, occurrences } from './bitap.js';
import { exactPieces, SubstringDistance } from './myers.js';
import { FUSE_MATCH_OPTIONS, IN_TEXT, maxErrors, midWord, NORMALISED } from './tuning.js';
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
    // The folded titles are matched (what the query is matched against); the ranges are then
    // carried back to the characters of the title as written.
    const found = fuseMatches(term, missing.map((d) => this.index.titleLower[d]!));
    found.forEach((r, i) => {
      if (!r) return;
      const d = missing[i]!;
      const original = this.index.papers[d]!.title;
      const ranges = isAscii(original) ? r.indices : unfoldRanges(original, foldMapped(original), r.indices);
      known.set(d, this.match(term, d, r.score, r.indices, ranges));
    });
    return known;
  }

  /**
   * Fuse's score is bitap's to the power of the title's field norm, and s is taken back from it
   * with the index's norm. Operators get their own s (see operatorScore), and a match that does
   * not begin a word is demoted as in the word-level pass.
   */
  private match(
    term: Term,
    d: number,
    bitapScore: number,
    folded: readonly (readonly [number, number])[],
    ranges: readonly (readonly [number, number])[],
  ): TitleMatch {
    const norm = this.index.titleNorm[d]!;
    const lower = this.index.titleLower[d]!;
    let s: number;
    if (term.kind !== 'fuzzy') s = operatorScore(term.kind);
    else if (lower.includes(term.text)) s = verbatimScore(lower, term.text);
    else {
      const fuseScore = Math.pow(bitapScore, fieldNorm(countChunks(lower)));
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

/** Characters that make Fuse's extended-search syntax read a quoted pattern as something else. */
const FUSE_SYNTAX = /["\n\r\u2028\u2029]/;

/**
 * What Fuse.js's extended search finds for the term in each of `texts` (null: no match), its
 * score without the field norm, got without Fuse: bitap.ts for fuzzy terms, the plain tests of
 * Fuse's exact matchers for the others. Creating a Fuse index and searcher for every call was
 * most of a first search's time.
 */
function fuseMatches(term: Term, texts: readonly string[]): (BitapMatch | null)[] {
  if (FUSE_SYNTAX.test(term.text)) return viaFuse(term, texts);
  const find = finder(term);
  // Fuse indexes no blank text.
  return texts.map((text) => (text.trim().length === 0 ? null : find(text)));
}

/** The term's matcher for one text: Fuse's, as extended search picks it from the term's operator. */
function finder(term: Term): (text: string) => BitapMatch | null {
  const { text: pattern } = term;
  const m = pattern.length;
  const whole = (ok: boolean, start: number): BitapMatch | null => (ok ? { score: 0, indices: [[start, start + m - 1]] } : null);
  switch (term.kind) {
    case 'fuzzy': {
      const bitap = new Bitap(pattern);
      // Most candidates' titles lack one of the query's terms: cheap tests rule them out first.
      const errors = maxErrors(m);
      const pieces = exactPieces(pattern, errors);
      const screen = m <= 32 ? new SubstringDistance(pattern) : undefined;
      const reachable = (text: string): boolean =>
        text.includes(pattern) || (pieces.some((p) => text.includes(p)) && (!screen || screen.within(text, errors)));
      return (text) => (reachable(text) ? bitap.search(text) : null);
    }
    case 'include':
      return (text) => {
        const found = occurrences(text, pattern);
        return found.length > 0 ? { score: 0, indices: found } : null;
      };
    case 'prefix':
      return (text) => whole(text.startsWith(pattern), 0);
    case 'suffix':
      return (text) => whole(text.endsWith(pattern), text.length - m);
    case 'exact':
      return (text) => whole(text === pattern, 0);
  }
}

/** Fuse.js itself, for the patterns its syntax reads in ways the above does not follow. */
function viaFuse(term: Term, texts: readonly string[]): (BitapMatch | null)[] {
  const out: (BitapMatch | null)[] = texts.map(() => null);
  const options = { ...FUSE_MATCH_OPTIONS, includeMatches: true, useExtendedSearch: true, shouldSort: false, isCaseSensitive: true, ignoreFieldNorm: true };
  for (const r of new Fuse(texts, options).search(fusePattern(term))) out[r.refIndex] = { score: r.score ?? 1, indices: r.matches?.[0]?.indices ?? [] };
  return out;
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
