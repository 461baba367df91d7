import { Bitap } from './bitap.js';
import { exactPieces, SubstringDistance } from './myers.js';
import { letterMask, popcount } from './tokens.js';
import { IN_TEXT, maxErrors, midWord } from './tuning.js';
import { type WordIndex, wordsContaining } from './word-index.js';

/**
 * Words a fuzzy pattern matches, with Fuse's score for each (0 for the word itself, 0.001 when found
 * verbatim, else errors / length), plus MID_WORD_PENALTY when the match does not begin the word.
 */
export interface WordMatches {
  ids: Uint32Array;
  scores: Float32Array;
}

interface Cached extends WordMatches {
  errors: number;
}

const CACHE_SIZE = 64;

/**
 * Runs Fuse.js's fuzzy matcher (bitap.ts, its scores to the bit) over the vocabulary instead of over
 * the papers: distinct short words instead of megabytes of abstracts. Which words it even looks at
 * is narrowed first:
 * - with no error allowed (1–3 letters) a match is a plain substring, found in the joined vocabulary;
 * - otherwise a word too short, or lacking more of the pattern's letters than errors are allowed
 *   (one 32-bit mask test), is skipped, and a bit-parallel edit-distance screen (myers.ts) passes
 *   only words within the error budget — bitap costs a few times more per word;
 * - while a pattern grows by typing with the same error budget, only the previous matches can match.
 */
export class WordMatcher {
  private readonly cache = new Map<string, Cached>();
  /** Candidate ids for holdingAPiece. */
  private scratch = new Uint32Array(0);

  constructor(private readonly index: WordIndex) {}

  match(pattern: string): WordMatches {
    const hit = this.cache.get(pattern);
    if (hit) {
      this.cache.delete(pattern);
      this.cache.set(pattern, hit);
      return hit;
    }
    const errors = maxErrors(pattern.length);
    const result = errors === 0 ? this.exact(pattern) : this.fuzzy(pattern, errors);
    const entry: Cached = { ...result, errors };
    this.cache.set(pattern, entry);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  /** Zero errors: Fuse's bitap reduces to substring search (score 0 for the whole word, else 0.001). */
  private exact(pattern: string): WordMatches {
    const { wordStart, blob } = this.index;
    const ids = wordsContaining(this.index, pattern);
    const scores = new Float32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      // A word containing the pattern is the pattern exactly when it has the same length.
      if (wordStart[id + 1]! - 1 - wordStart[id]! === pattern.length) scores[i] = 0;
      else scores[i] = blob.startsWith(pattern, wordStart[id]!) ? IN_TEXT : midWord(IN_TEXT);
    }
    return { ids: Uint32Array.from(ids), scores };
  }

  private fuzzy(pattern: string, errors: number): WordMatches {
    const { words, blob, wordStart } = this.index;
    const minLength = pattern.length - errors;
    const screen = pattern.length <= 32 ? new SubstringDistance(pattern) : undefined;
    const bitap = screen ? undefined : new Bitap(pattern);
    const masks = this.index.wordLetters;
    const wanted = letterMask(pattern);
    const ids: number[] = [];
    const scores: number[] = [];
    // Reads the joined vocabulary, not the word strings: one contiguous string stays in cache.
    const consider = (id: number): void => {
      const start = wordStart[id]!;
      const end = wordStart[id + 1]! - 1;
      if (end - start < minLength || popcount(wanted & ~masks[id]!) > errors) return;
      let score: number;
      let atStart: boolean;
      if (screen) {
        if (!screen.within(blob, errors, start, end)) return;
        const word = words[id]!;
        if (word.includes(pattern)) {
          score = word.length === pattern.length ? 0 : IN_TEXT;
          atStart = blob.startsWith(pattern, start);
        } else {
          // What Fuse's bitap would say, from edit distances: the score is the fewest edits over
          // the pattern's length, and the match begins the word when one with that few edits can
          // start at its first character, which the pattern holds (Fuse marks only those).
          let fewest = 1;
          while (!screen.within(blob, fewest, start, end)) fewest++;
          score = Math.max(IN_TEXT, fewest / pattern.length);
          atStart = pattern.includes(word[0]!) && screen.within(blob, fewest, start, end, true);
        }
      } else {
        // Over 32 characters: Fuse's bitap itself, on the pattern in chunks. (A word is one token:
        // Fuse's field norm for it is 1, so its score is bitap's.)
        const found = bitap!.search(words[id]!);
        if (!found) return;
        score = found.score;
        atStart = score === IN_TEXT ? blob.startsWith(pattern, start) : found.indices[0]?.[0] === 0;
      }
      ids.push(id);
      scores.push(atStart ? score : midWord(score));
    };
    const narrowed = this.narrowFromShorter(pattern, errors) ?? this.holdingAPiece(pattern, errors);
    if (narrowed) for (const id of narrowed) consider(id);
    else for (let id = 0; id < words.length; id++) consider(id);
    return { ids: Uint32Array.from(ids), scores: Float32Array.from(scores) };
  }

  /**
   * The words holding one of the pattern's exactPieces (ascending), found by indexOf in the joined
   * vocabulary: a few hundred of ~10,000 words, whose scan was most of a first search's matching.
   */
  private holdingAPiece(pattern: string, errors: number): Uint32Array | undefined {
    const pieces = exactPieces(pattern, errors);
    // wordsContaining finds nothing for an empty piece, nor one with a newline (the words' separator).
    if (pieces.some((p) => p.length === 0 || p.includes('\n'))) return undefined;
    const found = pieces.map((piece) => wordsContaining(this.index, piece));
    const count = found.reduce((n, ids) => n + ids.length, 0);
    // Sorted in a buffer kept from search to search: a new one each time is garbage the sweeper
    // frees only later.
    if (this.scratch.length < count) this.scratch = new Uint32Array(count * 2);
    let at = 0;
    for (const ids of found) for (const id of ids) this.scratch[at++] = id;
    const ids = this.scratch.subarray(0, count).sort();
    let kept = 0;
    for (let i = 0; i < count; i++) if (i === 0 || ids[i] !== ids[i - 1]) ids[kept++] = ids[i]!;
    return ids.subarray(0, kept);
  }

  /** A cached shorter pattern this one extends, with the same error budget, bounds the matches. */
  private narrowFromShorter(pattern: string, errors: number): Uint32Array | undefined {
    for (let len = pattern.length - 1; len > 0 && maxErrors(len) === errors; len--) {
      const prev = this.cache.get(pattern.slice(0, len));
      if (prev && prev.errors === errors) return prev.ids;
    }
    return undefined;
  }
}

