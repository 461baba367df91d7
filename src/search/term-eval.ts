import Fuse from 'fuse.js';
import type { Term } from './query.js';
import { bitsetLength, forEachBit, type Postings } from './postings.js';
import { isPlainWord, wordRuns } from './tokens.js';
import { SubstringDistance } from './myers.js';
import { FUSE_MATCH_OPTIONS, IN_TEXT, maxErrors, NORMALISED } from './tuning.js';
import { type WordIndex, wordsContaining } from './word-index.js';
import type { WordMatcher } from './word-match.js';

/**
 * What one (non-negated) term contributes to each paper, as costs: Fuse.js scores a paper as the
 * product of score^(weight × field norm) over its matched fields, and the cost is minus the log
 * of that factor, so costs add up across terms and higher means more relevant. -1 = no match.
 * The title is kept apart because the final ranking re-scores titles with Fuse itself.
 */
export interface TermCosts {
  title: Float32Array;
  rest: Float32Array;
}

/** Fuse turns a perfect (0) score into Number.EPSILON before weighting it. */
const PERFECT = -Math.log(Number.EPSILON);
export function costOf(score: number): number {
  return score <= 0 ? PERFECT : -Math.log(score);
}

/**
 * The score a field gets for an exact-syntax match. Fuse gives every extended-search operator match
 * 0 (then ε): one `'word` in a query outweighed all its fuzzy words ~5×, so `'model soups` ranked
 * any short title with "model" above "Model soups: …". Operators now score like a fuzzy word found
 * verbatim (0.001); only `=text`, the whole field, keeps Fuse's perfect score.
 */
export function operatorScore(kind: Term['kind']): number {
  return kind === 'exact' ? 0 : IN_TEXT;
}

export class TermEvaluator {
  private readonly span: number;
  private readonly scratch: Uint32Array[] = [];

  constructor(
    private readonly index: WordIndex,
    private readonly matcher: WordMatcher,
  ) {
    this.span = bitsetLength(index.papers.length);
  }

  /** Fills `into` (arrays of one entry per paper, reused across terms to spare the GC). */
  evaluate(term: Term, into: TermCosts): TermCosts {
    into.title.fill(-1);
    into.rest.fill(-1);
    if (term.kind === 'fuzzy') this.fuzzy(term.text, into);
    else this.anchored(term, into);
    return into;
  }

  /** Zeroed scratch bitset number i; valid until the next evaluate(). */
  private bitset(i: number): Uint32Array {
    while (this.scratch.length <= i) this.scratch.push(new Uint32Array(this.span));
    return this.scratch[i]!.fill(0);
  }

  /**
   * A field's score for the pattern is the best score among its words. Fuse gives words only a few
   * distinct scores (0.001, 1/len, 2/len, …), so papers are gathered per score level as bitsets
   * and each paper takes the best level it appears in.
   */
  private fuzzy(pattern: string, costs: TermCosts): void {
    const { index } = this;
    this.addLabels(this.fuzzyLabels(pattern), costs.rest);
    const letter = pattern.length === 1 ? pattern.charCodeAt(0) - 97 : -1;
    if (letter >= 0 && letter < 26) {
      // The first key of every word typed: one letter is in nearly every paper, so test the
      // per-paper letter masks instead of gathering the postings of half the vocabulary.
      const bit = 1 << letter;
      const titleCost = NORMALISED.title * costOf(IN_TEXT);
      const abstractCost = NORMALISED.abstract * costOf(IN_TEXT);
      const { title, rest } = costs;
      for (let d = 0; d < title.length; d++) {
        if (index.titleLetters[d]! & bit) title[d] = titleCost * index.titleNorm[d]!;
        // Added to any date-label cost already there.
        if (index.abstractLetters[d]! & bit) rest[d] = Math.max(rest[d]!, 0) + abstractCost * index.abstractNorm[d]!;
      }
      return;
    }
    const { ids, scores } = this.matcher.match(pattern);
    const levels = [...new Set(Array.from(scores, (s) => Math.max(s, IN_TEXT)))].sort((a, b) => a - b);
    const levelOf = new Map(levels.map((s, i) => [s, i]));
    const spread = (postings: Postings, field: Float32Array, weight: number, norm: Float32Array): void => {
      const taken = this.bitset(0);
      const byLevel = levels.map((_, i) => this.bitset(i + 1));
      for (let i = 0; i < ids.length; i++) postings.orInto(ids[i]!, byLevel[levelOf.get(Math.max(scores[i]!, IN_TEXT))!]!);
      byLevel.forEach((bits, level) => {
        const cost = weight * costOf(levels[level]!);
        for (let i = 0; i < bits.length; i++) bits[i]! &= ~taken[i]!;
        for (let i = 0; i < bits.length; i++) taken[i]! |= bits[i]!;
        forEachBit(bits, (d) => {
          const before = field[d]!;
          field[d] = (before > 0 ? before : 0) + cost * norm[d]!;
        });
      });
    };
    spread(index.title, costs.title, NORMALISED.title, index.titleNorm);
    spread(index.abstract, costs.rest, NORMALISED.abstract, index.abstractNorm);
  }

  /** Fuse's scores for the date labels, after the same edit-distance screen the vocabulary gets. */
  private fuzzyLabels(pattern: string): [number, number][] {
    const { labelLower } = this.index;
    const errors = maxErrors(pattern.length);
    const screen = pattern.length <= 32 ? new SubstringDistance(pattern) : undefined;
    const ids: number[] = [];
    labelLower.forEach((label, i) => {
      if (!screen || screen.within(label, errors)) ids.push(i);
    });
    if (ids.length === 0) return [];
    const fuse = new Fuse(
      ids.map((i) => labelLower[i]!),
      { ...FUSE_MATCH_OPTIONS, isCaseSensitive: true },
    );
    return fuse.search(pattern).map((r) => [ids[r.refIndex]!, r.score ?? 1]);
  }

  private anchored(term: Term, costs: TermCosts): void {
    const { index } = this;
    const { text, kind } = term;
    const test = fieldTest(kind, text);
    const { title, rest } = costs;
    const score = operatorScore(kind);
    const titleCost = NORMALISED.title * costOf(score);
    for (let d = 0; d < index.titleLower.length; d++) {
      if (test(index.titleLower[d]!)) title[d] = titleCost * index.titleNorm[d]!;
    }
    if (kind === 'include') {
      const abstractCost = NORMALISED.abstract * costOf(score);
      for (const d of this.abstractsContaining(text)) rest[d] = abstractCost * index.abstractNorm[d]!;
    }
    const labels: [number, number][] = [];
    index.labelLower.forEach((l, i) => {
      if (test(l)) labels.push([i, score]);
    });
    this.addLabels(labels, rest);
  }

  /** Papers whose abstract contains `text` (lowercased), via the word index where that is exact. */
  private abstractsContaining(text: string): number[] {
    const { index } = this;
    const docsOf = (sub: string): Uint32Array => {
      const bits = this.bitset(0);
      for (const id of wordsContaining(index, sub)) index.abstract.orInto(id, bits);
      return bits;
    };
    const out: number[] = [];
    // A run of letters and digits can only occur inside one indexed word, so the lookup is exact.
    if (isPlainWord(text)) {
      forEachBit(docsOf(text), (d) => out.push(d));
      return out;
    }
    const check = (d: number): void => {
      if (index.papers[d]!.abstract.toLowerCase().includes(text)) out.push(d);
    };
    const runs = wordRuns(text);
    if (runs.length > 0) forEachBit(docsOf(runs[0]!), check);
    else for (let d = 0; d < index.papers.length; d++) check(d);
    return out;
  }

  private addLabels(matches: readonly (readonly [number, number])[], rest: Float32Array): void {
    if (matches.length === 0) return;
    const { index } = this;
    const labelCost = new Float32Array(index.labels.length);
    for (const [label, score] of matches) labelCost[label] = NORMALISED.dates * index.labelNorm[label]! * costOf(score);
    const { paperLabelStart, paperLabels } = index;
    for (let d = 0; d < rest.length; d++) {
      let add = 0;
      for (let p = paperLabelStart[d]!, end = paperLabelStart[d + 1]!; p < end; p++) add += labelCost[paperLabels[p]!]!;
      if (add > 0) rest[d] = Math.max(rest[d]!, 0) + add;
    }
  }
}

/** The exact tests, as Fuse's extended-search matchers apply them to one lowercased field. */
export function fieldTest(kind: Term['kind'], text: string): (field: string) => boolean {
  switch (kind) {
    case 'include':
      return (f) => f.includes(text);
    case 'prefix':
      return (f) => f.startsWith(text);
    case 'suffix':
      return (f) => f.endsWith(text);
    case 'exact':
      return (f) => f === text;
    case 'fuzzy':
      throw new Error('fuzzy terms are not exact tests');
  }
}
