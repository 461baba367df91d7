import type { Paper } from '../core/types.js';
import { abstractLengthOf } from '../core/cached-paper.js';
import { BlockList, Postings, PostingsGatherer } from './postings.js';
import { runSteps } from './run-steps.js';
import { fold, foldKeepAsciiCase, isAscii } from './fold.js';
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
 * strings made the index build several times slower.) Small libraries, read a word at a time
 * (FORMS_PAPERS), look words up as strings in a Map instead: the hashing and comparing are then
 * the engine's machine code, where here they run as bytecode until V8 compiles them.
 */
class Vocabulary {
  readonly words: string[] = [];
  letters: Uint32Array;
  private hashes: Uint32Array;
  private table: Int32Array;
  private readonly ids: Map<string, number> | null;

  /** Room for `capacity` words (a power of two) before the arrays grow; `byString`: the Map. */
  constructor(capacity: number, byString: boolean) {
    this.letters = new Uint32Array(capacity);
    this.ids = byString ? new Map() : null;
    this.hashes = new Uint32Array(byString ? 0 : capacity);
    this.table = new Int32Array(byString ? 0 : 2 * capacity).fill(-1);
  }

  /** `h` must be hashRange(text, start, end). */
  idOf(text: string, start: number, end: number, h: number): number {
    if (this.ids !== null) return this.idOfWord(text.slice(start, end));
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
    if (this.ids !== null) return this.ids.get(lower) ?? this.add(lower);
    const h = hashRange(lower, 0, lower.length);
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot]!;
      if (id < 0) return this.insert(slot, h, lower);
      if (this.hashes[id] === h && this.words[id] === lower) return id;
    }
  }

  private insert(slot: number, hash: number, word: string): number {
    const id = this.add(word);
    if (id >= this.hashes.length) {
      const bigger = new Uint32Array(this.hashes.length * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[id] = hash;
    this.table[slot] = id;
    if (this.words.length * 2 > this.table.length) this.rehash();
    return id;
  }

  /** A new word's id, and its letters. */
  private add(word: string): number {
    const id = this.words.length;
    this.words.push(word);
    if (id >= this.letters.length) {
      const letters = new Uint32Array(this.letters.length * 2);
      letters.set(this.letters);
      this.letters = letters;
    }
    this.letters[id] = letterMask(word);
    this.ids?.set(word, id);
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
  return runSteps(wordIndexSteps(papers));
}

export class SeedError extends Error {
  constructor() {
    super('the earlier index\'s vocabulary cannot be taken over');
  }
}

/** Papers indexed between two yields of wordIndexSteps: ~15–20 ms of work. */
export const PAPERS_PER_STEP = 500;

/**
 * What an index update (index-update.ts) keeps of an earlier index: its vocabulary (the same ids),
 * its postings, and the numbers of each paper it was built from that is still the same.
 */
export interface IndexSeed extends PaperFields {
  words: readonly string[];
  /** Per paper of the new library: its number in the earlier index (in its postings and arrays), or -1 to be read afresh. */
  from: Int32Array;
}

/** What an index holds of its papers' titles and abstracts, paper by paper: what an update can keep. */
export type PaperFields = Pick<WordIndex, 'title' | 'abstract' | 'titleAcronyms' | 'abstractAcronyms' | 'titleNorm' | 'abstractNorm' | 'titleLetters' | 'abstractLetters'>;

/**
 * Builds the index in steps, yielding after every PAPERS_PER_STEP papers so a caller can stay
 * responsive. With a seed, the papers it kept are not read again: their words are taken as they
 * were (ids of the seed's vocabulary, which the new one starts with). Throws SeedError when the
 * seed's vocabulary cannot be taken over as it is (not distinct lowercased words).
 */
export function* wordIndexSteps(papers: readonly Paper[], seed?: IndexSeed): Generator<void, WordIndex, void> {
  const n = papers.length;
  const capacity = vocabularyCapacity(papers, seed?.words.length ?? 0);
  const byForms = n <= FORMS_PAPERS;
  const vocab = new Vocabulary(capacity, byForms);
  const words = vocab.words;
  if (seed) for (let w = 0; w < seed.words.length; w++) if (vocab.idOfWord(seed.words[w]!) !== w) throw new SeedError();
  const titleFwd = new PostingsGatherer(n, capacity);
  const abstractFwd = new PostingsGatherer(n, capacity);
  const titleEnd = new Uint32Array(n);
  const abstractEnd = new Uint32Array(n);
  const titleAcrFwd = new PostingsGatherer(n, capacity);
  const abstractAcrFwd = new PostingsGatherer(n, capacity);
  const titleAcrEnd = new Uint32Array(n);
  const abstractAcrEnd = new Uint32Array(n);
  const titleLower: string[] = new Array<string>(n);
  const titleNorm = new Float32Array(n);
  const abstractNorm = new Float32Array(n);
  const titleLetters = new Uint32Array(n);
  const abstractLetters = new Uint32Array(n);
  const fields = new FieldWords(vocab, capacity, byForms, titleFwd, titleAcrFwd);

  for (let d = 0; d < n; d++) {
    const p = papers[d]!;
    titleFwd.paper = abstractFwd.paper = titleAcrFwd.paper = abstractAcrFwd.paper = d;
    titleLower[d] = fold(p.title);
    const kept = seed ? seed.from[d]! : -1;
    if (kept >= 0) {
      // Its words are in the seed's postings, joined with the others' at the end.
      const s = seed!;
      titleNorm[d] = s.titleNorm[kept]!;
      abstractNorm[d] = s.abstractNorm[kept]!;
      titleLetters[d] = s.titleLetters[kept]!;
      abstractLetters[d] = s.abstractLetters[kept]!;
      titleEnd[d] = titleFwd.length;
      titleAcrEnd[d] = titleAcrFwd.length;
      abstractEnd[d] = abstractFwd.length;
      abstractAcrEnd[d] = abstractAcrFwd.length;
      if ((d + 1) % PAPERS_PER_STEP === 0) yield;
      continue;
    }
    titleNorm[d] = fieldNorm(fields.read(p.title, 2 * d, titleFwd, titleAcrFwd));
    titleEnd[d] = titleFwd.length;
    titleLetters[d] = fields.letters;
    titleAcrEnd[d] = titleAcrFwd.length;
    abstractNorm[d] = fieldNorm(fields.read(p.abstract, 2 * d + 1, abstractFwd, abstractAcrFwd));
    abstractEnd[d] = abstractFwd.length;
    abstractLetters[d] = fields.letters;
    abstractAcrEnd[d] = abstractAcrFwd.length;
    if ((d + 1) % PAPERS_PER_STEP === 0) yield;
  }
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
  let title = yield* Postings.build(titleFwd, titleEnd, words.length);
  let abstract = yield* Postings.build(abstractFwd, abstractEnd, words.length);
  let titleAcronyms = yield* Postings.build(titleAcrFwd, titleAcrEnd, words.length);
  let abstractAcronyms = yield* Postings.build(abstractAcrFwd, abstractAcrEnd, words.length);
  if (seed) {
    const to = new Int32Array(seed.titleNorm.length).fill(-1);
    for (let d = 0; d < n; d++) if (seed.from[d]! >= 0) to[seed.from[d]!] = d;
    title = yield* Postings.union(seed.title, to, title, words.length);
    abstract = yield* Postings.union(seed.abstract, to, abstract, words.length);
    titleAcronyms = yield* Postings.union(seed.titleAcronyms, to, titleAcronyms, words.length);
    abstractAcronyms = yield* Postings.union(seed.abstractAcronyms, to, abstractAcronyms, words.length);
  }

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
 * Libraries up to this size read their ASCII fields a word at a time (FieldWords.readForms) instead
 * of a character at a time (scanWords). In a fresh process the build runs as bytecode until V8 has
 * compiled it, tens of milliseconds later on a busy machine: a small library's index is built
 * before then, and the reader waits for it before its first frame when a search is pending at
 * launch (ui/reader/index-build.ts BUILD_NOW_PAPERS, the same size). Reading a word at a time
 * leaves the work per character to split(), regular expressions and Map lookups, which are
 * machine code from the start: as bytecode it is ~3 times faster (the samples: ~85 ms instead of
 * ~255 with V8's optimizing compiler off), ~20% faster in a fresh process as it is. Larger
 * libraries keep the character loop: faster once compiled, and no Map of every spelling.
 */
export const FORMS_PAPERS = 1000;

/**
 * In ASCII text: the word of each whitespace-separated chunk as scanWords finds it (from its first
 * letter or digit to its last), or the whole chunk when it holds no letter or digit (scanWords counts
 * it, and finds no word in it). One match per chunk.
 */
const ASCII_CHUNKS = /[A-Za-z0-9](?:[^\t\n\v\f\r ]*[A-Za-z0-9])?|(?<![^\t\n\v\f\r ])[^A-Za-z0-9\t\n\v\f\r ]+(?![^\t\n\v\f\r ])/g;
/**
 * Anything but printable ASCII with one space between chunks. A field without it (nearly every
 * one) is cut into its chunks by split(' '), several times cheaper than ASCII_CHUNKS, and one test
 * instead of isAscii and a look for odd spacing; its chunks keep the punctuation around their word
 * (see learnChunk).
 */
const SPLIT_UNSAFE = /[^ -~]|  |^ | $/;
const PLAIN_ASCII_WORD = /^[A-Za-z0-9]+$/;
const ASCII_RUNS = /[A-Za-z0-9]+/g;

/** A form with more to it than one word id: the ids it adds to the field's words, and to its acronyms. */
interface Form {
  readonly words: readonly number[];
  readonly acronyms: readonly number[];
}

/**
 * Reads the fields of the papers, one after another, into the postings being gathered: each
 * distinct word once per field (`stamp` tells the fields apart), its acronyms to their own
 * postings, and the letters of its words. Both ways of reading a field find the same words, in the
 * same order (test/search-index.test.ts compares the indexes they make).
 */
class FieldWords {
  /** Union of the letterMasks of the last field's words. */
  letters = 0;
  /** Per word id: the stamp of the field it was last added for, to the words and to the acronyms. */
  private seen: Int32Array;
  private seenAcronym: Int32Array;
  private stamp = 0;
  private text = '';
  /** For readForms: each chunk as written (ASCII) → its word id, or ~(its place in `complex`). */
  private readonly forms = new Map<string, number>();
  private readonly complex: Form[] = [];
  /** readForms' word ids of the field being read. */
  private batch = new Int32Array(1024);
  private readonly visit = (start: number, end: number, hash: number, inner: boolean): void => this.word(this.text, start, end, hash, inner);

  /** The gatherers are the first field's (each read names its own). */
  constructor(
    private readonly vocab: Vocabulary,
    capacity: number,
    private readonly byForms: boolean,
    private target: PostingsGatherer,
    private acronyms: PostingsGatherer,
  ) {
    this.seen = new Int32Array(capacity).fill(-1);
    this.seenAcronym = new Int32Array(capacity).fill(-1);
  }

  /** Adds the words of `field` (as written) as field number `stamp`; returns its number of whitespace-separated chunks (Fuse's field norm). */
  read(field: string, stamp: number, target: PostingsGatherer, acronyms: PostingsGatherer): number {
    this.stamp = stamp;
    this.target = target;
    this.acronyms = acronyms;
    this.letters = 0;
    if (this.byForms) {
      if (!SPLIT_UNSAFE.test(field)) return field.length === 0 ? 0 : this.readForms(field.split(' '));
      if (isAscii(field)) return this.readForms(field.match(ASCII_CHUNKS) ?? []);
    }
    this.text = foldKeepAsciiCase(field);
    const chunks = scanWords(this.text, this.visit);
    this.text = '';
    return chunks;
  }

  /**
   * scanWords' words of ASCII text, given its chunks (split(' ') or ASCII_CHUNKS); what each chunk
   * as written adds (its word's id, or more: see learnChunk) is worked out at its first occurrence
   * in the library, when the character loop would have made the same ids in the same order.
   */
  private readForms(found: string[]): number {
    const { forms, stamp } = this;
    // The field's words are gathered here and handed over at once (PostingsGatherer.pushAll), in
    // the order the character loop pushes them.
    if (this.batch.length < found.length) this.batch = new Int32Array(2 * found.length);
    let batch = this.batch;
    let count = 0;
    let mask = 0;
    let seen = this.seen;
    let wordLetters = this.vocab.letters;
    for (let i = 0, n = found.length; i < n; i++) {
      let v = forms.get(found[i]!);
      if (v === undefined) {
        v = this.learnChunk(found[i]!);
        // Learning may have grown these.
        seen = this.seen;
        wordLetters = this.vocab.letters;
      }
      if (v >= 0) {
        if (seen[v] !== stamp) {
          seen[v] = stamp;
          batch[count++] = v;
          mask |= wordLetters[v]!;
        }
        continue;
      }
      const form = this.complex[~v]!;
      if (batch.length < count + form.words.length) {
        const bigger = new Int32Array(2 * (count + form.words.length));
        bigger.set(batch);
        batch = this.batch = bigger;
      }
      for (const id of form.words) {
        if (seen[id] !== stamp) {
          seen[id] = stamp;
          batch[count++] = id;
          mask |= wordLetters[id]!;
        }
      }
      for (const id of form.acronyms) this.addAcronym(id);
    }
    this.target.pushAll(batch, count, this.vocab.words.length);
    this.letters |= mask;
    return found.length;
  }

  /**
   * What a whole chunk adds: what its word adds (from its first letter or digit to its last), or,
   * without one, what it adds as it is; kept for the chunk too.
   */
  private learnChunk(chunk: string): number {
    let start = 0;
    let end = chunk.length;
    while (start < end && !isAsciiWordCode(chunk.charCodeAt(start))) start++;
    while (end > start && !isAsciiWordCode(chunk.charCodeAt(end - 1))) end--;
    if (start === end || end - start === chunk.length) return this.learn(chunk);
    const word = chunk.slice(start, end);
    const v = this.forms.get(word) ?? this.learn(word);
    this.forms.set(chunk, v);
    return v;
  }

  /** What a form adds, worked out as scanWords and `word` would for it in the field, and kept. */
  private learn(form: string): number {
    const vocab = this.vocab;
    let v: number;
    const first = form.charCodeAt(0);
    if (!isAsciiWordCode(first)) {
      // A chunk without a letter or digit.
      v = ~this.complex.length;
      this.complex.push({ words: [], acronyms: [] });
    } else if (PLAIN_ASCII_WORD.test(form)) {
      const id = vocab.idOfWord(form);
      const shape = first >= 65 && first <= 90 ? acronymShape(form, 0, form.length) : NOT_ACRONYM;
      if (shape === NOT_ACRONYM) v = id;
      else {
        v = ~this.complex.length;
        // "LLMs" is also the acronym "LLM".
        this.complex.push({ words: [id], acronyms: shape === PLURAL_ACRONYM ? [id, vocab.idOfWord(form.slice(0, -1))] : [id] });
      }
    } else {
      // Punctuation inside: the word, its hyphen-joined form, then each letter/digit run and its acronyms.
      const words = [vocab.idOfWord(form)];
      const acronyms: number[] = [];
      const joined = hyphenJoined(form, 0, form.length);
      if (joined !== undefined) words.push(vocab.idOfWord(joined));
      for (const run of form.match(ASCII_RUNS)!) {
        const id = vocab.idOfWord(run);
        words.push(id);
        const c = run.charCodeAt(0);
        const shape = c >= 65 && c <= 90 ? acronymShape(run, 0, run.length) : NOT_ACRONYM;
        if (shape !== NOT_ACRONYM) acronyms.push(id);
        if (shape === PLURAL_ACRONYM) acronyms.push(vocab.idOfWord(run.slice(0, -1)));
      }
      v = ~this.complex.length;
      this.complex.push({ words, acronyms });
    }
    this.forms.set(form, v);
    if (vocab.words.length > this.seen.length) this.grow(vocab.words.length);
    return v;
  }

  /** One word of a field read by scanWords (its visit). */
  private word(text: string, start: number, end: number, hash: number, inner: boolean): void {
    const vocab = this.vocab;
    const id = vocab.idOf(text, start, end, hash);
    this.addWord(id);
    const first = text.charCodeAt(start);
    // The rarer cases, apart so that the common one stays small.
    if (inner || (first >= 65 && first <= 90)) this.rarer(text, id, start, end, inner);
  }

  private rarer(text: string, id: number, start: number, end: number, inner: boolean): void {
    const vocab = this.vocab;
    if (inner) {
      const joined = hyphenJoined(text, start, end);
      if (joined !== undefined) this.addWord(vocab.idOfWord(joined));
    }
    const shape = acronymShape(text, start, end);
    if (shape === NOT_ACRONYM) return;
    this.addAcronym(id);
    // "LLMs" is also the acronym "LLM" (the word "llm" joins the vocabulary if it wasn't there).
    if (shape === PLURAL_ACRONYM) this.addAcronym(vocab.idOfWord(text.slice(start, end - 1)));
  }

  private addWord(id: number): void {
    if (id >= this.seen.length) this.grow(id + 1);
    if (this.seen[id] !== this.stamp) {
      this.seen[id] = this.stamp;
      this.target.push(id);
      this.letters |= this.vocab.letters[id]!;
    }
  }

  private addAcronym(id: number): void {
    if (id >= this.seenAcronym.length) this.grow(id + 1);
    if (this.seenAcronym[id] !== this.stamp) {
      this.seenAcronym[id] = this.stamp;
      this.acronyms.push(id);
    }
  }

  /** Makes `seen` and `seenAcronym` at least `ids` long. */
  private grow(ids: number): void {
    let length = Math.max(1024, this.seen.length);
    while (length < ids) length *= 2;
    const seen = new Int32Array(length).fill(-1);
    seen.set(this.seen);
    this.seen = seen;
    const seenAcronym = new Int32Array(length).fill(-1);
    seenAcronym.set(this.seenAcronym);
    this.seenAcronym = seenAcronym;
  }
}

/**
 * Room for the words of a small library from the start (~10,000 at the samples' 430 papers, 0.67 M
 * characters of titles and abstracts): an array that grows while the build runs makes V8 drop the
 * machine code it was compiling for the code using it. Large libraries grow theirs.
 */
function vocabularyCapacity(papers: readonly Paper[], known: number): number {
  let chars = 0;
  for (let d = 0; d < papers.length && chars < MAX_CAPACITY * 32; d++) chars += papers[d]!.title.length + abstractLengthOf(papers[d]!);
  let capacity = 1024;
  while ((capacity < chars / 32 && capacity < MAX_CAPACITY) || capacity < 2 * known) capacity *= 2;
  return capacity;
}

const MAX_CAPACITY = 1 << 16;

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

function isAsciiWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
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
