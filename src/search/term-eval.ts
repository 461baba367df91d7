import Fuse from 'fuse.js';
import type { Term } from './query.js';
import { bitsetLength, forEachBit, type Postings } from './postings.js';
import { fold } from './fold.js';
import { isPlainWord, occurrenceKind, wordRuns } from './tokens.js';
import { SubstringDistance } from './myers.js';
import { ACRONYM, EXACT_KIND, FUSE_MATCH_OPTIONS, INSIDE, IN_TEXT, kindOfScore, maxErrors, NORMALISED, PREFIX, tierOf, WHOLE } from './tuning.js';
import { type WordIndex, wordIdOf, wordsContaining } from './word-index.js';
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
  /** The term's best tier in each paper (tuning.ts tierOf): ranks before the costs do. */
  tier: Uint8Array;
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
    into.tier.fill(0);
    if (term.kind === 'fuzzy' && term.field !== 'date') this.fuzzy(term, into);
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
  private fuzzy(term: Term, costs: TermCosts): void {
    const { index } = this;
    const pattern = term.text;
    const inTitle = term.field !== 'abstract';
    const inAbstract = term.field !== 'title';
    if (!term.field) this.addLabels(this.fuzzyLabels(pattern), costs, 'fuzzy', pattern);
    const { title, rest, tier } = costs;
    const letter = pattern.length === 1 ? pattern.charCodeAt(0) - 97 : -1;
    if (letter >= 0 && letter < 26) {
      // The first key of every word typed: one letter is in nearly every paper, so test the
      // per-paper letter masks instead of gathering the postings of half the vocabulary.
      const bit = 1 << letter;
      const titleCost = NORMALISED.title * costOf(IN_TEXT);
      const abstractCost = NORMALISED.abstract * costOf(IN_TEXT);
      const titleTier = tierOf(INSIDE, true);
      const abstractTier = tierOf(INSIDE, false);
      for (let d = 0; d < title.length; d++) {
        if (inTitle && index.titleLetters[d]! & bit) {
          title[d] = titleCost * index.titleNorm[d]!;
          if (tier[d]! < titleTier) tier[d] = titleTier;
        }
        // Added to any date-label cost already there.
        if (inAbstract && index.abstractLetters[d]! & bit) {
          rest[d] = Math.max(rest[d]!, 0) + abstractCost * index.abstractNorm[d]!;
          if (tier[d]! < abstractTier) tier[d] = abstractTier;
        }
      }
      return;
    }
    const { ids, scores } = this.matcher.match(pattern);
    // Each distinct score is a level; 0 (the word itself) stays apart from IN_TEXT (its start) for
    // the tiers, though Fuse weighs both alike.
    const levels = [...new Set(scores)].sort((a, b) => a - b);
    const levelOf = new Map(levels.map((s, i) => [s, i]));
    const spread = (postings: Postings, field: Float32Array, weight: number, norm: Float32Array, titleField: boolean): void => {
      const taken = this.bitset(0);
      const byLevel = levels.map((_, i) => this.bitset(i + 1));
      for (let i = 0; i < ids.length; i++) postings.orInto(ids[i]!, byLevel[levelOf.get(scores[i]!)!]!);
      byLevel.forEach((bits, level) => {
        const score = levels[level]!;
        const cost = weight * costOf(Math.max(score, IN_TEXT));
        const levelTier = tierOf(kindOfScore(score), titleField);
        for (let i = 0; i < bits.length; i++) bits[i]! &= ~taken[i]!;
        for (let i = 0; i < bits.length; i++) taken[i]! |= bits[i]!;
        forEachBit(bits, (d) => {
          const before = field[d]!;
          field[d] = (before > 0 ? before : 0) + cost * norm[d]!;
          if (tier[d]! < levelTier) tier[d] = levelTier;
        });
      });
    };
    if (inTitle) spread(index.title, title, NORMALISED.title, index.titleNorm, true);
    if (inAbstract) spread(index.abstract, rest, NORMALISED.abstract, index.abstractNorm, false);
    this.acronyms(pattern, term, tier);
  }

  /** Raises to ACRONYM the tier of papers that write the pattern, as a whole word, as an acronym. */
  private acronyms(word: string, term: Term, tier: Uint8Array): void {
    if (!isPlainWord(word)) return;
    const id = wordIdOf(this.index, word);
    if (id < 0) return;
    const raise = (postings: Postings, inTitle: boolean): void => {
      const bits = this.bitset(0);
      postings.orInto(id, bits);
      const t = tierOf(ACRONYM, inTitle);
      forEachBit(bits, (d) => {
        if (tier[d]! < t) tier[d] = t;
      });
    };
    if (term.field !== 'title' && term.field !== 'date') raise(this.index.abstractAcronyms, false);
    if (term.field !== 'abstract' && term.field !== 'date') raise(this.index.titleAcronyms, true);
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
    const { text, kind, field } = term;
    // A fuzzy term only comes here as `date:…`, read as "the label holds this at a word's start".
    const test = kind === 'fuzzy' ? (l: string) => occurrenceKind(l, text) >= PREFIX : fieldTest(kind, text);
    const { title, rest, tier } = costs;
    const score = operatorScore(kind);
    if (!field || field === 'title') {
      const titleCost = NORMALISED.title * costOf(score);
      for (let d = 0; d < index.titleLower.length; d++) {
        const t = index.titleLower[d]!;
        if (!test(t)) continue;
        title[d] = titleCost * index.titleNorm[d]!;
        tier[d] = tierOf(anchoredKind(kind, t, text), true);
      }
    }
    if ((!field && kind === 'include') || field === 'abstract') {
      const abstractCost = NORMALISED.abstract * costOf(score);
      const found = kind === 'include' ? this.abstractsContaining(text) : this.abstractsPassing(kind, text);
      for (const [d, k] of found) {
        rest[d] = abstractCost * index.abstractNorm[d]!;
        const t = tierOf(k, false);
        if (tier[d]! < t) tier[d] = t;
      }
    }
    if (!field || field === 'date') {
      const labels: [number, number][] = [];
      index.labelLower.forEach((l, i) => {
        if (test(l)) labels.push([i, score]);
      });
      this.addLabels(labels, costs, kind === 'fuzzy' ? 'include' : kind, text);
    }
    // `date:` also reads the full ISO days ("date:2025-03", "date:=2025-03-17"), straight from the papers.
    if (field === 'date') this.isoDays(kind, text, test, costs);
    if (kind === 'include' || kind === 'exact') this.acronyms(text, term, tier);
  }

  private isoDays(kind: Term['kind'], text: string, test: (field: string) => boolean, costs: TermCosts): void {
    if (!/^[\d-]+$/.test(text)) return;
    const { rest, tier } = costs;
    const cost = NORMALISED.dates * costOf(operatorScore(kind));
    this.index.papers.forEach((p, d) => {
      for (const day of p.days ?? []) {
        if (!test(day)) continue;
        rest[d] = Math.max(rest[d]!, cost);
        const t = tierOf(kind === 'fuzzy' ? Math.max(occurrenceKind(day, text), 0) : anchoredKind(kind, day, text), true);
        if (tier[d]! < t) tier[d] = t;
      }
    });
  }

  /** Papers whose (folded) abstract passes a ^, $ or = test: rare (only asked for with `abs:`), so a plain scan. */
  private abstractsPassing(kind: Term['kind'], text: string): [number, number][] {
    const test = fieldTest(kind, text);
    const out: [number, number][] = [];
    this.index.papers.forEach((p, d) => {
      const a = fold(p.abstract);
      if (test(a)) out.push([d, anchoredKind(kind, a, text)]);
    });
    return out;
  }

  /** Papers whose abstract contains `text` (folded), with the kind of match, via the word index where that is exact. */
  private abstractsContaining(text: string): [number, number][] {
    const { index } = this;
    const out: [number, number][] = [];
    // A run of letters and digits can only occur inside one indexed word, so the lookup is exact.
    if (isPlainWord(text)) {
      const { blob, wordStart } = index;
      const byKind = [WHOLE, PREFIX, INSIDE].map((_, i) => this.bitset(i + 1));
      for (const id of wordsContaining(index, text)) {
        const start = wordStart[id]!;
        const k = wordStart[id + 1]! - 1 - start === text.length ? 0 : blob.startsWith(text, start) ? 1 : 2;
        index.abstract.orInto(id, byKind[k]!);
      }
      const taken = this.bitset(0);
      [WHOLE, PREFIX, INSIDE].forEach((k, i) => {
        const bits = byKind[i]!;
        for (let j = 0; j < bits.length; j++) bits[j]! &= ~taken[j]!;
        for (let j = 0; j < bits.length; j++) taken[j]! |= bits[j]!;
        forEachBit(bits, (d) => out.push([d, k]));
      });
      return out;
    }
    const check = (d: number): void => {
      const k = occurrenceKind(fold(index.papers[d]!.abstract), text);
      if (k >= 0) out.push([d, k]);
    };
    const runs = wordRuns(text);
    if (runs.length > 0) {
      const bits = this.bitset(0);
      for (const id of wordsContaining(index, runs[0]!)) index.abstract.orInto(id, bits);
      forEachBit(bits, check);
    } else for (let d = 0; d < index.papers.length; d++) check(d);
    return out;
  }

  private addLabels(matches: readonly (readonly [number, number])[], costs: TermCosts, kind: Term['kind'] = 'fuzzy', text = ''): void {
    if (matches.length === 0) return;
    const { index } = this;
    const { rest, tier } = costs;
    const labelCost = new Float32Array(index.labels.length);
    const labelTier = new Uint8Array(index.labels.length);
    for (const [label, score] of matches) {
      labelCost[label] = NORMALISED.dates * index.labelNorm[label]! * costOf(score);
      const l = index.labelLower[label]!;
      const k = kind === 'fuzzy' ? (l.includes(text) ? Math.max(occurrenceKind(l, text), 0) : kindOfScore(score)) : anchoredKind(kind, l, text);
      labelTier[label] = tierOf(k, true);
    }
    const { paperLabelStart, paperLabels } = index;
    for (let d = 0; d < rest.length; d++) {
      let add = 0;
      let best = 0;
      for (let p = paperLabelStart[d]!, end = paperLabelStart[d + 1]!; p < end; p++) {
        const label = paperLabels[p]!;
        add += labelCost[label]!;
        if (labelTier[label]! > best) best = labelTier[label]!;
      }
      if (add > 0) {
        rest[d] = Math.max(rest[d]!, 0) + add;
        if (tier[d]! < best) tier[d] = best;
      }
    }
  }
}

/** The kind of an operator match in a field that passed its test. `=` is the whole field: the strongest. */
export function anchoredKind(kind: Term['kind'], field: string, text: string): number {
  switch (kind) {
    case 'exact':
      return EXACT_KIND;
    case 'prefix':
      return occurrenceKind(field.slice(0, text.length + 1), text);
    case 'suffix':
      return occurrenceKind(field.slice(Math.max(0, field.length - text.length - 1)), text);
    default:
      return Math.max(occurrenceKind(field, text), 0);
  }
}

/** The exact tests, as Fuse's extended-search matchers apply them to one folded field. */
export function fieldTest(kind: Term['kind'], text: string): (field: string) => boolean {
  switch (kind) {
    case 'include':
      return (f) => f.includes(text);
    case 'prefix':
      return (f) => f.startsWith(text);
    case 'suffix':
      return (f) => f.endsWith(text);
    case 'exact':
      // Spaces are collapsed on both sides: `=` takes the rest of the query as typed.
      return (f) => f === text || (f.length >= text.length && f.replace(/\s+/g, ' ').trim() === text);
    case 'fuzzy':
      throw new Error('fuzzy terms are not exact tests');
  }
}
