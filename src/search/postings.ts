/**
 * Which papers contain each word. Rare words keep a sorted list of paper numbers; a word in at
 * least 1/32 of the papers keeps a bitset instead (never larger than its list would be), so the
 * common words a short pattern matches cost a few thousand 32-bit ORs instead of a pass over
 * tens of thousands of list entries.
 */
export class Postings {
  private constructor(
    readonly paperCount: number,
    /** List of word w: docs[offsets[w] .. offsets[w + 1]) (empty for bitset words). */
    private readonly offsets: Uint32Array,
    private readonly docs: Uint32Array,
    /** Bitset number of each word, -1 for list words. */
    private readonly slot: Int32Array,
    private readonly bits: Uint32Array,
  ) {}

  /**
   * `forward` holds each paper's distinct word ids, paper d's ending at paperEnd[d]; it is emptied
   * (each block let go once copied, so the list and the postings are not both held whole). A
   * generator: it yields between passes over the entries so a caller can keep its event loop turning.
   */
  static *build(forward: BlockList, paperEnd: Uint32Array, wordCount: number): Generator<void, Postings, void> {
    const n = paperEnd.length;
    const span = bitsetLength(n);
    const df = new Uint32Array(wordCount);
    for (const block of forward.filled()) for (let i = 0; i < block.length; i++) df[block[i]!]!++;
    yield;
    const slot = new Int32Array(wordCount).fill(-1);
    let slots = 0;
    const offsets = new Uint32Array(wordCount + 1);
    for (let w = 0; w < wordCount; w++) {
      const asBits = n >= 1024 && df[w]! * 32 >= n;
      if (asBits) slot[w] = slots++;
      offsets[w + 1] = offsets[w]! + (asBits ? 0 : df[w]!);
    }
    const docs = new Uint32Array(offsets[wordCount]!);
    const bits = new Uint32Array(slots * span);
    const next = offsets.slice(0, wordCount);
    let d = 0;
    let i = 0;
    for (const block of forward.drain()) {
      for (let j = 0; j < block.length; j++, i++) {
        while (i >= paperEnd[d]!) d++;
        const w = block[j]!;
        const s = slot[w]!;
        if (s >= 0) bits[s * span + (d >>> 5)]! |= 1 << (d & 31);
        else docs[next[w]!++] = d;
      }
      yield;
    }
    return new Postings(n, offsets, docs, slot, bits);
  }

  /** Sets the bit of every paper containing `word` in `target` (a bitset over all papers). */
  orInto(word: number, target: Uint32Array): void {
    const s = this.slot[word]!;
    if (s >= 0) {
      const span = target.length;
      const { bits } = this;
      for (let i = 0, at = s * span; i < span; i++, at++) target[i]! |= bits[at]!;
      return;
    }
    const { docs } = this;
    for (let p = this.offsets[word]!, end = this.offsets[word + 1]!; p < end; p++) {
      const d = docs[p]!;
      target[d >>> 5]! |= 1 << (d & 31);
    }
  }

  /** The arrays it is made of, for the index cache (index-cache.ts). */
  parts(): PostingsParts {
    return { paperCount: this.paperCount, offsets: this.offsets, docs: this.docs, slot: this.slot, bits: this.bits };
  }

  /** Rebuilt from parts(), after checks that every array fits the others (a cache file can be damaged). */
  static fromParts(p: PostingsParts, wordCount: number): Postings {
    const span = bitsetLength(p.paperCount);
    const fits =
      p.offsets.length === wordCount + 1 &&
      p.slot.length === wordCount &&
      p.offsets[0] === 0 &&
      p.offsets[wordCount] === p.docs.length &&
      p.bits.length % Math.max(1, span) === 0;
    if (!fits) throw new Error('postings do not fit together');
    const slots = span === 0 ? 0 : p.bits.length / span;
    for (let w = 0; w < wordCount; w++) {
      if (p.offsets[w + 1]! < p.offsets[w]! || p.slot[w]! >= slots) throw new Error('postings do not fit together');
    }
    for (let i = 0; i < p.docs.length; i++) if (p.docs[i]! >= p.paperCount) throw new Error('postings name a paper that does not exist');
    return new Postings(p.paperCount, p.offsets, p.docs, p.slot, p.bits);
  }

  get bytes(): number {
    return this.offsets.byteLength + this.docs.byteLength + this.slot.byteLength + this.bits.byteLength;
  }
}

export interface PostingsParts {
  paperCount: number;
  offsets: Uint32Array;
  docs: Uint32Array;
  slot: Int32Array;
  bits: Uint32Array;
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
