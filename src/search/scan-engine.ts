import { abstractLengthOf } from '../core/cached-paper.js';
import type { Paper } from '../core/types.js';
import { fold, isAscii } from './fold.js';
import { parseQuery, termKey, type ParsedQuery, type Term, type TermGroup } from './query.js';
import { anchoredKind, fieldTest } from './term-eval.js';
import { occurrenceKind } from './tokens.js';
import { ACRONYM, INSIDE, tierOf } from './tuning.js';
import type { SearchEngine, SearchHit, SearchOptions, SearchResult } from './engine.js';

/**
 * An engine that needs no index: every search is a plain scan of the papers as loaded (titles and
 * abstracts matched case-insensitively as written, a title folded only once it matched: folding
 * 150 MB of abstracts per query would cost more than the index takes to read, and keeping 100,000
 * folded titles cost ~12 MB that outlived the scan engine as garbage). It answers at once, while the real index is
 * read or built, with the same query language and the same kinds of match ranked the same way
 * (engine.ts), but words are only found verbatim (no typos yet), accents and full-width letters only
 * in titles, and ties within a kind are broken by a simpler score. The indexed engine then takes over.
 */
export function createScanEngine(papers: readonly Paper[]): GrowingScanEngine {
  return new ScanEngine(papers);
}

/** A scan engine that can follow a library still being read (the reader searches while it loads). */
export interface GrowingScanEngine extends SearchEngine {
  /**
   * The same engine over `papers`, a later state of the same library whose first `kept` papers are
   * the same objects at the same places (0: the library was rebuilt). For the last query only the
   * papers after them are scanned, so a growth costs what was read since, not the library. Papers may
   * also change in place as older digests load (older dates, a missing abstract: LibraryBuilder):
   * those are found and scanned again only with `recheck` (a pass over every paper, for the last
   * growth), so until then an answer may miss a paper that matches only by such a change.
   */
  grow(papers: readonly Paper[], kept: number, recheck?: boolean): GrowingScanEngine;
}

/**
 * The last query's rank for every paper scanned (-1: no match), kept so growth rescans only what is
 * new, with what a paper's match can depend on that changes in place while a library loads: its
 * dates' count and its abstract's length when it was scanned.
 */
interface QueryCosts {
  query: string;
  groups: ParsedQuery;
  costs: Float64Array;
  dates: Uint32Array;
  abstracts: Uint32Array;
}

/** What an engine takes over from the one it grew from. */
interface Grown {
  /** Papers at the start that are the same as the earlier engine's. */
  kept: number;
  recheck: boolean;
  foreign: Uint8Array | undefined;
  scanned: QueryCosts | undefined;
}

const TIER_WEIGHT = 1000;
const WORD_WEIGHT = 1_000_000;
const VERBATIM = tierOf(INSIDE, false);

class ScanEngine implements GrowingScanEngine {
  /** 1 at d: paper d's title is not ASCII (its folded form is not just its lowercase). */
  private foreign: Uint8Array | undefined;
  private last: { query: string; limit: number; result: SearchResult } | undefined;
  private scanned: QueryCosts | undefined;

  constructor(
    readonly papers: readonly Paper[],
    private from?: Grown,
  ) {}

  grow(papers: readonly Paper[], kept: number, recheck = false): GrowingScanEngine {
    if (papers === this.papers && !recheck) return this;
    const own = this.foreign !== undefined || this.scanned !== undefined || !this.from;
    const from: Grown = own
      ? { kept, recheck, foreign: this.foreign, scanned: this.scanned }
      : // Grown twice without a search between: what this one took over passes on.
        { ...this.from!, kept: Math.min(kept, this.from!.kept), recheck: recheck || this.from!.recheck };
    return new ScanEngine(papers, { ...from, kept: Math.min(from.kept, papers.length) });
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = options.limit ?? Infinity;
    if (!(limit >= 0) || (limit !== Infinity && !Number.isInteger(limit))) {
      throw new RangeError(`search limit must be a whole number >= 0, not ${limit}`);
    }
    const last = this.last;
    if (last && last.query === query && limit <= last.limit) return { query, hits: last.result.hits.slice(0, limit), total: last.result.total };
    const result = this.run(query, limit);
    this.last = { query, limit, result };
    return result;
  }

  private run(query: string, limit: number): SearchResult {
    const groups = parseQuery(query);
    const { papers } = this;
    if (groups.length === 0) {
      const hits = Array.from({ length: Math.min(limit, papers.length) }, (_, index): SearchHit => ({ index, score: 1, titleRanges: [] }));
      return { query, hits, total: papers.length };
    }
    const costs = this.costsOf(query, groups, this.foreignTitles());
    const scored: { index: number; cost: number }[] = [];
    for (let d = 0; d < papers.length; d++) if (costs[d]! >= 0) scored.push({ index: d, cost: costs[d]! });
    scored.sort((a, b) => b.cost - a.cost || a.index - b.index);
    const hits = scored.slice(0, limit).map(({ index, cost }): SearchHit => ({
      index,
      score: cost <= 0 ? 1 : 1 / (1 + cost / TIER_WEIGHT),
      titleRanges: titleRanges(groups, fold(papers[index]!.title), papers[index]!.title),
    }));
    return { query, hits, total: scored.length };
  }

  /** Which titles are not ASCII, the marks of the papers kept from the engine this one grew from reused (titles never change in place). */
  private foreignTitles(): Uint8Array {
    if (this.foreign) return this.foreign;
    const { papers, from } = this;
    const before = from?.foreign;
    const kept = Math.min(from?.kept ?? 0, before?.length ?? 0);
    const foreign = new Uint8Array(papers.length);
    if (before) foreign.set(before.subarray(0, kept));
    for (let d = kept; d < papers.length; d++) foreign[d] = isAscii(papers[d]!.title) ? 0 : 1;
    this.foreign = foreign;
    return foreign;
  }

  /**
   * Every paper's rank for the query (-1: no match). Only new (or, rechecking, changed) papers are
   * scanned when grown from an engine that ran it; when the query narrows the last one (a key typed
   * at the end of the line), only the papers the last one matched are ranked again.
   */
  private costsOf(query: string, groups: ParsedQuery, foreign: Uint8Array): Float64Array {
    const { papers, from } = this;
    // The same query again (a bigger fetch): its costs are known.
    if (this.scanned?.query === query && !from) return this.scanned.costs;
    const n = papers.length;
    const matchers = groups.map((g) => g.map((t) => matcherFor(t)));
    const rank = (d: number) => {
      let total = -1;
      const title = new TitleOf(papers[d]!.title, foreign[d] === 1);
      for (let g = 0; g < groups.length; g++) {
        const cost = groupCost(groups[g]!, matchers[g]!, papers[d]!, title);
        if (cost >= 0) total = Math.max(total, 0) + cost;
      }
      return total;
    };
    const costs = new Float64Array(n);
    const dates = new Uint32Array(n);
    const abstracts = new Uint32Array(n);
    // What the last search left: this engine's own, or that of the engine it grew from (its first `kept` papers are these).
    const last = from ? from.scanned : this.scanned;
    const relation = last ? narrowing(last.groups, groups) : 'other';
    const prior = relation === 'other' ? undefined : last;
    const kept = prior ? Math.min(from ? from.kept : n, prior.costs.length) : 0;
    if (prior) {
      costs.set(prior.costs.subarray(0, kept));
      dates.set(prior.dates.subarray(0, kept));
      abstracts.set(prior.abstracts.subarray(0, kept));
    }
    if (prior && relation === 'narrower') {
      // A paper the last query did not match cannot match this one (as scanned then: a change made
      // since is found by the recheck below, or by a later one); the others are ranked again.
      for (let d = 0; d < kept; d++) {
        if (costs[d]! < 0) continue;
        const p = papers[d]!;
        dates[d] = p.dates.length;
        abstracts[d] = abstractLengthOf(p);
        costs[d] = rank(d);
      }
    }
    if (prior && from?.recheck) {
      for (let d = 0; d < kept; d++) {
        const p = papers[d]!;
        if (p.dates.length === dates[d] && abstractLengthOf(p) === abstracts[d]) continue;
        dates[d] = p.dates.length;
        abstracts[d] = abstractLengthOf(p);
        costs[d] = rank(d);
      }
    }
    for (let d = kept; d < n; d++) {
      const p = papers[d]!;
      // Read before the scan: a change made after it is then seen by a recheck.
      dates[d] = p.dates.length;
      abstracts[d] = abstractLengthOf(p);
      costs[d] = rank(d);
    }
    this.scanned = { query, groups, costs, dates, abstracts };
    // Titles and costs are this engine's own now: the earlier engine's state can go.
    this.from = undefined;
    return costs;
  }
}

/**
 * How a query's terms relate to the last one's: 'same' (typed differently: spaces, an operator with
 * nothing after it yet), 'narrower' (every paper it matches, the last one matched: each alternative
 * keeps the last one's terms in order, a word possibly lengthened at its end, and may add terms),
 * or 'other' (it may match papers the last one did not: a key deleted, an alternative added).
 */
function narrowing(last: ParsedQuery, next: ParsedQuery): 'same' | 'narrower' | 'other' {
  if (last.length !== next.length || last.length === 0) return 'other';
  let same = true;
  for (let g = 0; g < last.length; g++) {
    const before = last[g]!;
    const after = next[g]!;
    if (after.length < before.length) return 'other';
    if (after.length > before.length) same = false;
    for (let i = 0; i < before.length; i++) {
      const a = before[i]!;
      const b = after[i]!;
      if (termKey(a) === termKey(b)) continue;
      if (!lengthened(a, b)) return 'other';
      same = false;
    }
  }
  return same ? 'same' : 'narrower';
}

/**
 * `next` matches only where `last` does: the same term with more typed at the end of its text. A
 * longer word is found only where its start is, at the same place (so a word's start stays one);
 * a longer prefix only where the shorter one is. Not so for a suffix, a whole title or a negation.
 */
function lengthened(last: Term, next: Term): boolean {
  const growable = next.kind === 'fuzzy' || next.kind === 'include' || next.kind === 'prefix';
  return growable && !next.negate && !last.negate && next.kind === last.kind && next.field === last.field && next.text.startsWith(last.text);
}

/** A paper's title, folded on first use: most papers are ruled out on the title as written. */
class TitleOf {
  private cached: string | undefined;

  constructor(
    readonly written: string,
    private readonly foreign: boolean,
  ) {}

  get folded(): string {
    return (this.cached ??= this.foreign ? fold(this.written) : this.written.toLowerCase());
  }

  /** Whether the folded title contains `text` (folded), through `re` (its case-blind matcher) while that is the same. */
  contains(text: string, re: RegExp): boolean {
    return this.foreign ? this.folded.includes(text) : re.test(this.written);
  }
}

interface Matcher {
  /** Case-insensitive test on text as written (abstracts). */
  re: RegExp;
  /** The same at the start of a word, and as a whole word. */
  start: RegExp;
  whole: RegExp;
  /**
   * Whole words written with a capital first (case-sensitive, global): the only candidates for an
   * acronym as written, and rare enough to check one by one.
   */
  capital: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

function matcherFor(t: Term): Matcher {
  const p = escape(t.text);
  const chars = [...t.text];
  const first = chars[0] ?? '';
  const cased = chars
    .slice(1)
    .map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escape(c)))
    .join('');
  return {
    // Without the u flag where it is not needed: a plain case-blind scan is several times faster.
    re: new RegExp(p, isAscii(t.text) ? 'i' : 'iu'),
    start: new RegExp(`${BEFORE}${p}`, 'iu'),
    whole: new RegExp(`${BEFORE}${p}${AFTER}`, 'iu'),
    capital: new RegExp(`${BEFORE}${escape(first.toUpperCase())}${cased}${AFTER}`, 'gu'),
  };
}

/** A group's rank for one paper (engine.ts's scale), or -1 when the group does not match it. */
function groupCost(group: TermGroup, matchers: readonly Matcher[], paper: Paper, title: TitleOf): number {
  // A cheap yes/no per plain word first: most papers fail on some word of a query, and telling the
  // kind of a match costs several more scans of the abstract.
  for (let i = 0; i < group.length; i++) {
    const t = group[i]!;
    if (t.negate || t.field !== undefined || (t.kind !== 'fuzzy' && t.kind !== 'include')) continue;
    if (!title.contains(t.text, matchers[i]!.re) && !matchers[i]!.re.test(paper.abstract) && !paper.dates.some((l) => foldLabel(l).includes(t.text))) return -1;
  }
  let cost = 0;
  for (let i = 0; i < group.length; i++) {
    const term = group[i]!;
    const tier = termTier(term, matchers[i]!, paper, title);
    if (term.negate) {
      if (tier >= 0) return -1;
      continue;
    }
    if (tier < 0) return -1;
    // Within a kind: a short title or a date is a stronger signal than a long abstract.
    const weight = tier % 2 === 1 ? 10 / Math.sqrt(Math.max(1, title.folded.length / 8)) : 1;
    cost += (tier >= VERBATIM ? WORD_WEIGHT : 0) + TIER_WEIGHT * tier + weight;
  }
  return cost;
}

/** The best tier of a term in a paper, or -1 for no match. */
function termTier(term: Term, m: Matcher, paper: Paper, titleOf: TitleOf): number {
  const { kind, text, field } = term;
  let best = -1;
  const raise = (t: number) => {
    if (t > best) best = t;
  };
  const acronymIn = (written: string): boolean => {
    m.capital.lastIndex = 0;
    for (let r = m.capital.exec(written); r; r = m.capital.exec(written)) if (/^[A-Z][a-z0-9]*[A-Z]/.test(r[0])) return true;
    return false;
  };
  const anchored = kind !== 'fuzzy' && kind !== 'include';
  if (field === undefined || field === 'title') {
    const title = titleOf.folded;
    if (anchored) {
      if (fieldTest(kind, text)(title)) raise(tierOf(anchoredKind(kind, title, text), true));
    } else {
      const k = occurrenceKind(title, text);
      if (k >= 0) raise(tierOf(k === 3 && acronymIn(paper.title) ? ACRONYM : k, true));
    }
  }
  if ((field === undefined && !anchored) || field === 'abstract') {
    const abstract = paper.abstract;
    if (anchored) {
      const a = fold(abstract);
      if (fieldTest(kind, text)(a)) raise(tierOf(anchoredKind(kind, a, text), false));
    } else if (m.re.test(abstract)) {
      const k = m.whole.test(abstract) ? 3 : m.start.test(abstract) ? 2 : INSIDE;
      raise(tierOf(k === 3 && acronymIn(abstract) ? ACRONYM : k, false));
    }
  }
  if (field === undefined || field === 'date') {
    const test = kind === 'fuzzy' || kind === 'include' ? (l: string) => occurrenceKind(l, text) >= (field === 'date' ? 2 : 0) : fieldTest(kind, text);
    const days = field === 'date' && /^[\d-]+$/.test(text) ? (paper.days ?? []) : [];
    for (const label of [...paper.dates, ...days]) {
      const l = foldLabel(label);
      if (test(l)) raise(tierOf(kind === 'fuzzy' || kind === 'include' ? Math.max(occurrenceKind(l, text), 0) : anchoredKind(kind, l, text), true));
    }
  }
  return best;
}

const foldedLabels = new Map<string, string>();

/** Digest dates are few and repeat on every paper: fold each once. */
function foldLabel(label: string): string {
  let l = foldedLabels.get(label);
  if (l === undefined) {
    l = fold(label);
    if (foldedLabels.size > 10_000) foldedLabels.clear();
    foldedLabels.set(label, l);
  }
  return l;
}

/** Verbatim occurrences of the positive terms in the folded title, on the title as written. */
function titleRanges(groups: readonly TermGroup[], folded: string, written: string): [number, number][] {
  if (!isAscii(written)) return [];
  const ranges: [number, number][] = [];
  for (const g of groups) {
    for (const t of g) {
      if (t.negate || (t.field !== undefined && t.field !== 'title') || t.kind === 'exact') continue;
      for (let at = folded.indexOf(t.text); at >= 0; at = folded.indexOf(t.text, at + 1)) ranges.push([at, at + t.text.length - 1]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1] + 1) prev[1] = Math.max(prev[1], r[1]);
    else merged.push(r);
  }
  return merged;
}
