// "Papers like this one": TF-IDF vectors over each paper's title (weighted) and abstract, compared
// by cosine. Local and deterministic. The index is built once, on the first query or ahead of it
// in slices that leave the event loop free (the reader, in the background), as an inverted index: a
// query only visits the papers that share one of its strongest terms, so it stays well under the
// 200 ms budget at 100,000 papers.
import type { Paper } from '../core/types.js';
import { segmentCount } from './postings.js';
import { runSteps } from './run-steps.js';
import { isWordChar } from './tokens.js';

/** A title word counts as this many abstract words: the title says what a paper is about. */
const TITLE_WEIGHT = 3;
/** Terms of the query paper used: its strongest ones carry the similarity, the rest only cost time. */
const QUERY_TERMS = 48;

// English function words and the boilerplate of abstracts ("we propose a novel method … results
// show"): frequent everywhere, so they would make every paper look alike.
const STOP_WORDS = new Set(
  (
    'a about above across after again against all almost also although always am among an and another any are as at be ' +
    'because been before being below between both but by can could did do does doing done down during each either ' +
    'else enough especially etc even ever every few for from further had has have having he her here hers him his how ' +
    'however i if in into is it its itself just least less let like made make makes making many may might more most ' +
    'much must my neither no nor not now of off often on once one only onto or other others otherwise our ours out ' +
    'over own per rather same several shall she should since so some such than that the their theirs them themselves ' +
    'then there therefore these they this those though through thus to too toward towards under until up upon us ' +
    'use used uses using very via was we well were what when where whether which while who whom whose why will with ' +
    'within without would yet you your ' +
    // Words every abstract uses.
    'abstract achieve achieved achieves address addresses approach approaches based benchmark benchmarks code ' +
    'demonstrate demonstrates demonstrated effective effectiveness existing experiment experiments experimental ' +
    'extensive first framework github http https improve improved improvement improvements introduce introduces ' +
    'key large method methods new novel outperform outperforms paper performance present presents problem propose ' +
    'proposed proposes provide provides publicly available recent recently result results show shows shown ' +
    'significant significantly state art study task tasks work works www com io org'
  ).split(' '),
);

// Terms are hashed, never kept as strings: at 100,000 papers the words and word pairs run to
// millions, and a Map of them cost most of a minute to build. Hashes fall into TERM_BUCKETS;
// two terms sharing a bucket only add a little noise to scores that rank many terms together.
const TERM_BITS = 21;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  // Signed 32-bit: small integers to V8, so Set lookups allocate nothing.
  return h | 0;
}

const STOP_HASHES = new Set([...STOP_WORDS].map(hashWord));

/** A pair of neighbouring words ("time series", "object detection"): phrases say more than their words. */
function pairHash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return h ^ (h >>> 16);
}

const bucketOf = (hash: number) => hash >>> (32 - TERM_BITS);

/**
 * Calls `emit(bucket)` for each term of `text`: its words (lowercased; stop words and bare numbers
 * dropped; plurals folded, "models" → "model") and each pair of neighbouring kept words.
 */
export function scanTerms(text: string, emit: (bucket: number) => void, pairs = true): void {
  // One pass per word: case folded, hashed, and the hashes before its last one and three letters
  // kept, so a plural ending can be dropped without reading the word again.
  const n = text.length;
  let prev = 0;
  let hasPrev = false;
  let i = 0;
  let c = n > 0 ? text.charCodeAt(0) : 0;
  while (i < n) {
    while (!isWordChar(c)) {
      if (++i >= n) return;
      c = text.charCodeAt(i);
    }
    const start = i;
    let letters = false;
    let h = FNV_OFFSET;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    while (i < n && isWordChar(c)) {
      const l = lowerCode(c);
      if (l > 57 || l < 48) letters = true;
      p3 = p2;
      p2 = p1;
      p1 = h;
      h = Math.imul(h ^ l, FNV_PRIME);
      c3 = c2;
      c2 = c1;
      c1 = l;
      c = ++i < n ? text.charCodeAt(i) : 0;
    }
    const len = i - start;
    if (len < 2 || !letters) continue;
    if (len > 3 && c1 === 115 /* s */) {
      if (len > 4 && c3 === 105 && c2 === 101 /* "ies" → "y" */) h = Math.imul(p3 ^ 121, FNV_PRIME);
      // Not "loss", "corpus", "analysis", "physics": a plural.
      else if (!(c2 === 115 || c2 === 117 || c2 === 105 || (c3 === 105 && c2 === 99))) h = p1;
    }
    h |= 0;
    if (STOP_HASHES.has(h)) continue;
    emit(bucketOf(h));
    if (hasPrev && pairs) emit(bucketOf(pairHash(prev, h)));
    prev = h;
    hasPrev = true;
  }
}

// Lowercase of each UTF-16 code unit, as String#toLowerCase gives it when it stays one unit; filled
// on first sight (0 = not yet).
const LOWER = new Uint16Array(65536);
function lowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  let l = LOWER[c]!;
  if (l === 0) {
    const s = String.fromCharCode(c).toLowerCase();
    l = s.length === 1 ? s.charCodeAt(0) : c;
    LOWER[c] = l;
  }
  return l;
}

export interface SimilarHit {
  /** Index into the papers the index was built over. */
  index: number;
  /** Cosine similarity, 0 to 1 (1: the same words in the same proportions). */
  score: number;
}

export interface SimilarIndex {
  /** The papers most like papers[index], most similar first; never the paper itself. */
  similar(index: number, limit?: number): SimilarHit[];
  /** Builds the index now (it is otherwise built on the first query). Returns the time it took in ms. */
  build(): number;
  /**
   * Builds the index in slices of a few ms, each in its own turn of the event loop (setImmediate), so
   * keys and frames go on meanwhile; resolves with the wall time in ms. The same index as build().
   * Calling it again while it runs gives the same promise; a query meanwhile builds synchronously.
   */
  buildSliced(options?: SlicedBuildOptions): Promise<number>;
  readonly built: boolean;
}

interface Built {
  /**
   * The term buckets found in two papers or more, ascending: a bucket's position here is its dense
   * id. (A lookup table over all 2M buckets was 8 MB held for a few lookups per query.)
   */
  denseBuckets: Uint32Array;
  /** By dense id. */
  idf: Float32Array;
  /** The idf of a term found in one paper only. */
  singleIdf: number;
  /**
   * Postings of dense term t, cut into segments of 65,536 papers as search/postings.ts does, so a
   * paper number takes 2 bytes: segment h holds postingDoc[postingStart[t * S + h] ..
   * postingStart[t * S + h + 1]), the papers (h << 16) | entry, with the term's count in each in
   * postingCount; S = segmentCount(papers). A posting's weight, tf · idf / the paper's norm, is
   * worked out from these when a query reads it, exactly as it was once stored (as a 32-bit float).
   * At 100,000 papers the postings run to ~12 M: 3 bytes each instead of 8 (~60 MB less).
   */
  postingStart: Uint32Array;
  postingDoc: Uint16Array;
  /** Counts of 255 and more are in bigPostingCounts, by posting position. */
  postingCount: Uint8Array;
  bigPostingCounts: Map<number, number>;
  /** 1 / the norm of each paper's vector (0 for a paper with no terms). */
  inverseNorm: Float64Array;
  segments: number;
  scores: Float32Array;
}

/** The dense id of a term bucket, or -1 (found in one paper or none). */
function denseIdOf(b: Built, bucket: number): number {
  const ids = b.denseBuckets;
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = ids[mid]!;
    if (x === bucket) return mid;
    if (x < bucket) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * A paper's distinct terms and their counts (title terms TITLE_WEIGHT times), written to
 * `terms`/`counts` from 0; returns how many. `buf` is scratch space, grown as needed.
 */
class TermCounter {
  buf = new Int32Array(4096);
  terms = new Int32Array(4096);
  counts = new Uint16Array(4096);
  private used = 0;
  private weight = 1;
  private readonly push = (bucket: number) => {
    if (this.used + this.weight > this.buf.length) {
      const b = new Int32Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    for (let w = 0; w < this.weight; w++) this.buf[this.used++] = bucket;
  };

  count(p: Paper): number {
    this.used = 0;
    this.weight = TITLE_WEIGHT;
    scanTerms(p.title, this.push);
    this.weight = 1;
    // Word pairs from the title only: an abstract's pairs improved rankings a little on the samples
    // but doubled the build (most of them occur once in a library and only cost time).
    scanTerms(p.abstract, this.push, false);
    const sorted = this.buf.subarray(0, this.used).sort();
    if (this.terms.length < this.used) {
      this.terms = new Int32Array(this.buf.length);
      this.counts = new Uint16Array(this.buf.length);
    }
    let distinct = 0;
    for (let k = 0; k < sorted.length; ) {
      const t = sorted[k]!;
      let j = k + 1;
      while (j < sorted.length && sorted[j] === t) j++;
      this.terms[distinct] = t;
      this.counts[distinct] = Math.min(j - k, 65535);
      distinct++;
      k = j;
    }
    return distinct;
  }
}

const tfWeight = (count: number) => 1 + Math.log(count);
/** tfWeight of every count a paper can hold (counts stop at 65535): the build's ~20M logs become lookups. */
const TF_WEIGHT = Float64Array.from({ length: 65536 }, (_, c) => (c === 0 ? 0 : tfWeight(c)));

/** Papers handled between two looks at the clock in a sliced build: a few ms of work each. */
const STEP_PAPERS = 64;

/**
 * The build, as steps: yields after every STEP_PAPERS papers (and between its phases) with the
 * fraction done, returns the index. The sync build runs it straight through, the sliced one a few
 * steps per turn of the event loop: the same code, so the same index.
 */
function* buildSteps(papers: readonly Paper[]): Generator<number, Built, void> {
  const n = papers.length;
  const v = 1 << TERM_BITS;
  const counter = new TermCounter();
  // Each paper's distinct terms and counts, flat and packed (entryOf): paper d holds
  // [docStart[d], docStart[d+1]). ~12 M entries at 100,000 papers, the bulk of the build's memory.
  const docStart = new Int32Array(n + 1);
  let entries = new Uint32Array(1 << 16);
  /** Counts too large for an entry's bits, by entry position (a term written ~2,000 times in one paper). */
  const bigCounts = new Map<number, number>();
  let used = 0;
  let df: Int32Array | null = new Int32Array(v);
  // Reading the papers is most of the work; the rest splits about evenly.
  const READ = 0.7;
  for (let d = 0; d < n; d++) {
    if (d % STEP_PAPERS === 0 && d > 0) yield (READ * d) / n;
    const k = counter.count(papers[d]!);
    if (used + k > entries.length) {
      // Sized for the whole library from the papers read so far: each reallocation is tens of MB
      // that V8 counts as external memory, and enough of it sets off a full GC (~300 ms at 100,000
      // papers, whose text fills the heap), so doubling step by step cost several of those.
      const size = Math.max(entries.length * 2, used + k, Math.ceil(((used + k) / (d + 1)) * n * 1.1));
      const bigger = new Uint32Array(size);
      bigger.set(entries.subarray(0, used));
      entries = bigger;
    }
    const { terms, counts } = counter;
    for (let j = 0; j < k; j++) {
      const c = counts[j]!;
      if (c >= COUNT_MASK) bigCounts.set(used + j, c);
      entries[used + j] = entryOf(terms[j]!, c);
      df[terms[j]!]!++;
    }
    used += k;
    docStart[d + 1] = used;
  }
  yield READ;
  // A term in one paper only can never make two papers alike: it counts in the paper's norm but
  // gets no postings (model names, typos and most title word pairs of a large library). The others
  // get dense ids, so the arrays the second pass hits at random are small enough to stay in cache.
  let dense: Int32Array | null = new Int32Array(v).fill(NO_POSTINGS);
  let m = 0;
  for (let t = 0; t < v && m < NO_POSTINGS; t++) if (df[t]! > 1) dense[t] = m++;
  yield READ + 0.02;
  const segments = segmentCount(n);
  const denseBuckets = new Uint32Array(m);
  const idf = new Float32Array(m);
  for (let t = 0; t < v; t++) {
    const id = dense[t]!;
    if (id === NO_POSTINGS) continue;
    denseBuckets[id] = t;
    idf[id] = Math.log(1 + n / df[t]!);
  }
  df = null;
  const singleIdf = Math.log(1 + n);
  yield READ + 0.05;
  // Postings per dense term and segment of papers, counted as the entries' terms are made dense.
  const postingStart = new Uint32Array(m * segments + 1);
  for (let d = 0, k = 0; d < n; d++) {
    if (d % (STEP_PAPERS * 8) === 0 && d > 0) yield READ + 0.05 + (0.05 * d) / n;
    const h = d >>> 16;
    for (const end = docStart[d + 1]!; k < end; k++) {
      const e = entries[k]!;
      const t = dense[e >>> COUNT_BITS]!;
      entries[k] = entryOf(t, e & COUNT_MASK);
      if (t !== NO_POSTINGS) postingStart[t * segments + h + 1]!++;
    }
  }
  dense = null;
  for (let i = 0; i < m * segments; i++) postingStart[i + 1]! += postingStart[i]!;
  const total = postingStart[m * segments]!;
  const postingDoc = new Uint16Array(total);
  const postingCount = new Uint8Array(total);
  const bigPostingCounts = new Map<number, number>();
  const inverseNorm = new Float64Array(n);
  const fill = postingStart.slice(0, m * segments);
  yield READ + 0.1;
  const rest = 1 - READ - 0.1;
  const countAt = (k: number, e: number): number => {
    const c = e & COUNT_MASK;
    return c === COUNT_MASK ? bigCounts.get(k)! : c;
  };
  for (let d = 0; d < n; d++) {
    if (d % STEP_PAPERS === 0 && d > 0) yield READ + 0.1 + (rest * d) / n;
    let norm = 0;
    for (let k = docStart[d]!; k < docStart[d + 1]!; k++) {
      const e = entries[k]!;
      const t = e >>> COUNT_BITS;
      const w = TF_WEIGHT[countAt(k, e)]! * (t === NO_POSTINGS ? singleIdf : idf[t]!);
      norm += w * w;
    }
    if (norm === 0) continue;
    inverseNorm[d] = 1 / Math.sqrt(norm);
    const h = d >>> 16;
    for (let k = docStart[d]!; k < docStart[d + 1]!; k++) {
      const e = entries[k]!;
      const t = e >>> COUNT_BITS;
      if (t === NO_POSTINGS) continue;
      const at = fill[t * segments + h]!++;
      postingDoc[at] = d & 0xffff;
      const c = countAt(k, e);
      if (c >= 255) bigPostingCounts.set(at, c);
      postingCount[at] = Math.min(c, 255);
    }
  }
  return { denseBuckets, idf, singleIdf, postingStart, postingDoc, postingCount, bigPostingCounts, inverseNorm, segments, scores: new Float32Array(n) };
}

// A build entry: a term bucket (TERM_BITS) and its count in the paper (COUNT_BITS; from COUNT_MASK
// on, the count is in bigCounts), in one 32-bit number instead of 6 bytes in two arrays.
const COUNT_BITS = 32 - TERM_BITS;
const COUNT_MASK = (1 << COUNT_BITS) - 1;
/** The term of an entry that has no postings (found in one paper only). */
const NO_POSTINGS = (1 << TERM_BITS) - 1;
const entryOf = (term: number, count: number): number => ((term << COUNT_BITS) | Math.min(count, COUNT_MASK)) >>> 0;

function buildIndex(papers: readonly Paper[]): Built {
  return runSteps(buildSteps(papers));
}

export interface SlicedBuildOptions {
  /** Called between slices with the fraction done, 0 to 1. */
  progress?: (fraction: number) => void;
  /** Aborting stops the build at the next slice; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Work per slice before the event loop gets a turn (default 8 ms). */
  sliceMs?: number;
}

/** A similarity index over `papers` (kept by reference: do not change the array afterwards). */
export function createSimilarIndex(papers: readonly Paper[]): SimilarIndex {
  let built: Built | null = null;
  const ensure = (): Built => (built ??= buildIndex(papers));
  let sliced: Promise<number> | undefined;

  return {
    get built() {
      return built !== null;
    },
    build() {
      const t = performance.now();
      ensure();
      return performance.now() - t;
    },
    buildSliced(options = {}) {
      if (built) return Promise.resolve(0);
      if (sliced) return sliced;
      const { progress, signal, sliceMs = 8 } = options;
      const t = performance.now();
      const steps = buildSteps(papers);
      const run = new Promise<number>((resolve, reject) => {
        const slice = () => {
          try {
            if (signal?.aborted) throw signal.reason;
            // Built meanwhile by a query: nothing left to do.
            if (built) return resolve(performance.now() - t);
            const until = performance.now() + sliceMs;
            let fraction = 0;
            for (;;) {
              const r = steps.next();
              if (r.done) {
                built = r.value;
                progress?.(1);
                return resolve(performance.now() - t);
              }
              fraction = r.value;
              if (performance.now() >= until) break;
            }
            progress?.(fraction);
            setImmediate(slice);
          } catch (err) {
            reject(err);
          }
        };
        setImmediate(slice);
      });
      sliced = run;
      // An aborted or failed build can be started again.
      run.catch(() => {
        if (sliced === run) sliced = undefined;
      });
      return run;
    },
    similar(index, limit = 10) {
      const paper = papers[index];
      if (!paper || limit < 1) return [];
      const b = ensure();
      const counter = new TermCounter();
      const distinct = counter.count(paper);
      // The query vector, normalised over all its terms, then cut to its strongest ones.
      const q: { t: number; w: number }[] = [];
      let norm = 0;
      for (let j = 0; j < distinct; j++) {
        const t = denseIdOf(b, counter.terms[j]!);
        const w = tfWeight(counter.counts[j]!) * (t < 0 ? b.singleIdf : b.idf[t]!);
        norm += w * w;
        if (t >= 0) q.push({ t, w });
      }
      if (norm === 0 || q.length === 0) return [];
      q.sort((x, y) => y.w - x.w || x.t - y.t);
      q.length = Math.min(q.length, QUERY_TERMS);
      const inv = 1 / Math.sqrt(norm);
      const { scores, postingStart, postingDoc, postingCount, bigPostingCounts, inverseNorm, segments } = b;
      const touched: number[] = [];
      for (const { t, w } of q) {
        const qw = w * inv;
        const termIdf = b.idf[t]!;
        for (let h = 0, o = t * segments; h < segments; h++, o++) {
          const high = h << 16;
          for (let k = postingStart[o]!; k < postingStart[o + 1]!; k++) {
            const d = high | postingDoc[k]!;
            if (scores[d] === 0) touched.push(d);
            // The posting's weight, rounded to 32 bits as it was when it was stored.
            let c = postingCount[k]!;
            if (c === 255) c = bigPostingCounts.get(k)!;
            scores[d]! += qw * Math.fround(TF_WEIGHT[c]! * termIdf * inverseNorm[d]!);
          }
        }
      }
      const hits: SimilarHit[] = [];
      for (const d of touched) {
        const score = scores[d]!;
        scores[d] = 0;
        if (d === index) continue;
        if (hits.length < limit) {
          hits.push({ index: d, score });
          if (hits.length === limit) hits.sort(byScore);
        } else if (score > hits[limit - 1]!.score || (score === hits[limit - 1]!.score && d < hits[limit - 1]!.index)) {
          hits[limit - 1] = { index: d, score };
          // Insertion step: the list stays sorted with one element out of place.
          for (let i = limit - 1; i > 0 && byScore(hits[i]!, hits[i - 1]!) < 0; i--) [hits[i], hits[i - 1]] = [hits[i - 1]!, hits[i]!];
        }
      }
      hits.sort(byScore);
      // Float32 sums can pass 1 by a rounding error.
      for (const h of hits) h.score = Math.min(1, h.score);
      return hits;
    },
  };
}

// Ties by index: papers earlier in the library (newer) first, so results never depend on chance.
const byScore = (a: SimilarHit, b: SimilarHit) => b.score - a.score || a.index - b.index;
