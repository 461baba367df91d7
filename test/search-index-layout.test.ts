// The index file's layout (format 3): read back it answers as the index it was written from, also
// past 65,536 papers (postings in 16-bit segments) and with titles that are not ASCII (checked
// against the papers byte by byte); a file for other titles, or damaged in its postings, is refused.
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../src/core/types.js';
import { deserializeIndex, serializeIndex } from '../src/search/index-cache.js';
import { bitsetLength, forEachBit, type Postings } from '../src/search/postings.js';
import { buildWordIndex, type WordIndex } from '../src/search/word-index.js';

const paper = (title: string, abstract: string, date = 'Mar 17'): Paper => ({ id: title, title, abstract, dates: [date], days: ['2025-03-17'], sources: ['x.txt'], links: [] });

const TOPICS = ['diffusion', 'lidar', 'retrieval', 'quantization', 'agents', 'segmentation', 'tokenizer'];
function papers(n: number): Paper[] {
  return Array.from({ length: n }, (_, d) =>
    paper(
      d % 1000 === 7 ? `Café Ｂench ${d}: ünïcode — naïve ${TOPICS[d % 7]}` : `Paper ${d} on ${TOPICS[d % 7]} and word${d % 5000}`,
      `We study ${TOPICS[(d * 3) % 7]} with rare${d % 40000} terms.`,
      d % 2 ? 'Mar 17' : 'Mar 18',
    ),
  );
}

function papersWith(index: WordIndex, field: 'title' | 'abstract', word: string): number[] {
  const id = index.words.indexOf(word);
  if (id < 0) return [];
  const postings: Postings = index[field];
  const bits = new Uint32Array(bitsetLength(index.papers.length));
  postings.orInto(id, bits);
  const out: number[] = [];
  forEachBit(bits, (d) => out.push(d));
  return out;
}

const WORDS: [field: 'title' | 'abstract', word: string][] = [
  ['title', 'lidar'],
  ['title', 'word4999'],
  ['title', 'cafe'],
  ['title', 'naive'],
  ['title', 'bench'],
  ['abstract', 'rare39999'],
  ['abstract', 'rare7'],
  ['abstract', 'quantization'],
];

describe('index file layout', () => {
  const ps = papers(70_000);
  const built = buildWordIndex(ps);
  const bytes = serializeIndex(built, 'k');

  it('reads back past 65,536 papers and with non-ASCII titles, answering as the built index', () => {
    const read = deserializeIndex(bytes, 'k', ps);
    expect(read.words).toEqual(built.words);
    expect(read.titleLower).toEqual(built.titleLower);
    for (const [field, word] of WORDS) {
      const want = papersWith(built, field, word);
      expect(want.length, word).toBeGreaterThan(0);
      expect(papersWith(read, field, word), word).toEqual(want);
    }
    // Papers on both sides of the 65,536 edge hold their own rare abstract words.
    expect(papersWith(read, 'abstract', 'rare25535')).toEqual([25_535, 65_535]);
    expect(papersWith(read, 'abstract', 'rare25536')).toEqual([25_536, 65_536]);
  });

  it('refuses it for papers whose titles differ, even by one non-ASCII character of the same length', () => {
    const changed = ps.slice();
    changed[1007] = { ...ps[1007]!, title: ps[1007]!.title.replace('ü', 'û') };
    expect(() => deserializeIndex(bytes, 'k', changed)).toThrow();
    const ascii = ps.slice();
    ascii[69_999] = { ...ps[69_999]!, title: ps[69_999]!.title.replace('Paper', 'paper') };
    expect(() => deserializeIndex(bytes, 'k', ascii)).toThrow();
  });

  it('refuses a file whose postings were damaged, even with a checksum that matches', () => {
    // Rewrites a posting entry to a paper past the end and the checksum to fit: only the postings'
    // own checks can tell.
    const small = papers(66_000);
    const index = buildWordIndex(small);
    const good = serializeIndex(index, 'k');
    const headerLength = good.readUInt32LE(8);
    const header = JSON.parse(good.subarray(12, 12 + headerLength).toString('utf8')) as { arrays: Record<string, number>; text: number[] };
    let at = 12 + headerLength;
    for (const t of header.text) at += t + ((4 - (t % 4)) % 4);
    let docsAt = -1;
    for (const [name, count] of Object.entries(header.arrays)) {
      const size = count * (name.endsWith('.docs') ? 2 : 4);
      if (name === 'abstract.docs') docsAt = at;
      at += size + ((4 - (size % 4)) % 4);
    }
    expect(docsAt).toBeGreaterThan(0);
    // Paper 65,999's entry for its rare word, in the second segment (papers from 65,536 on).
    const { offsets, docs } = index.abstract.parts();
    const second = offsets[index.words.indexOf('rare25999') * 2 + 1]!;
    expect(docs[second]).toBe(65_999 - 65_536);
    docsAt += 2 * second;
    const body = Buffer.from(good.subarray(12 + headerLength));
    body.writeUInt16LE(0xffff, docsAt - 12 - headerLength);
    const resealed = (damaged: Buffer): Buffer => {
      const h = { ...JSON.parse(good.subarray(12, 12 + headerLength).toString('utf8')), checksum: `crc32:${zlib.crc32(damaged).toString(16)}` };
      let json = Buffer.from(JSON.stringify(h), 'utf8');
      json = Buffer.concat([json, Buffer.alloc((4 - ((json.length + 12) % 4)) % 4, 0x20)]);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(json.length);
      return Buffer.concat([good.subarray(0, 8), length, json, damaged]);
    };
    // Resealed undamaged, the file reads; damaged, it does not.
    expect(() => deserializeIndex(resealed(Buffer.from(good.subarray(12 + headerLength))), 'k', small)).not.toThrow();
    expect(() => deserializeIndex(resealed(body), 'k', small)).toThrow(/paper that does not exist/);
  });
});
