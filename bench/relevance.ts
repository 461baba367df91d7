// The relevance suite: queries of the kinds people type, each with the papers of the sample digests
// that a reader would expect at the top. Chosen by reading the digests (titles and abstracts), not
// from the engine's output. Shared by test/search-relevance-suite.test.ts (which asserts the figures)
// and `npm run bench` (which prints them).
import type { Paper } from '../src/core/types.js';
import type { SearchEngine } from '../src/search/engine.js';

export interface RelevanceCase {
  query: string;
  kind: 'acronym' | 'short word' | 'topic words' | 'typo' | 'exact title' | 'operators';
  /** Title beginnings of the papers that must all be in the top 3. */
  top3: readonly string[];
  /** Which papers are relevant at all (for MRR and precision@5); default: the top3 ones. */
  relevant?: (p: Paper) => boolean;
}

const title = (re: RegExp) => (p: Paper) => re.test(p.title);

export const RELEVANCE_CASES: readonly RelevanceCase[] = [
  // Acronyms and model names, lowercase as people type them.
  { query: 'sam', kind: 'acronym', top3: ['SAM Fails to Segment Anything?'] },
  { query: 'dpot', kind: 'acronym', top3: ['DPOT: Auto-Regressive'] },
  { query: 'lora', kind: 'acronym', top3: ['MeteoRA: Multiple-tasks Embedded LoRA', 'LQ-LoRA:'], relevant: (p) => /lora/i.test(`${p.title} ${p.abstract}`) },
  { query: 'moe', kind: 'acronym', top3: ['AquilaMoE:', 'Time-MoE:'], relevant: title(/moe|mixture[- ]of[- ]experts/i) },
  { query: 'bev', kind: 'acronym', top3: ['FB-BEV:'], relevant: title(/\bBEV\b/) },
  { query: 'bert', kind: 'acronym', top3: ['BEiT: BERT Pre-Training'], relevant: title(/bert/i) },
  { query: 'opt', kind: 'acronym', top3: ['OPT: Open Pre-trained Transformer'] },
  { query: 'ul2', kind: 'acronym', top3: ['UL2: Unifying Language'] },
  { query: 'blip', kind: 'acronym', top3: ['BLIP-2:'] },
  { query: 'ernie', kind: 'acronym', top3: ['ERNIE 3.0'] },
  { query: 'galore', kind: 'acronym', top3: ['GaLore:'] },
  { query: 'vlms', kind: 'acronym', top3: ['Should VLMs be Pre-trained'] },
  { query: 'llava', kind: 'acronym', top3: ['PA-LLaVA:'] },
  { query: 'resnets', kind: 'acronym', top3: ['Revisiting ResNets:'] },
  { query: 'gpt-4', kind: 'acronym', top3: ['A Survey of GPT-3 Family', 'ArtGPT-4:'] },
  // One short word.
  { query: 'soups', kind: 'short word', top3: ['Model soups:'] },
  { query: 'merging', kind: 'short word', top3: ['What Matters for Model Merging at Scale?', 'Model Breadcrumbs:'], relevant: title(/merging/i) },
  { query: 'kitchen', kind: 'short word', top3: ['The Languini Kitchen:'] },
  { query: 'surgery', kind: 'short word', top3: ['MOS: Model Surgery'] },
  { query: 'fractal', kind: 'short word', top3: ['Improving Fractal Pre-training'] },
  { query: 'weather', kind: 'short word', top3: ['Finetuning a Weather Foundation Model', 'Prithvi WxC:'], relevant: title(/weather/i) },
  { query: 'bioacoustics', kind: 'short word', top3: ['Perch 2.0:'] },
  { query: 'satellite', kind: 'short word', top3: ['Rethinking Transformers Pre-training for Multi-Spectral Satellite'] },
  { query: 'pathology', kind: 'short word', top3: ['PA-LLaVA:'] },
  // Two or three topic words.
  { query: 'model soups', kind: 'topic words', top3: ['Model soups:'] },
  { query: 'scaling laws', kind: 'topic words', top3: ['Unraveling the Mystery of Scaling Laws'], relevant: title(/scaling laws?/i) },
  {
    query: 'continual pretraining',
    kind: 'topic words',
    top3: ['Investigating Continual Pretraining'],
    relevant: title(/continual/i),
  },
  { query: 'time series forecasting', kind: 'topic words', top3: ['Using Pre-trained LLMs for Multivariate Time Series Forecasting'], relevant: title(/time series/i) },
  { query: 'model merging', kind: 'topic words', top3: ['What Matters for Model Merging at Scale?', 'Model Breadcrumbs:'], relevant: title(/merging/i) },
  { query: "bird's eye view segmentation", kind: 'topic words', top3: ['BEV-Seg:', 'Towards Viewpoint Robustness in Bird'], relevant: title(/bird'?s[- ]eye|bev/i) },
  { query: 'learning rate schedule', kind: 'topic words', top3: ['Power Scheduler:', 'Beyond Cosine Decay:'], relevant: title(/learning rate/i) },
  { query: 'memory efficient training', kind: 'topic words', top3: ['GaLore:'], relevant: title(/memory/i) },
  { query: '3d medical image', kind: 'topic words', top3: ['Med3D:'] },
  { query: 'vision language instruction tuning', kind: 'topic words', top3: ['Cheap and Quick:'] },
  {
    query: 'model reuse hugging face',
    kind: 'topic words',
    top3: ['An Empirical Study of Pre-Trained Model Reuse', 'Deep Learning Model Reuse in the HuggingFace'],
  },
  // Typos.
  { query: 'stitchabel', kind: 'typo', top3: ['Stitchable Neural Networks'] },
  { query: 'distilation', kind: 'typo', top3: [], relevant: title(/distillation/i) },
  { query: 'quantizaton', kind: 'typo', top3: [], relevant: title(/quantiz/i) },
  { query: 'hallucinatons', kind: 'typo', top3: ['Leveraging Hallucinations'] },
  { query: 'reinforcment learning', kind: 'typo', top3: ['RELIEF: Reinforcement Learning'], relevant: title(/reinforcement/i) },
  { query: 'segmentaion', kind: 'typo', top3: [], relevant: title(/segment/i) },
  { query: 'biacoustics', kind: 'typo', top3: ['Perch 2.0:'] },
  // Exact titles, typed or pasted.
  { query: '=Stitchable Neural Networks', kind: 'exact title', top3: ['Stitchable Neural Networks'] },
  { query: 'Qwen2.5 Technical Report', kind: 'exact title', top3: ['Qwen2.5 Technical Report'] },
  { query: 'Scaling Law with Learning Rate Annealing', kind: 'exact title', top3: ['Scaling Law with Learning Rate Annealing'] },
  { query: 'the curse of depth in large language models', kind: 'exact title', top3: ['The Curse of Depth in Large Language Models'] },
  { query: "'\"model soups\"", kind: 'exact title', top3: ['Model soups:'] },
  // Prefixes, negation, fields, dates.
  { query: '^bev', kind: 'operators', top3: ['BEV-Seg:'], relevant: title(/^bev/i) },
  { query: 't:^efficient', kind: 'operators', top3: [], relevant: title(/^efficient/i) },
  {
    query: 'diffusion !video',
    kind: 'operators',
    top3: ['Diffusion-Based Neural Network Weights Generation'],
    relevant: (p) => /diffusion/i.test(p.title) && !/video/i.test(`${p.title} ${p.abstract}`),
  },
  { query: 't:survey', kind: 'operators', top3: ['A Survey of Large Language Models'], relevant: title(/survey/i) },
  { query: "abs:'stitch", kind: 'operators', top3: ['Stitchable Neural Networks'], relevant: (p) => /stitch/i.test(p.abstract) },
  { query: 'date:mar 14 scaling', kind: 'operators', top3: [], relevant: (p) => p.dates.includes('Mar 14') && /scal/i.test(p.title) },
  { query: '=Mar 14', kind: 'operators', top3: [], relevant: (p) => p.dates.includes('Mar 14') },
  { query: 'ＬｏＲＡ', kind: 'operators', top3: ['MeteoRA: Multiple-tasks Embedded LoRA', 'LQ-LoRA:'], relevant: (p) => /lora/i.test(`${p.title} ${p.abstract}`) },
];

export interface CaseResult {
  query: string;
  kind: RelevanceCase['kind'];
  /** 1 / rank of the first relevant paper (0 when none is in the results). */
  reciprocalRank: number;
  /** Relevant papers among the first five, over min(5, relevant papers). */
  precisionAt5: number;
  /** Titles of `top3` that were not in the top 3. */
  missingFromTop3: string[];
  top5: string[];
}

export interface RelevanceReport {
  cases: CaseResult[];
  mrr: number;
  precisionAt5: number;
}

export function evaluateRelevance(papers: readonly Paper[], engine: SearchEngine, cases: readonly RelevanceCase[] = RELEVANCE_CASES): RelevanceReport {
  const results = cases.map((c): CaseResult => {
    const startsAny = (p: Paper) => c.top3.some((t) => p.title.startsWith(t));
    const relevant = c.relevant ?? startsAny;
    const isRelevant = (p: Paper) => relevant(p) || startsAny(p);
    const relevantCount = papers.filter(isRelevant).length;
    const ranked = engine.search(c.query, { limit: 50 }).hits.map((h) => papers[h.index]!);
    const first = ranked.findIndex(isRelevant);
    const top5 = ranked.slice(0, 5);
    const top3 = ranked.slice(0, 3);
    return {
      query: c.query,
      kind: c.kind,
      reciprocalRank: first < 0 ? 0 : 1 / (first + 1),
      precisionAt5: relevantCount === 0 ? 0 : top5.filter(isRelevant).length / Math.min(5, relevantCount),
      missingFromTop3: c.top3.filter((t) => !top3.some((p) => p.title.startsWith(t))),
      top5: top5.map((p) => p.title),
    };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return { cases: results, mrr: mean(results.map((r) => r.reciprocalRank)), precisionAt5: mean(results.map((r) => r.precisionAt5)) };
}
