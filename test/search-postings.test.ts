// The postings lists past 65,536 papers: entries are stored as 16-bit numbers per segment of 65,536
// papers, so a paper on either side of a segment edge must come back as itself.
import { describe, expect, it } from 'vitest';
import { bitsetLength, forEachBit, Postings, PostingsGatherer } from '../src/search/postings.js';

const PAPERS = 140_000;
// Word 0 is in every third paper (a bitset), word 1 in one paper in 50 (a list across all three
// segments), word 2 only at the segment edges and the very last paper, word 3 nowhere; the last two
// have ids that the build's forward lists store in two units (ids from 32,768 on): one in every
// other paper (a bitset, set straight into its bitset once common), one in a paper in 97 (a list).
const EDGES = new Set([0, 65_535, 65_536, 131_071, 131_072, PAPERS - 1]);
const WIDE_ID = 40_000;
const WIDE_LIST = 39_999;
const papersOf: ((d: number) => boolean)[] = Array.from({ length: WIDE_ID + 1 }, () => () => false);
papersOf[0] = (d) => d % 3 === 0;
papersOf[1] = (d) => d % 50 === 3;
papersOf[2] = (d) => EDGES.has(d);
papersOf[WIDE_LIST] = (d) => d % 97 === 5;
papersOf[WIDE_ID] = (d) => d % 2 === 0;
const CHECKED = [0, 1, 2, 3, WIDE_LIST, WIDE_ID];

function build(): Postings {
  const forward = new PostingsGatherer(PAPERS);
  const ends = new Uint32Array(PAPERS);
  for (let d = 0; d < PAPERS; d++) {
    forward.paper = d;
    for (const w of CHECKED) if (papersOf[w]!(d)) forward.push(w);
    ends[d] = forward.length;
  }

  const steps = Postings.build(forward, ends, papersOf.length);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function papersWith(postings: Postings, word: number): number[] {
  const bits = new Uint32Array(bitsetLength(PAPERS));
  postings.orInto(word, bits);
  const out: number[] = [];
  forEachBit(bits, (d) => out.push(d));
  return out;
}

const expected = (w: number) => Array.from({ length: PAPERS }, (_, d) => d).filter(papersOf[w]!);

describe('postings past 65,536 papers', () => {
  const postings = build();

  it('give back exactly the papers of each word, on both sides of every segment edge', () => {
    for (const w of CHECKED) expect(papersWith(postings, w), `word ${w}`).toEqual(expected(w));
  });

  it('joined for an index update: kept papers renumbered (some gone), a paper read again added, each word with exactly the papers a build over the new library gives', () => {
    // The new library: a paper read again first, then the old papers but every seventh, in order.
    const to = new Int32Array(PAPERS).fill(-1);
    let next = 1;
    for (let o = 0; o < PAPERS; o++) if (o % 7 !== 6) to[o] = next++;
    const n = next;
    const readAgain = [1, WIDE_ID];
    const fresh = new PostingsGatherer(n);
    const ends = new Uint32Array(n);
    fresh.paper = 0;
    for (const w of readAgain) fresh.push(w);
    ends.fill(fresh.length);
    const built = Postings.build(fresh, ends, papersOf.length);
    let step = built.next();
    while (!step.done) step = built.next();
    const union = Postings.union(postings, to, step.value, papersOf.length);
    let joined = union.next();
    while (!joined.done) joined = union.next();
    const result = joined.value;
    for (const w of CHECKED) {
      const want = [...(readAgain.includes(w) ? [0] : []), ...expected(w).filter((o) => to[o]! >= 0).map((o) => to[o]!)];
      const bits = new Uint32Array(bitsetLength(n));
      result.orInto(w, bits);
      const got: number[] = [];
      forEachBit(bits, (d) => got.push(d));
      expect(got, `word ${w}`).toEqual(want);
    }
    // A common word stays a bitset, a rare one a list: as a build decides (1/32 of the papers).
    expect(result.parts().slot[0]).toBeGreaterThanOrEqual(0);
    expect(result.parts().slot[1]).toBe(-1);

    // Kept papers in another order (the new library sorted them otherwise): lists come out ascending all the same.
    const reversed = new Int32Array(PAPERS).map((_, o) => PAPERS - 1 - o);
    const empty = new PostingsGatherer(PAPERS);
    const none = Postings.build(empty, new Uint32Array(PAPERS), papersOf.length);
    let nothing = none.next();
    while (!nothing.done) nothing = none.next();
    const turned = Postings.union(postings, reversed, nothing.value, papersOf.length);
    let done = turned.next();
    while (!done.done) done = turned.next();
    for (const w of CHECKED) expect(papersWith(done.value, w), `word ${w}`).toEqual(expected(w).map((o) => PAPERS - 1 - o).sort((a, b) => a - b));
    const { offsets, docs } = done.value.parts();
    const segments = Math.ceil(PAPERS / 65_536);
    for (let h = 0; h < segments; h++) {
      const list = Array.from(docs.subarray(offsets[segments + h]!, offsets[segments + h + 1]!));
      expect(list).toEqual([...list].sort((a, b) => a - b));
    }
  });

  it('store list entries in two bytes each', () => {
    const listEntries = [1, 2, WIDE_LIST].reduce((sum, w) => sum + expected(w).length, 0);
    expect(postings.parts().docs.byteLength).toBe(listEntries * 2);
  });

  it('come back the same from their parts, and refuse parts that do not fit', () => {
    const again = Postings.fromParts(postings.parts(), papersOf.length);
    for (const w of CHECKED) expect(papersWith(again, w)).toEqual(expected(w));
    const parts = postings.parts();
    // The last segment covers papers 131,072 onwards: an entry there past the last paper is damage.
    const pastEnd = { ...parts, docs: parts.docs.slice() };
    pastEnd.docs[pastEnd.docs.length - 1] = 0xffff;
    expect(() => Postings.fromParts(pastEnd, papersOf.length)).toThrow(/paper that does not exist/);
    const backwards = { ...parts, offsets: parts.offsets.slice() };
    backwards.offsets[5] = backwards.offsets[6]! + 1;
    expect(() => Postings.fromParts(backwards, papersOf.length)).toThrow(/do not fit/);
    expect(() => Postings.fromParts(parts, papersOf.length + 1)).toThrow(/do not fit/);
  });

  it('read a two-unit id that comes when its block has one slot left (the slot is padded)', () => {
    // 131,071 one-unit entries (4,000 words, each too rare to turn into a bitset) leave one slot in
    // the first block; the wide id after them goes whole into the next.
    const n = 131_073;
    const gathered = new PostingsGatherer(n);
    const ends = new Uint32Array(n);
    for (let d = 0; d < n; d++) {
      gathered.paper = d;
      gathered.push(d < 131_071 ? d % 4000 : 40_000);
      ends[d] = gathered.length;
    }
    expect(gathered.forward.filled()[0]!.at(-1)).toBe(0xffff);
    const steps = Postings.build(gathered, ends, 40_001);
    let step = steps.next();
    while (!step.done) step = steps.next();
    const bits = new Uint32Array(bitsetLength(n));
    step.value.orInto(40_000, bits);
    const got: number[] = [];
    forEachBit(bits, (d) => got.push(d));
    expect(got).toEqual([131_071, 131_072]);
    bits.fill(0);
    step.value.orInto(3999, bits);
    got.length = 0;
    forEachBit(bits, (d) => got.push(d));
    expect(got).toEqual(Array.from({ length: 33 }, (_, k) => 3999 + 4000 * k).filter((d) => d < 131_071));
  });
});

describe('postings of a small library (one segment, no bitsets)', () => {
  it('give back exactly the papers of each word, with papers and words that have none', () => {
    const papers = 900;
    const words = 12;
    const has = (w: number, d: number) => w !== 7 && d % 5 !== 4 && (d * (w + 3)) % (w + 2) === 0;
    const forward = new PostingsGatherer(papers);
    const ends = new Uint32Array(papers);
    for (let d = 0; d < papers; d++) {
      forward.paper = d;
      for (let w = words - 1; w >= 0; w--) if (has(w, d)) forward.push(w);
      ends[d] = forward.length;
    }
    const steps = Postings.build(forward, ends, words);
    let step = steps.next();
    while (!step.done) step = steps.next();
    const postings = step.value;
    const parts = postings.parts();
    expect(parts.bits).toEqual([]);
    expect(parts.docs.length).toBe(ends[papers - 1]);
    for (let w = 0; w < words; w++) {
      const bits = new Uint32Array(bitsetLength(papers));
      postings.orInto(w, bits);
      const got: number[] = [];
      forEachBit(bits, (d) => got.push(d));
      expect(got, `word ${w}`).toEqual(Array.from({ length: papers }, (_, d) => d).filter((d) => has(w, d)));
    }
  });
});
