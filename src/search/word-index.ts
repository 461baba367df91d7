import type { Paper } from '../core/types.js';
import { BlockList, Postings, PostingsGatherer } from './postings.js';
import { fold, foldKeepAsciiCase } from './fold.js';
import { countChunks, fieldNorm, foldAscii, hashRange, isWordChar, letterMask, scanWords } from './tokens.js';

/**
 * Everything the engine precomputes once per library: one shared vocabulary, title and abstract
 * postings (at most 4 bytes per distinct word per paper), lowercased titles and a few numbers per
 * paper. Abstracts are never copied.
 */
export interface WordIndex {
  papers: readonly Paper[];
  /** Distinct lowercased words of titles and abstracts; the position is the word id. */
  words: string[];
  /** All words joined by "\n" (with one before the first), for fast substring lookups. */
  blob: string;
  /** Where word id w starts in blob; one extra entry past the end. */
  wordStart: Uint32Array;
  title: Postings;
  abstract: Postings;
  /**
   * Words written as an acronym or name with capitals inside ("SAM", "LoRA", "BEV", "LLMs" also as
   * "llm"), per paper and field: a query equal to one is the strongest kind of match.
   */
  titleAcronyms: Postings;
  abstractAcronyms: Postings;
  /** letterMask of each word. */
  wordLetters: Uint32Array;
  /** Union of the letterMasks of each paper's title words, and of its abstract words. */
  titleLetters: Uint32Array;
  abstractLetters: Uint32Array;
  /** Titles folded for matching (fold.ts). */
  titleLower: string[];
  titleNorm: Float32Array;
  abstractNorm: Float32Array;
  /** Distinct digest date labels, with per-paper lists of label ids. */
  labels: string[];
  labelLower: string[];
  labelNorm: Float32Array;
  paperLabelStart: Uint32Array;
  paperLabels: Uint32Array;
}

/**
 * Word → id without a string per occurrence: words are hashed straight from the field text and
 * compared in place; only a word seen for the first time is sliced out. (A Map keyed by sliced
 * strings made the index build several times slower.)
 */
class Vocabulary {
  readonly words: string[] = [];
  letters = new Uint32Array(1024);
  private hashes = new Uint32Array(1024);
  private table = new Int32Array(2048).fill(-1);

  /** `h` must be hashRange(text, start, end). */
  idOf(text: string, start: number, end: number, h: number): number {
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot]!;
      if (id < 0) return this.insert(slot, h, text.slice(start, end).toLowerCase());
      if (this.hashes[id] === h && sameText(this.words[id]!, text, start, end)) return id;
    }
  }

  /**
   * The id of a word given as a string of its own (a hyphen-joined compound). Apart from idOf so
   * that idOf only ever sees field text: fed other strings too it stopped being inlined and the
   * whole build ran ~40% slower.
   */
  idOfWord(word: string): number {
    const lower = word.toLowerCase();
    const h = hashRange(lower, 0, lower.length);
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot]!;
      if (id < 0) return this.insert(slot, h, lower);
      if (this.hashes[id] === h && this.words[id] === lower) return id;
    }
  }

  private insert(slot: number, hash: number, word: string): number {
    const id = this.words.length;
    this.words.push(word);
    if (id >= this.hashes.length) {
      const bigger = new Uint32Array(this.hashes.length * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
      const letters = new Uint32Array(this.letters.length * 2);
      letters.set(this.letters);
      this.letters = letters;
    }
    this.hashes[id] = hash;
    this.letters[id] = letterMask(word);
    this.table[slot] = id;
    if (this.words.length * 2 > this.table.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.words.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
  }
}

function sameText(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== foldAscii(text.charCodeAt(start + i))) return false;
  return true;
}

export function buildWordIndex(papers: readonly Paper[]): WordIndex {
  const steps = wordIndexSteps(papers);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Papers indexed between two yields of wordIndexSteps: ~15–20 ms of work. */
export const PAPERS_PER_STEP = 500;

/** Builds the index in steps, yielding after every PAPERS_PER_STEP papers so a caller can stay responsive. */
export function* wordIndexSteps(papers: readonly Paper[]): Generator<void, WordIndex, void> {
  const n = papers.length;
  const vocab = new Vocabulary();
  const words = vocab.words;
  let seen = new Int32Array(4096).fill(-1);
  const titleFwd = new PostingsGatherer(n);
  const abstractFwd = new PostingsGatherer(n);
  const titleEnd = new Uint32Array(n);
  const abstractEnd = new Uint32Array(n);
  const titleAcrFwd = new PostingsGatherer(n);
  const abstractAcrFwd = new PostingsGatherer(n);
  const titleAcrEnd = new Uint32Array(n);
  const abstractAcrEnd = new Uint32Array(n);
  let seenAcronym = new Int32Array(4096).fill(-1);
  let acronyms = titleAcrFwd;
  const titleLower: string[] = new Array<string>(n);
  const titleNorm = new Float32Array(n);
  const abstractNorm = new Float32Array(n);
  const titleLetters = new Uint32Array(n);
  const abstractLetters = new Uint32Array(n);

  let stamp = 0;
  let letters = 0;
  const addWord = (id: number): void => {
    if (id >= seen.length) {
      const bigger = new Int32Array(Math.max(seen.length * 2, id + 1)).fill(-1);
      bigger.set(seen);
      seen = bigger;
    }
    if (seen[id] !== stamp) {
      seen[id] = stamp;
      target.push(id);
      letters |= vocab.letters[id]!;
    }
  };
  let target = titleFwd;
  let text = '';
  const addAcronym = (w: number): void => {
    if (w >= seenAcronym.length) {
      const bigger = new Int32Array(Math.max(seenAcronym.length * 2, w + 1)).fill(-1);
      bigger.set(seenAcronym);
      seenAcronym = bigger;
    }
    if (seenAcronym[w] !== stamp) {
      seenAcronym[w] = stamp;
      acronyms.push(w);
    }
  };
  // The rarer cases live apart from `add`, which runs for every word and must stay small.
  const rarer = (id: number, start: number, end: number, inner: boolean, first: number): void => {
    if (inner) {
      const joined = hyphenJoined(text, start, end);
      if (joined !== undefined) addWord(vocab.idOfWord(joined));
    }
    if (first < 65 || first > 90) return;
    const shape = acronymShape(text, start, end);
    if (shape === NOT_ACRONYM) return;
    addAcronym(id);
    // "LLMs" is also the acronym "LLM" (the word "llm" joins the vocabulary if it wasn't there).
    if (shape === PLURAL_ACRONYM) addAcronym(vocab.idOfWord(text.slice(start, end - 1)));
  };
  const add = (start: number, end: number, hash: number, inner: boolean): void => {
    const id = vocab.idOf(text, start, end, hash);
    addWord(id);
    const first = text.charCodeAt(start);
    if (inner || (first >= 65 && first <= 90)) rarer(id, start, end, inner, first);
  };


  for (let d = 0; d < n; d++) {
    const p = papers[d]!;
    titleFwd.paper = abstractFwd.paper = titleAcrFwd.paper = abstractAcrFwd.paper = d;
    text = foldKeepAsciiCase(p.title);
    titleLower[d] = fold(p.title);
    stamp = 2 * d;
    target = titleFwd;
    acronyms = titleAcrFwd;
    letters = 0;
    titleNorm[d] = fieldNorm(scanWords(text, add));
    titleEnd[d] = titleFwd.length;
    titleLetters[d] = letters;
    titleAcrEnd[d] = titleAcrFwd.length;
    text = foldKeepAsciiCase(p.abstract);
    stamp = 2 * d + 1;
    target = abstractFwd;
    acronyms = abstractAcrFwd;
    letters = 0;
    abstractNorm[d] = fieldNorm(scanWords(text, add));
    abstractEnd[d] = abstractFwd.length;
    abstractLetters[d] = letters;
    abstractAcrEnd[d] = abstractAcrFwd.length;
    if ((d + 1) % PAPERS_PER_STEP === 0) yield;
  }
  text = '';

  const wordStart = new Uint32Array(words.length + 1);
  let pos = 1;
  for (let w = 0; w < words.length; w++) {
    wordStart[w] = pos;
    pos += words[w]!.length + 1;
  }
  wordStart[words.length] = pos;

  const labelIds = new Map<string, number>();
  const labels: string[] = [];
  const paperLabelStart = new Uint32Array(n + 1);
  const paperLabelList = new BlockList();
  for (let d = 0; d < n; d++) {
    for (const label of papers[d]!.dates) {
      let id = labelIds.get(label);
      if (id === undefined) {
        id = labels.length;
        labelIds.set(label, id);
        labels.push(label);
      }
      paperLabelList.push(id);
    }
    paperLabelStart[d + 1] = paperLabelList.length;
  }
  const labelLower = labels.map((l) => l.toLowerCase());
  yield;
  const title = yield* Postings.build(titleFwd, titleEnd, words.length);
  const abstract = yield* Postings.build(abstractFwd, abstractEnd, words.length);
  const titleAcronyms = yield* Postings.build(titleAcrFwd, titleAcrEnd, words.length);
  const abstractAcronyms = yield* Postings.build(abstractAcrFwd, abstractAcrEnd, words.length);

  return {
    papers,
    words,
    blob: `\n${words.join('\n')}\n`,
    wordStart,
    title,
    abstract,
    titleAcronyms,
    abstractAcronyms,
    wordLetters: vocab.letters.slice(0, words.length),
    titleLetters,
    abstractLetters,
    titleLower,
    titleNorm,
    abstractNorm,
    labels,
    labelLower,
    labelNorm: Float32Array.from(labelLower, (l) => fieldNorm(countChunks(l))),
    paperLabelStart,
    paperLabels: paperLabelList.toArray(),
  };
}

/**
 * "pre-training" is also the word "pretraining", "fine-tuning" "finetuning": people type compounds
 * either way. Only for words whose inner punctuation is all hyphens.
 */
function hyphenJoined(text: string, start: number, end: number): string | undefined {
  let hyphens = 0;
  for (let i = start + 1; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 45) hyphens++;
    else if (!isWordChar(c)) return undefined;
  }
  return hyphens === 0 ? undefined : text.slice(start, end).replaceAll('-', '');
}

const NOT_ACRONYM = 0;
const ACRONYM = 1;
const PLURAL_ACRONYM = 2;

/**
 * Whether text[start..end) is written like an acronym or a name with inner capitals: a capital
 * first, two or more in all, and nothing but letters and digits ("SAM", "LoRA", "MoE", "GPT4",
 * "ImageNet"; not the metric "mAR", which would make `mar` an acronym); PLURAL_ACRONYM when it ends
 * in a lowercase "s" after a capital ("LLMs").
 */
function acronymShape(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (first < 65 || first > 90) return NOT_ACRONYM;
  let upper = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return NOT_ACRONYM;
  }
  if (upper < 2) return NOT_ACRONYM;
  const last = text.charCodeAt(end - 1);
  const before = text.charCodeAt(end - 2);
  return last === 115 && before >= 65 && before <= 90 ? PLURAL_ACRONYM : ACRONYM;
}

/** The id of exactly this (folded) word, or -1. */
export function wordIdOf(index: WordIndex, word: string): number {
  const at = index.blob.indexOf(`\n${word}\n`);
  if (at < 0 || word.length === 0) return -1;
  const { wordStart } = index;
  let lo = 0;
  let hi = wordStart.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (wordStart[mid]! <= at + 1) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Ids of the words containing `sub` (ascending). `sub` must not contain a newline. */
export function wordsContaining(index: WordIndex, sub: string): number[] {
  const { blob, wordStart } = index;
  const out: number[] = [];
  if (sub.length === 0 || sub.includes('\n')) return out;
  let from = 1;
  let lo = 0;
  const last = wordStart.length - 2;
  for (;;) {
    const at = blob.indexOf(sub, from);
    if (at < 0) break;
    // Hits come in order, often densely: gallop forward from the previous word, then bisect.
    let step = 1;
    let hi = lo + 1;
    while (hi <= last && wordStart[hi]! <= at) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (hi > last) hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (wordStart[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    out.push(lo);
    from = wordStart[lo + 1]!;
  }
  return out;
}
