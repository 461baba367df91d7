// The pieces under the engine, each checked against the brute-force thing it stands in for.
import Fuse from 'fuse.js';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeCorpusPapers } from '../bench/corpus.js';
import { loadLibrary } from '../src/core/load.js';
import { Bitap } from '../src/search/bitap.js';
import { exactPieces, SubstringDistance } from '../src/search/myers.js';
import { bitsetLength, forEachBit } from '../src/search/postings.js';
import { countChunks, fieldNorm, wordsOf } from '../src/search/tokens.js';
import { IN_TEXT, maxErrors, midWord, THRESHOLD } from '../src/search/tuning.js';
import { WordMatcher } from '../src/search/word-match.js';
import type { Paper } from '../src/core/types.js';
import { buildWordIndex, FORMS_PAPERS, type WordIndex, wordsContaining } from '../src/search/word-index.js';

const samples = loadLibrary([fileURLToPath(new URL('../sample-data', import.meta.url))]).papers;
const index = buildWordIndex(samples);

describe('search index', () => {
  it('indexes words without surrounding punctuation, and the parts of hyphenated words too', () => {
    expect(wordsOf("(bev), qwen2.5 bird's-eye-view: 3d")).toEqual([
      'bev',
      'qwen2.5',
      'qwen2',
      '5',
      "bird's-eye-view",
      'bird',
      's',
      'eye',
      'view',
      '3d',
    ]);
    expect(wordsOf(' -- ')).toEqual([]);
  });

  it("computes each field's length norm exactly as Fuse.js does", () => {
    const texts = ['a  b\tc -- d', samples[0]!.title, samples[0]!.abstract, 'Mar 18', ' x '];
    const fuseIndex = Fuse.createIndex(['t'], texts.map((t) => ({ t })));
    texts.forEach((t, i) => {
      const record = fuseIndex.records[i] as { $: Record<number, { n: number }> };
      expect(fieldNorm(countChunks(t)), t.slice(0, 30)).toBe(record.$[0]!.n);
    });
    expect(index.titleNorm[0]).toBeCloseTo((fuseIndex.records[1] as { $: Record<number, { n: number }> }).$[0]!.n, 6);
  });

  it('finds the words containing a substring exactly as a scan of the vocabulary does', () => {
    for (const sub of ['s', 'e', 'bev', 'qwen', 'tion', 'zz', 'x', '2.5', "'s", 'https', '-', 'transformer']) {
      const brute = index.words.flatMap((w, i) => (w.includes(sub) ? [i] : []));
      expect(wordsContaining(index, sub), sub).toEqual(brute);
    }
  });

  it("screens words with the same error count Fuse.js's bitap accepts", () => {
    const patterns = ['trasformer', 'diffusion', 'llma', 'reinforcment', 'qwen2.5', 'contrastiv', 'segmentaton', 'vision', 'lidar', "bird's-eye", 'distilation', 'multimodal'];
    for (const pattern of patterns) {
      const errors = maxErrors(pattern.length);
      const screen = new SubstringDistance(pattern);
      const fuse = new Fuse(index.words, { threshold: THRESHOLD, ignoreLocation: true, isCaseSensitive: true });
      const byFuse = fuse.search(pattern).map((r) => r.refIndex).sort((a, b) => a - b);
      const byScreen = index.words.flatMap((w, i) => (screen.within(w, errors) ? [i] : []));
      expect(byFuse.length, pattern).toBeGreaterThan(0);
      expect(byScreen, pattern).toEqual(byFuse);
    }
  });

  it("scores and marks every text exactly as Fuse.js's bitap does", () => {
    const patterns = ['model', 'soup', 'trasformer', 'llma', 'a', 'ab', 'aa', 'ss', 'naïve', 'über', 'reinforcment', "bird's-eye", 'x-ray'];
    // Longer than 32: Fuse cuts the pattern into chunks.
    patterns.push('learning transferable visual models from natural language', 'model soups averaging weights of multiple fine-tuned');
    const texts = [...index.words.slice(0, 3000), ...index.titleLower, 'aaaa', 'abab', 'ssss', 'naive', ''];
    const fuse = new Fuse(texts, { threshold: THRESHOLD, ignoreLocation: true, isCaseSensitive: true, includeScore: true, includeMatches: true, ignoreFieldNorm: true, shouldSort: false });
    for (const pattern of patterns) {
      const byFuse = new Map(fuse.search(pattern).map((r) => [r.refIndex, { score: r.score, indices: r.matches?.[0]?.indices ?? [] }]));
      const bitap = new Bitap(pattern);
      texts.forEach((text, i) => {
        const got = text.trim() ? bitap.search(text) : null;
        expect(got ?? undefined, `${pattern} in ${text}`).toEqual(byFuse.get(i));
      });
    }
  });

  it('screens occurrences that begin at the start as the edit distance of the closest prefix', () => {
    // Fewest edits turning the pattern into text[0..e) for some e: the brute-force table.
    const prefixDistance = (pattern: string, text: string): number => {
      let row = Array.from({ length: pattern.length + 1 }, (_, i) => i);
      let best = row[pattern.length]!;
      for (let j = 1; j <= text.length; j++) {
        const next = [j];
        for (let i = 1; i <= pattern.length; i++) {
          next.push(Math.min(row[i]! + 1, next[i - 1]! + 1, row[i - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1)));
        }
        row = next;
        best = Math.min(best, row[pattern.length]!);
      }
      return best;
    };
    const texts = ['model', 'models', 'modl', 'odel', 'remodel', 'xmodel', 'mdoel', 'moddel', 'm', '', 'soups', 'group', 'sup'];
    for (const pattern of ['model', 'soup', 'mo', 'trasformer']) {
      const screen = new SubstringDistance(pattern);
      for (const text of [...texts, ...index.words.slice(0, 500)]) {
        const distance = prefixDistance(pattern, text);
        for (let errors = 0; errors <= 3; errors++) {
          expect(screen.within(text, errors, 0, text.length, true), `${pattern} ${text} ${errors}`).toBe(distance <= errors);
        }
      }
    }
  });

  it('matches the vocabulary as Fuse.js does: the same words, scores and word-start demotions', () => {
    const patterns = ['model', 'soup', 'lora', 'llma', 'trasformer', 'diffusion', 'reinforcment', 'segmentaton', 'qwen2.5', "bird's-eye", 'naïve', 'atention', 'contrastiv', 'odel', 'ransformer'];
    patterns.push('learning transferable visual models from natural');
    const fuse = new Fuse(index.words, { threshold: THRESHOLD, ignoreLocation: true, isCaseSensitive: true, includeScore: true, includeMatches: true, shouldSort: false });
    for (const pattern of patterns) {
      const expected = fuse
        .search(pattern)
        .sort((a, b) => a.refIndex - b.refIndex)
        .map((r) => {
          const score = r.score!;
          const atStart = score === IN_TEXT ? r.item.startsWith(pattern) : r.matches?.[0]?.indices[0]?.[0] === 0;
          return [r.refIndex, Math.fround(atStart ? score : midWord(score))];
        });
      const got = new WordMatcher(index).match(pattern);
      expect([...got.ids].map((id, i) => [id, got.scores[i]]), pattern).toEqual(expected);
    }
  });

  it('finds every word within reach of a pattern holding one of its exact pieces', () => {
    for (const pattern of ['trasformer', 'diffusion', 'llma', 'reinforcment', 'qwen2.5', 'soup', 'model', 'lidar', 'segmentaton']) {
      const pieces = exactPieces(pattern, maxErrors(pattern.length));
      expect(pieces.join(''), pattern).toBe(pattern);
      expect(pieces, pattern).toHaveLength(maxErrors(pattern.length) + 1);
      const fuse = new Fuse(index.words, { threshold: THRESHOLD, ignoreLocation: true, isCaseSensitive: true });
      for (const r of fuse.search(pattern)) expect(pieces.some((p) => r.item.includes(p)), `${pattern}: ${r.item}`).toBe(true);
    }
  });

  it('lists the papers containing each word, whether stored as a list or a bitset', () => {
    const papers = makeCorpusPapers(2048, 3);
    const big = buildWordIndex(papers);
    const wordSets = papers.map((p) => ({ title: new Set(wordsOf(p.title.toLowerCase())), abstract: new Set(wordsOf(p.abstract.toLowerCase())) }));
    // A very common word (bitset), a middling one and a rare one (lists).
    for (const word of ['the', 'model', 'diffusion', 'lidar']) {
      const id = big.words.indexOf(word);
      expect(id, word).toBeGreaterThanOrEqual(0);
      for (const field of ['title', 'abstract'] as const) {
        const bits = new Uint32Array(bitsetLength(papers.length));
        big[field].orInto(id, bits);
        const got: number[] = [];
        forEachBit(bits, (d) => got.push(d));
        const want = wordSets.flatMap((s, d) => (s[field].has(word) ? [d] : []));
        expect(got, `${word} in ${field}`).toEqual(want);
      }
    }
  });

  it('indexes ASCII text read a word at a time (small libraries) exactly as text read a character at a time', () => {
    const tricky = [
      'LLMs and SAM-based (BEV) pre-training, fine-tuning: Qwen2.5 & GPT-4o - x',
      '  -- (a.b.) ((LoRA)) x-y-z MoE-LLaVA ImageNet-1k mAR e.g. U.S.A. 3D-aware  ',
      "Foo\tbar\nbaz\u000bqux\rA-B-C LLMs-based Sam CamelCase iPhone NeRFs NeRF's",
      '\u0001 \u007f ctl -- + = / ~ A',
      '',
      '---',
    ];
    const trickyPapers = tricky.map((t, i): Paper => ({ ...samples[i]!, id: `t${i}`, title: t, abstract: `${tricky[(i + 2) % tricky.length]} ${t}` }));
    for (const papers of [samples, [...trickyPapers, ...samples.slice(0, 40)], makeCorpusPapers(300, 5)]) {
      expect(papers.length).toBeLessThanOrEqual(FORMS_PAPERS);
      // A no-break space makes a field non-ASCII: read a character at a time, with the same words.
      const other = papers.map((p) => ({ ...p, title: `${p.title}\u00a0`, abstract: `${p.abstract}\u00a0` }));
      const [byWords, byCharacters] = [indexParts(buildWordIndex(papers)), indexParts(buildWordIndex(other))];
      expect([...byWords.keys()]).toEqual([...byCharacters.keys()]);
      for (const [part, bytes] of byWords) expect(bytes.equals(byCharacters.get(part)!), part).toBe(true);
    }
  });
});

/** Everything an index holds about the words of titles and abstracts, as bytes (quick to compare). */
function indexParts(index: WordIndex): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  const add = (name: string, a: ArrayBufferView) => parts.set(name, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  parts.set('words', Buffer.from(index.words.join('\n')));
  for (const field of ['title', 'abstract', 'titleAcronyms', 'abstractAcronyms'] as const) {
    const { offsets, docs, slot, bits } = index[field].parts();
    add(`${field} offsets`, offsets);
    add(`${field} docs`, docs);
    add(`${field} slot`, slot);
    bits.forEach((b, i) => add(`${field} bits ${i}`, b));
  }
  for (const name of ['wordLetters', 'titleLetters', 'abstractLetters', 'titleNorm', 'abstractNorm'] as const) add(name, index[name]);
  return parts;
}
