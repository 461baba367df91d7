// The ranking rules, each checked on the real sample digests. What each paper deserves is worked
// out from its text with plain regular expressions, never from the engine's output.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { createSearchEngine } from '../src/search/engine.js';

const papers = loadLibrary([fileURLToPath(new URL('../sample-data', import.meta.url))]).papers;
const engine = createSearchEngine(papers);

const ranked = (query: string): Paper[] => engine.search(query).hits.map((h) => papers[h.index]!);
const text = (p: Paper): string => `${p.title}\n${p.abstract}`;

/** Positions in `list` of the papers passing `test`. */
function positions(list: readonly Paper[], test: (p: Paper) => boolean): number[] {
  return list.flatMap((p, i) => (test(p) ? [i] : []));
}

/** Every paper passing `better` is ranked above every paper passing `worse` (both sets non-empty). */
function expectAbove(query: string, better: (p: Paper) => boolean, worse: (p: Paper) => boolean): void {
  const list = ranked(query);
  const top = positions(list, better);
  const bottom = positions(list, (p) => worse(p) && !better(p));
  expect(top.length, `papers that should rank high for ${query}`).toBeGreaterThan(0);
  expect(bottom.length, `papers that should rank lower for ${query}`).toBeGreaterThan(0);
  expect(Math.max(...top)).toBeLessThan(Math.min(...bottom));
}

const re = (source: string, flags = 'i') => new RegExp(source, flags);

describe('ranking rules on the sample digests', () => {
  it('sam: SAM Fails to Segment Anything? comes first, above Sample Reweighting', () => {
    const list = ranked('sam');
    expect(list[0]?.title).toMatch(/^SAM Fails to Segment Anything\?/);
    const sample = list.findIndex((p) => /^Dynamic Loss-Based Sample Reweighting/.test(p.title));
    expect(sample).toBeGreaterThan(0);
  });

  for (const q of ['sam', 'seg', 'vit', 'net']) {
    it(`${q}: a whole-word match (any field) beats a word-prefix match, which beats a match inside a word`, () => {
      // An acronym's plural is the acronym ("ViTs", "LLMs").
      const pluralAcronym = (p: Paper) => [...text(p).matchAll(re(`\\b${q}s\\b`, 'gi'))].some(([w]) => /^[A-Z][a-z0-9]*[A-Z]/.test(w));
      const whole = (p: Paper) => re(`\\b${q}\\b`).test(text(p)) || pluralAcronym(p);
      const prefix = (p: Paper) => re(`\\b${q}`).test(text(p));
      const inside = (p: Paper) => re(`\\B${q}`).test(text(p));
      expectAbove(q, whole, prefix);
      expectAbove(q, (p) => whole(p) || prefix(p), inside);
    });
  }

  for (const q of ['DPO', 'ViT', 'LoRA', 'SAM']) {
    it(`${q} written as an acronym in a paper ranks it above every paper that only contains ${q.toLowerCase()} otherwise`, () => {
      // As written, or its plural ("ViTs").
      const acronym = (p: Paper) => re(`\\b${q}s?\\b`, '').test(text(p));
      expectAbove(q.toLowerCase(), acronym, (p) => re(q).test(text(p)));
    });
  }

  for (const q of ['bit', 'kind', 'align']) {
    it(`${q}: the acronym as written beats the same letters as a plain word`, () => {
      const acronym = (p: Paper) => re(`\\b${q.toUpperCase()}\\b|\\b${q[0]!.toUpperCase()}${q[1]}${q.slice(2).toUpperCase()}\\b`, '').test(text(p));
      const plain = (p: Paper) => re(`\\b${q}\\b`).test(text(p));
      expectAbove(q, acronym, plain);
    });
  }

  it('an acronym a paper defines matches it: "Low-Rank Adaptation (LoRA)", "Mixture-of-Experts (MoE)", "(LLMs)" for llm', () => {
    for (const [q, definition] of [
      ['lora', /low-rank adaptation \(lora\)/i],
      ['moe', /mixture[- ]of[- ]experts \(moe\)/i],
      ['llm', /large language models \(llms\)/i],
    ] as const) {
      const defining = papers.filter((p) => definition.test(p.abstract));
      expect(defining.length, q).toBeGreaterThan(0);
      // Above every paper that has the letters only inside a longer word (IncreLoRA, SMoE, ...).
      expectAbove(q, (p) => definition.test(p.abstract), (p) => re(q).test(text(p)) && !re(`\\b${q}s?\\b`).test(text(p)));
    }
  });

  for (const q of ['diffusion', 'distillation', 'quantization']) {
    it(`${q}: the title beats the abstract for matches of the same kind`, () => {
      const inTitle = (p: Paper) => re(`\\b${q}\\b`).test(p.title);
      const abstractOnly = (p: Paper) => re(`\\b${q}\\b`).test(p.abstract) && !re(q).test(p.title);
      expectAbove(q, inTitle, abstractOnly);
    });
  }

  it('more of the query words matched beats fewer: lidar | radar puts papers naming both first', () => {
    const both = (p: Paper) => /lidar/i.test(text(p)) && /radar/i.test(text(p));
    const one = (p: Paper) => /lidar|radar/i.test(text(p));
    expectAbove('lidar | radar', both, one);
  });

  it('dpo: papers saying DPO come before anything fuzzy', () => {
    const list = ranked('dpo');
    const saying = positions(list, (p) => /dpo/i.test(text(p)));
    expect(saying.length).toBeGreaterThan(1);
    expect(saying).toEqual(saying.map((_, i) => i));
  });
});

describe('folding: the text and the query are compared after NFKC-like folding', () => {
  const accented: Paper = {
    ...papers[0]!,
    id: 'folded-1',
    title: 'Re\u0301sume\u0301 of Ｆｕｌｌ-width Café Models',
    abstract: 'An abstract with naïve Bayes and ＬＬＭｓ.',
  };
  const folded = createSearchEngine([...papers.slice(0, 20), accented]);
  const find = (q: string) => folded.search(q).hits.map((h) => (h.index === 20 ? accented : papers[h.index]!));

  it('é typed precomposed or as e + U+0301 finds either; full-width letters find ASCII and back', () => {
    for (const q of ['résumé', 're\u0301sume\u0301', 'resume', 'ｆｕｌｌ-width', 'full-width', 'CAFÉ']) {
      expect(find(q)[0]?.id, q).toBe('folded-1');
    }
    for (const q of ['cafe', 'naive', "'naïve", 'ＬＬＭ']) expect(find(q).map((p) => p.id), q).toContain('folded-1');
  });

  it('highlights point at the title as written, combining marks included', () => {
    const hit = folded.search('resume').hits.find((h) => h.index === 20)!;
    expect(hit.titleRanges.map(([s, e]) => accented.title.slice(s, e + 1))).toEqual(['Re\u0301sume\u0301']);
    const wide = folded.search("'full").hits.find((h) => h.index === 20)!;
    expect(wide.titleRanges.map(([s, e]) => accented.title.slice(s, e + 1))).toEqual(['Ｆｕｌｌ']);
  });
});
