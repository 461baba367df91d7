/**
 * Which papers contain each word. Rare words keep a sorted list of paper numbers; a word in at
 * least 1/32 of the papers keeps a bitset instead (never larger than its list would be), so the
 * common words a short pattern matches cost a few thousand 32-bit ORs instead of a pass over
 * tens of thousands of list entries.
 *
 * A list holds the low 16 bits of each paper number, cut into segments of 65,536 papers that each
 * have their own start: 2 bytes per entry instead of 4 (at 100,000 papers the lists are ~6 M
 * entries, so ~12 MB less to hold, write and read), for one extra start per word and segment.
 */
export class Postings {
  private constructor(
    readonly paperCount: number,
    /**
     * Segment h of word w's list: docs[offsets[w * S + h] .. offsets[w * S + h + 1]), holding the
     * papers (h << 16) | entry; S = segmentCount(paperCount). Empty for bitset words.
     */
    private readonly offsets: Uint32Array,
    private readonly docs: Uint16Array,
    /** Bitset number of each word, -1 for list words. */
    private readonly slot: Int32Array,
    /** Bitset s is bits[s >> 6] from (s & 63) * bitsetLength(paperCount) on: 64 bitsets a block. */
    private readonly bits: readonly Uint32Array[],
  ) {}

  /**
   * The postings of what `gathered` collected (PostingsGatherer): each paper's distinct word ids in
   * its forward list, paper d's ending at position paperEnd[d], and the bitsets of the words that
   * became common on the way. The forward list is emptied (each block let go once copied, so the
   * list and the postings are not both held whole). A generator: it yields between passes over the
   * entries so a caller can keep its event loop turning.
   */
  static *build(gathered: PostingsGatherer, paperEnd: Uint32Array, wordCount: number): Generator<void, Postings, void> {
    const n = paperEnd.length;
    const forward = gathered.forward;
    const segments = segmentCount(n);
    const { slot, bits } = gathered.bitsets(wordCount);
    if (segments === 1 && bits.length === 0 && wordCount <= WIDE) return Postings.narrow(gathered.forward, paperEnd, wordCount, slot);
    const span = bitsetLength(n);
    // Entries per word and segment; papers come in order, so paper d is in segment d >>> 16.
    const count = new Uint32Array(wordCount * segments + 1);
    {
      let d = 0;
      let i = 0;
      for (const block of forward.filled()) {
        for (let j = 0; j < block.length; j++, i++) {
          let w = block[j]!;
          if (w >= WIDE) {
            if (w === PAD) continue;
            w = ((w & 0x7fff) << 15) | block[++j]!;
            i++;
          }
          while (i >= paperEnd[d]!) d++;
          count[w * segments + (d >>> 16)]!++;
        }
      }
    }
    yield;
    const offsets = new Uint32Array(wordCount * segments + 1);
    let at = 0;
    for (let w = 0; w < wordCount; w++) {
      const asBits = slot[w]! >= 0;
      for (let h = 0; h < segments; h++) {
        offsets[w * segments + h] = at;
        if (!asBits) at += count[w * segments + h]!;
      }
    }
    offsets[wordCount * segments] = at;
    const docs = new Uint16Array(at);
    const next = offsets.slice(0, wordCount * segments);
    let d = 0;
    let i = 0;
    for (const block of forward.drain()) {
      for (let j = 0; j < block.length; j++, i++) {
        let w = block[j]!;
        if (w >= WIDE) {
          if (w === PAD) continue;
          w = ((w & 0x7fff) << 15) | block[++j]!;
          i++;
        }
        while (i >= paperEnd[d]!) d++;
        const s = slot[w]!;
        // A bitset word's first papers, from before it turned common.
        if (s >= 0) bits[s >> 6]![(s & 63) * span + (d >>> 5)]! |= 1 << (d & 31);
        else docs[next[w * segments + (d >>> 16)]!++] = d & 0xffff;
      }
      yield;
    }
    return new Postings(n, offsets, docs, slot, bits);
  }

  /**
   * build() when every entry is one unit, in one segment, and no word is a bitset: a small
   * library's, whose index is built in a fresh process as bytecode (see FORMS_PAPERS in
   * word-index.ts), where the general loops cost twice these.
   */
  private static narrow(forward: ForwardList, paperEnd: Uint32Array, wordCount: number, slot: Int32Array): Postings {
    const blocks = forward.filled();
    forward.clear();
    // Entries per word at offsets[w + 1], then summed into where each word's list starts.
    const offsets = new Uint32Array(wordCount + 1);
    for (const block of blocks) for (let j = 0, n = block.length; j < n; j++) offsets[block[j]! + 1]!++;
    for (let w = 1, sum = 0; w <= wordCount; w++) offsets[w] = sum += offsets[w]!;
    const docs = new Uint16Array(offsets[wordCount]!);
    const next = offsets.slice(0, wordCount);
    // A paper's entries at a time (they may run on into the next block).
    let d = 0;
    let at = 0;
    for (const block of blocks) {
      const n = block.length;
      for (let j = 0; j < n; ) {
        while (paperEnd[d]! <= at + j) d++;
        const stop = Math.min(n, paperEnd[d]! - at);
        for (; j < stop; j++) docs[next[block[j]!]!++] = d;
      }
      at += n;
    }
    return new Postings(paperEnd.length, offsets, docs, slot, []);
  }

  /** Sets the bit of every paper containing `word` in `target` (a bitset over all papers). */
  orInto(word: number, target: Uint32Array): void {
    const s = this.slot[word]!;
    if (s >= 0) {
      const span = target.length;
      const bits = this.bits[s >> 6]!;
      for (let i = 0, at = (s & 63) * span; i < span; i++, at++) target[i]! |= bits[at]!;
      return;
    }
    const { docs, offsets } = this;
    const segments = segmentCount(this.paperCount);
    for (let h = 0, o = word * segments; h < segments; h++, o++) {
      const high = h << 16;
      for (let p = offsets[o]!, end = offsets[o + 1]!; p < end; p++) {
        const d = high | docs[p]!;
        target[d >>> 5]! |= 1 << (d & 31);
      }
    }
  }

  /**
   * The postings of an index update (index-update.ts): `kept`'s, over the papers of an earlier
   * index, with paper o renumbered to[o] (dropped when -1), joined with `fresh`'s (the papers read
   * again, numbered as in the new library); the word ids are the same in both. Each word's papers
   * are what a build over the new library gives, kept as a bitset on the same rule (in at least
   * 1/32 of the papers, from 1,024 on). Yields about every STEP_ENTRIES entries.
   */
  static *union(kept: Postings, to: Int32Array, fresh: Postings, wordCount: number): Generator<void, Postings, void> {
    const joining = new Union(kept, to, fresh, wordCount);
    // A word at a time, in a plain method: V8 compiles a generator's own loop less well.
    for (let w = 0, work = 0; w < wordCount; w++) {
      work += joining.word(w);
      if (work >= STEP_ENTRIES) {
        work = 0;
        yield;
      }
    }
    const { offsets, docs, slot, blocks, slots, at } = joining;
    offsets[wordCount * joining.segments] = at;
    const inLast = slots & 63;
    if (inLast !== 0) blocks[blocks.length - 1] = blocks[blocks.length - 1]!.subarray(0, inLast * joining.span);
    return new Postings(fresh.paperCount, offsets, docs.slice(0, at), slot, blocks);
  }

  /** Writes the papers of `word` into `out`, ascending; returns how many. */
  papersOf(word: number, out: Int32Array): number {
    let count = 0;
    const s = this.slot[word]!;
    if (s >= 0) {
      const span = bitsetLength(this.paperCount);
      const bits = this.bits[s >> 6]!;
      for (let i = 0, at = (s & 63) * span; i < span; i++, at++) {
        let x = bits[at]!;
        while (x !== 0) {
          const low = x & -x;
          out[count++] = (i << 5) + 31 - Math.clz32(low);
          x ^= low;
        }
      }
      return count;
    }
    const { docs, offsets } = this;
    const segments = segmentCount(this.paperCount);
    for (let h = 0, o = word * segments; h < segments; h++, o++) {
      const high = h << 16;
      for (let p = offsets[o]!, end = offsets[o + 1]!; p < end; p++) out[count++] = high | docs[p]!;
    }
    return count;
  }

  /** The arrays it is made of, for the index cache (index-cache.ts). */
  parts(): PostingsParts {
    return { paperCount: this.paperCount, offsets: this.offsets, docs: this.docs, slot: this.slot, bits: this.bits };
  }

  /** Rebuilt from parts(), after checks that every array fits the others (a cache file can be damaged). */
  static fromParts(p: PostingsParts, wordCount: number): Postings {
    const span = bitsetLength(p.paperCount);
    const segments = segmentCount(p.paperCount);
    const starts = wordCount * segments;
    const bitWords = p.bits.reduce((sum, b) => sum + b.length, 0);
    const fits =
      p.offsets.length === starts + 1 &&
      p.slot.length === wordCount &&
      p.offsets[0] === 0 &&
      p.offsets[starts] === p.docs.length &&
      bitWords % Math.max(1, span) === 0;
    if (!fits) throw new Error('postings do not fit together');
    const slots = span === 0 ? 0 : bitWords / span;
    for (let w = 0; w < wordCount; w++) if (p.slot[w]! >= slots) throw new Error('postings do not fit together');
    for (let o = 0; o < starts; o++) if (p.offsets[o + 1]! < p.offsets[o]!) throw new Error('postings do not fit together');
    // Only the last segment can name a paper past the end: the others cover 65,536 papers each.
    const lastHigh = (segments - 1) << 16;
    for (let w = 0; w < wordCount; w++) {
      const o = w * segments + segments - 1;
      for (let q = p.offsets[o]!, end = p.offsets[o + 1]!; q < end; q++) {
        if ((lastHigh | p.docs[q]!) >= p.paperCount) throw new Error('postings name a paper that does not exist');
      }
    }
    // In blocks of 64 bitsets, as built: views of the one array a cache file holds.
    const all = p.bits.length === 1 ? p.bits[0]! : Uint32Array.from(p.bits.flatMap((b) => [...b]));
    const blocks: Uint32Array[] = [];
    for (let at = 0; at < all.length; at += 64 * span) blocks.push(all.subarray(at, Math.min(all.length, at + 64 * span)));
    return new Postings(p.paperCount, p.offsets, p.docs, p.slot, blocks);
  }

  get bytes(): number {
    return this.offsets.byteLength + this.docs.byteLength + this.slot.byteLength + this.bits.reduce((sum, b) => sum + b.byteLength, 0);
  }
}

/** Postings.union's work, a word at a time. */
class Union {
  readonly segments: number;
  readonly span: number;
  readonly offsets: Uint32Array;
  readonly slot: Int32Array;
  readonly blocks: Uint32Array[] = [];
  slots = 0;
  docs: Uint16Array;
  at = 0;
  private readonly threshold: number;
  private readonly old: Int32Array;
  private readonly added: Int32Array;
  private readonly joined: Int32Array;
  private readonly keptWords: number;

  constructor(
    private readonly kept: Postings,
    private readonly to: Int32Array,
    private readonly fresh: Postings,
    wordCount: number,
  ) {
    const n = fresh.paperCount;
    this.segments = segmentCount(n);
    this.span = bitsetLength(n);
    this.threshold = n >= 1024 ? Math.ceil(n / 32) : NEVER;
    this.offsets = new Uint32Array(wordCount * this.segments + 1);
    this.slot = new Int32Array(wordCount).fill(-1);
    this.docs = new Uint16Array(Math.max(1024, kept.parts().docs.length + fresh.parts().docs.length));
    this.old = new Int32Array(Math.max(kept.paperCount, 1));
    this.added = new Int32Array(Math.max(n, 1));
    this.joined = new Int32Array(Math.max(n, 1));
    this.keptWords = kept.parts().slot.length;
  }

  /** Joins word w's papers; returns about how much work that was. */
  word(w: number): number {
    const { old, added, joined, to, segments } = this;
    // The word's kept papers, renumbered (in order as long as the kept papers keep theirs).
    let a = 0;
    let count = 0;
    if (w < this.keptWords) {
      count = this.kept.papersOf(w, old);
      let ordered = true;
      for (let i = 0; i < count; i++) {
        const d = to[old[i]!]!;
        if (d < 0) continue;
        if (a > 0 && d < old[a - 1]!) ordered = false;
        old[a++] = d;
      }
      if (!ordered) old.subarray(0, a).sort();
    }
    const b = this.fresh.papersOf(w, added);
    // Merged: a paper read again is never also a kept one.
    let total = 0;
    if (b === 0) total = a;
    else for (let i = 0, j = 0; i < a || j < b; ) joined[total++] = j >= b || (i < a && old[i]! < added[j]!) ? old[i++]! : added[j++]!;
    const list = b === 0 ? old : joined;
    if (total >= this.threshold) {
      for (let h = 0; h < segments; h++) this.offsets[w * segments + h] = this.at;
      const s = this.slots++;
      if ((s & 63) === 0) this.blocks.push(new Uint32Array(64 * this.span));
      this.slot[w] = s;
      const bits = this.blocks[s >> 6]!;
      const base = (s & 63) * this.span;
      for (let i = 0; i < total; i++) bits[base + (list[i]! >>> 5)]! |= 1 << (list[i]! & 31);
    } else {
      let at = this.at;
      let docs = this.docs;
      if (at + total > docs.length) {
        const bigger = new Uint16Array(Math.max(2 * docs.length, at + total));
        bigger.set(docs.subarray(0, at));
        docs = this.docs = bigger;
      }
      for (let h = 0, i = 0; h < segments; h++) {
        this.offsets[w * segments + h] = at;
        for (const limit = (h + 1) << 16; i < total && list[i]! < limit; i++) docs[at++] = list[i]! & 0xffff;
      }
      this.at = at;
    }
    return count + total + 1;
  }
}

/** Entries Postings.union works through between yields: ~10 ms here. */
const STEP_ENTRIES = 1 << 20;

export interface PostingsParts {
  paperCount: number;
  offsets: Uint32Array;
  docs: Uint16Array;
  slot: Int32Array;
  /** The bitsets, in order, in one or more pieces (each a whole number of bitsets). */
  bits: readonly Uint32Array[];
}

/**
 * What the index build gathers for one field, paper by paper (set `paper`, then `push` each of its
 * distinct word ids): the forward lists, except that a word seen in 1/32 of all papers is from then
 * on set straight into its own bitset (it will be stored as one, see Postings). The common words
 * make most of the entries, so the forward lists, the largest thing a cold start holds, stay a
 * fraction of their size (at 100,000 papers ~6 M entries instead of ~20 M).
 */
export class PostingsGatherer {
  readonly forward = new ForwardList();
  /** The paper whose words are being pushed. */
  paper = 0;
  /** Per word: how many papers it was pushed for while below the threshold, or ~slot once a bitset. */
  private state: Int32Array;
  private readonly blocks: Uint32Array[] = [];
  private slots = 0;
  private readonly span: number;
  private readonly threshold: number;

  /** `words`: room for word ids below it before the per-word state grows (see vocabularyCapacity in word-index.ts). */
  constructor(papers: number, words = 1024) {
    this.state = new Int32Array(words);
    this.span = bitsetLength(papers);
    // As Postings decides: a bitset from 1,024 papers on, for a word in at least 1/32 of them.
    this.threshold = papers >= 1024 ? Math.ceil(papers / 32) : NEVER;
  }

  /** Position in the forward list: what paperEnd records. */
  get length(): number {
    return this.forward.length;
  }

  push(word: number): void {
    const state = word < this.state.length ? this.state : this.grow(word);
    const v = state[word]!;
    if (v < 0) {
      const s = ~v;
      const d = this.paper;
      this.blocks[s >> 6]![(s & 63) * this.span + (d >>> 5)]! |= 1 << (d & 31);
      return;
    }
    this.forward.push(word);
    state[word] = v + 1 >= this.threshold ? ~this.newSlot() : v + 1;
  }

  /**
   * push() for each of words[0..count), every one below `below`: one call per field instead of one
   * per word (the index build of a small library runs as bytecode, where calls are dear), and one
   * copy when no word can turn into a bitset.
   */
  pushAll(words: Int32Array, count: number, below: number): void {
    if (this.threshold === NEVER && this.forward.pushAll(words, count, below)) return;
    for (let i = 0; i < count; i++) this.push(words[i]!);
  }

  /** Each word's bitset number (-1: a list) and the bitsets, in blocks of 64. */
  bitsets(wordCount: number): { slot: Int32Array; bits: Uint32Array[] } {
    const slot = new Int32Array(wordCount).fill(-1);
    // Only words that became bitsets have a negative state: none in a small library.
    const state = this.state;
    const known = this.slots === 0 ? 0 : Math.min(wordCount, state.length);
    for (let w = 0; w < known; w++) if (state[w]! < 0) slot[w] = ~state[w]!;
    const bits = this.blocks.slice();
    // The last block cut to the bitsets it holds.
    const inLast = this.slots & 63;
    if (inLast !== 0) bits[bits.length - 1] = bits[bits.length - 1]!.subarray(0, inLast * this.span);
    return { slot, bits };
  }

  private newSlot(): number {
    const s = this.slots++;
    if ((s & 63) === 0) this.blocks.push(new Uint32Array(64 * this.span));
    return s;
  }

  private grow(word: number): Int32Array {
    const state = new Int32Array(Math.max(this.state.length * 2, word + 1));
    state.set(this.state);
    this.state = state;
    return state;
  }
}

/**
 * An append-only list of 32-bit numbers in blocks: growing it never copies (a doubling array of
 * 20 M entries stalls for the copy and leaves the garbage collector a large block to reclaim).
 */
export class BlockList {
  private readonly blocks: Uint32Array[] = [];
  private current = new Uint32Array(0);
  private used = 0;
  length = 0;

  push(value: number): void {
    if (this.used === this.current.length) {
      this.current = new Uint32Array(1 << Math.min(20, 16 + this.blocks.length));
      this.blocks.push(this.current);
      this.used = 0;
    }
    this.current[this.used++] = value;
    this.length++;
  }

  /** The blocks, each cut to its filled part. */
  filled(): Uint32Array[] {
    return this.blocks.map((b) => (b === this.current ? b.subarray(0, this.used) : b));
  }

  /** The filled blocks, as filled() gives them, leaving the list empty; each is forgotten once the next is taken. */
  *drain(): Generator<Uint32Array, void, void> {
    const blocks = this.filled();
    this.blocks.length = 0;
    this.current = new Uint32Array(0);
    this.used = 0;
    this.length = 0;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      blocks[i] = EMPTY;
      yield block;
    }
  }

  toArray(): Uint32Array {
    const out = new Uint32Array(this.length);
    let at = 0;
    for (const b of this.filled()) {
      out.set(b, at);
      at += b.length;
    }
    return out;
  }
}

const EMPTY = new Uint32Array(0);

/** A threshold no word reaches: libraries below 1,024 papers keep no bitsets. */
const NEVER = 2 ** 31 - 1;

/** First unit of a ForwardList entry that takes two units, and the unit that fills a block's last slot instead. */
const WIDE = 0x8000;
const PAD = 0xffff;

/**
 * The index build's per-paper lists of distinct word ids, in paper order: every word occurrence
 * that is new to its paper, ~20 M entries at 100,000 papers, the largest thing a cold start holds.
 * Two bytes per id below 32,768 (nearly all of them: the common words come first and get the
 * small ids), four above, instead of four for every one. Positions (`length`, what paperEnd
 * records) count units, not ids. Like BlockList, it grows in blocks and never copies.
 */
export class ForwardList {
  private readonly blocks: Uint16Array[] = [];
  private current = new Uint16Array(0);
  private used = 0;
  length = 0;

  push(id: number): void {
    if (id < WIDE && this.used < this.current.length) {
      this.current[this.used++] = id;
      this.length++;
      return;
    }
    this.pushSlow(id);
  }

  /** push() for each of ids[0..count), all below `below`, if they fit the current block in one unit each; else false, and nothing pushed. */
  pushAll(ids: Int32Array, count: number, below: number): boolean {
    if (below > WIDE || this.current.length - this.used < count) return false;
    this.current.set(ids.subarray(0, count), this.used);
    this.used += count;
    this.length += count;
    return true;
  }

  private pushSlow(id: number): void {
    if (!(id >= 0 && id < MAX_FORWARD_ID)) throw new RangeError(`word id ${id} out of range`);
    const units = id < WIDE ? 1 : 2;
    if (this.current.length - this.used < units) {
      // A wide id never straddles two blocks: its block's last slot is padded.
      if (this.used < this.current.length) {
        this.current[this.used++] = PAD;
        this.length++;
      }
      this.current = new Uint16Array(1 << Math.min(21, 17 + this.blocks.length));
      this.blocks.push(this.current);
      this.used = 0;
    }
    if (units === 1) {
      this.current[this.used++] = id;
    } else {
      this.current[this.used++] = WIDE | (id >>> 15);
      this.current[this.used++] = id & 0x7fff;
    }
    this.length += units;
  }

  /** The blocks, each cut to its filled part. */
  filled(): Uint16Array[] {
    return this.blocks.map((b) => (b === this.current ? b.subarray(0, this.used) : b));
  }

  /** Empties the list (what filled() gave stays valid). */
  clear(): void {
    this.blocks.length = 0;
    this.current = new Uint16Array(0);
    this.used = 0;
    this.length = 0;
  }

  /** The filled blocks, as filled() gives them, leaving the list empty; each is forgotten once the next is taken. */
  *drain(): Generator<Uint16Array, void, void> {
    const blocks = this.filled();
    this.blocks.length = 0;
    this.current = new Uint16Array(0);
    this.used = 0;
    this.length = 0;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      blocks[i] = EMPTY16;
      yield block;
    }
  }
}

const EMPTY16 = new Uint16Array(0);
/** The first unit of a wide id must not be PAD: ids stay below (0x7fff << 15). */
const MAX_FORWARD_ID = 0x7fff << 15;

/** Segments of 65,536 papers a word's list is cut into (at least one). */
export function segmentCount(papers: number): number {
  return Math.max(1, Math.ceil(papers / 65536));
}

export function bitsetLength(papers: number): number {
  return (papers + 31) >>> 5;
}

/** Calls fn(d) for each set bit, in increasing order. */
export function forEachBit(bits: Uint32Array, fn: (d: number) => void): void {
  for (let i = 0; i < bits.length; i++) {
    let x = bits[i]!;
    while (x !== 0) {
      const low = x & -x;
      fn((i << 5) + 31 - Math.clz32(low));
      x ^= low;
    }
  }
}
