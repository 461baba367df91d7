import Fuse from 'fuse.js';
import type { Term } from './query.js';
import { bitsetLength, forEachBit, type Postings } from './postings.js';
import { isPlainWord, wordRuns } from './tokens.js';
import { FUSE_MATCH_OPTIONS, NORMALISED } from './tuning.js';
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
/** Fuse reports an exact substring inside a longer text as 0.001, never 0. */
const IN_TEXT = 0.001;

function costOf(score: number): number {
  return score <= 0 ? PERFECT : -Math.log(score);
}

export class TermEvaluator {
  private readonly span: number;

  constructor(
    private readonly index: WordIndex,
    private readonly matcher: WordMatcher,
  ) {
    this.span = bitsetLength(index.papers.length);
  }

  evaluate(term: Term): TermCosts {
    const n = this.index.papers.length;
    const costs: TermCosts = { title: new Float32Array(n).fill(-1), rest: new Float32Array(n).fill(-1) };
    if (term.kind === 'fuzzy') this.fuzzy(term.text, costs);
    else this.anchored(term, costs);
    return costs;
  }

  /**
   * A field's score for the pattern is the best score among its words. Fuse gives words only a few
   * distinct scores (0.001, 1/len, 2/len, …), so papers are gathered per score level as bitsets
   * and each paper takes the best level it appears in.
   */
  private fuzzy(pattern: string, costs: TermCosts): void {
    const { index } = this;
    const { ids, scores } = this.matcher.match(pattern);
    const levels = [...new Set(Array.from(scores, (s) => Math.max(s, IN_TEXT)))].sort((a, b) => a - b);
    const levelOf = new Map(levels.map((s, i) => [s, i]));
    const spread = (postings: Postings, field: Float32Array, weight: number, norm: Float32Array): void => {
      const byLevel = levels.map(() => new Uint32Array(this.span));
      for (let i = 0; i < ids.length; i++) postings.orInto(ids[i]!, byLevel[levelOf.get(Math.max(scores[i]!, IN_TEXT))!]!);
      const taken = new Uint32Array(this.span);
      byLevel.forEach((bits, level) => {
        const cost = weight * costOf(levels[level]!);
        for (let i = 0; i < bits.length; i++) bits[i]! &= ~taken[i]!;
        for (let i = 0; i < bits.length; i++) taken[i]! |= bits[i]!;
        forEachBit(bits, (d) => {
          field[d] = cost * norm[d]!;
        });
      });
    };
    spread(index.title, costs.title, NORMALISED.title, index.titleNorm);
    spread(index.abstract, costs.rest, NORMALISED.abstract, index.abstractNorm);
    const labelScores = new Fuse(index.labelLower, { ...FUSE_MATCH_OPTIONS, isCaseSensitive: true }).search(pattern);
    this.addLabels(labelScores.map((r) => [r.refIndex, r.score ?? 1]), costs.rest);
  }

  private anchored(term: Term, costs: TermCosts): void {
    const { index } = this;
    const { text, kind } = term;
    const test = fieldTest(kind, text);
    const { title, rest } = costs;
    const titleCost = NORMALISED.title * PERFECT;
    for (let d = 0; d < index.titleLower.length; d++) {
      if (test(index.titleLower[d]!)) title[d] = titleCost * index.titleNorm[d]!;
    }
    if (kind === 'include') {
      const abstractCost = NORMALISED.abstract * PERFECT;
      for (const d of this.abstractsContaining(text)) rest[d] = abstractCost * index.abstractNorm[d]!;
    }
    const labels: [number, number][] = [];
    index.labelLower.forEach((l, i) => {
      if (test(l)) labels.push([i, 0]);
    });
    this.addLabels(labels, rest);
  }

  /** Papers whose abstract contains `text` (lowercased), via the word index where that is exact. */
  private abstractsContaining(text: string): number[] {
    const { index } = this;
    const docsOf = (sub: string): Uint32Array => {
      const bits = new Uint32Array(this.span);
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
