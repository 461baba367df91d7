// "Papers like this one" on the real samples: the neighbours of a bird's-eye-view detection paper
// are BEV / 3D detection papers, those of a time-series foundation model are time-series papers.
import { describe, expect, it } from 'vitest';
import { makeCorpusPapers } from '../bench/corpus.js';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { createSimilarIndex, scanTerms } from '../src/search/similar.js';
import { expectCleanErrors, runCli } from './helpers/cli.js';
import { abstract, layoutA, SAMPLE_DIR, writeDigests } from './helpers/digests.js';

const { papers } = loadLibrary([SAMPLE_DIR]);
const index = createSimilarIndex(papers);
const at = (title: string) => {
  const i = papers.findIndex((p) => p.title === title);
  if (i < 0) throw new Error(`no sample paper titled ${title}`);
  return i;
};
const similarTitles = (title: string, limit = 5) => index.similar(at(title), limit).map((h) => papers[h.index]!.title);

const BEV = /\bBEV|bird'?s?[- ]eye|3D (object )?(detection|detector|perception)|multi-view 3D/i;
const TIME_SERIES = /time[- ]series|forecast/i;

describe('similar papers on the samples', () => {
  it('finds BEV / 3D detection papers for a BEV detection paper', () => {
    for (const title of [
      'MetaBEV: Solving Sensor Failures for BEV Detection and Map Segmentation',
      'QD-BEV : Quantization-aware View-guided Distillation for Multi-view 3D Object Detection',
    ]) {
      const found = similarTitles(title, 5);
      expect(found).toHaveLength(5);
      // Every one of the five is about BEV or 3D detection, judged by its title or abstract.
      for (const t of found) {
        const p = papers.find((q) => q.title === t)!;
        expect(`${p.title} ${p.abstract}`, t).toMatch(BEV);
      }
      expect(found.filter((t) => BEV.test(t)).length, found.join(' | ')).toBeGreaterThanOrEqual(4);
    }
  });

  it('finds time-series papers for a time-series foundation model', () => {
    for (const title of [
      'Time-MoE: Billion-Scale Time Series Foundation Models with Mixture of Experts',
      'ChronosX: Adapting Pretrained Time Series Models with Exogenous Variables',
    ]) {
      const found = similarTitles(title, 5);
      expect(found.filter((t) => TIME_SERIES.test(t)).length, found.join(' | ')).toBeGreaterThanOrEqual(4);
    }
    // And not BEV papers, nor the reverse.
    expect(similarTitles('ChronosX: Adapting Pretrained Time Series Models with Exogenous Variables', 10).some((t) => BEV.test(t))).toBe(false);
    expect(similarTitles('MetaBEV: Solving Sensor Failures for BEV Detection and Map Segmentation', 10).some((t) => TIME_SERIES.test(t))).toBe(false);
  });

  it('never lists the paper itself, ranks best first with cosine scores in (0, 1]', () => {
    const i = at('Time-MoE: Billion-Scale Time Series Foundation Models with Mixture of Experts');
    const hits = index.similar(i, 50);
    expect(hits).toHaveLength(50);
    expect(hits.some((h) => h.index === i)).toBe(false);
    for (let k = 1; k < hits.length; k++) expect(hits[k]!.score).toBeLessThanOrEqual(hits[k - 1]!.score);
    for (const h of hits) expect(h.score > 0 && h.score <= 1).toBe(true);
    expect(new Set(hits.map((h) => h.index)).size).toBe(50);
  });

  it('is built once, lazily, and answers the same every time', () => {
    const fresh = createSimilarIndex(papers);
    expect(fresh.built).toBe(false);
    const first = fresh.similar(0, 10);
    expect(fresh.built).toBe(true);
    expect(fresh.similar(0, 10)).toEqual(first);
    expect(fresh.similar(papers.length, 10)).toEqual([]);
    expect(fresh.similar(0, 0)).toEqual([]);
  });

  it('drops stop words and folds plurals, so papers sharing only "we propose a method" are not alike', () => {
    const mk = (title: string, text: string): Paper => ({ id: title, title, abstract: text, dates: [], days: [], sources: [], links: [] });
    const lib = [
      mk('Graph neural networks for molecules', 'We propose a novel method that uses graph networks on molecule data.'),
      mk('A graph network for molecule property prediction', 'Molecules as graphs, with neural network layers.'),
      mk('Cooking pasta', 'We propose a novel method and show results that outperform the state of the art.'),
    ];
    const sim = createSimilarIndex(lib);
    expect(sim.similar(0, 5).map((h) => lib[h.index]!.title)).toEqual(['A graph network for molecule property prediction']);
    let n = 0;
    scanTerms('we propose the novel method and 2024 results', () => n++);
    expect(n).toBe(0);
  });
});

describe('the sliced build (the reader builds the index in the background without freezing keys)', () => {
  /** Every paper's 20 most similar, by a sync build and by a sliced one. */
  const answers = (lib: readonly Paper[], pick: (i: number) => boolean, sim: ReturnType<typeof createSimilarIndex>) =>
    lib.flatMap((_, i) => (pick(i) ? [sim.similar(i, 20)] : []));

  it('gives the same index as the sync build, on the samples', async () => {
    const sliced = createSimilarIndex(papers);
    await sliced.buildSliced({ sliceMs: 0 });
    expect(sliced.built).toBe(true);
    expect(answers(papers, () => true, sliced)).toEqual(answers(papers, () => true, index));
  });

  it('on a generated library: the same answers, in many slices with the event loop running between them', async () => {
    const lib = makeCorpusPapers(3000, 7);
    const sync = createSimilarIndex(lib);
    sync.build();
    const sliced = createSimilarIndex(lib);
    const fractions: number[] = [];
    // Other work (keys, frames) gets turns while it builds.
    let turns = 0;
    const other = setInterval(() => turns++, 0);
    await sliced.buildSliced({ sliceMs: 0, progress: (f) => fractions.push(f) });
    clearInterval(other);
    expect(turns).toBeGreaterThan(0);
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions.at(-1)).toBe(1);
    for (let k = 1; k < fractions.length; k++) expect(fractions[k]).toBeGreaterThan(fractions[k - 1]!);
    const every = (i: number) => i % 7 === 0;
    expect(answers(lib, every, sliced)).toEqual(answers(lib, every, sync));
    expect(answers(lib, every, sync).every((hits) => hits.length === 20)).toBe(true);
  });

  it('stops when aborted, and can be started again', async () => {
    const lib = makeCorpusPapers(2000, 3);
    const sim = createSimilarIndex(lib);
    const stop = new AbortController();
    const fractions: number[] = [];
    const run = sim.buildSliced({ sliceMs: 0, signal: stop.signal, progress: (f) => (fractions.push(f), stop.abort(new Error('closed'))) });
    await expect(run).rejects.toThrow('closed');
    expect(fractions).toHaveLength(1);
    expect(sim.built).toBe(false);
    await sim.buildSliced({ sliceMs: 0 });
    expect(sim.built).toBe(true);
    const sync = createSimilarIndex(lib);
    expect(sim.similar(5, 10)).toEqual(sync.similar(5, 10));
  });

  it('a query while it runs is answered at once (built then), and the sliced build then ends', async () => {
    const sim = createSimilarIndex(papers);
    const run = sim.buildSliced({ sliceMs: 0 });
    expect(sim.similar(0, 10)).toEqual(index.similar(0, 10));
    await expect(run).resolves.toBeGreaterThanOrEqual(0);
    expect(sim.similar(3, 10)).toEqual(index.similar(3, 10));
  });
});

describe('paperterm similar', () => {
  const id = (title: string) => papers[at(title)]!.id;

  it('prints the most similar papers like list does, best first', () => {
    const title = 'Time-MoE: Billion-Scale Time Series Foundation Models with Mixture of Experts';
    const r = runCli(['similar', id(title).slice(0, 6), SAMPLE_DIR, '--limit', '5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(index.similar(at(title), 5).map((h) => papers[h.index]!.id));
  });

  it('--json carries a similarity per paper', () => {
    const r = runCli(['similar', id('MetaBEV: Solving Sensor Failures for BEV Detection and Map Segmentation'), '--json', SAMPLE_DIR]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; title: string; similarity: number; date: string }[];
    expect(rows).toHaveLength(10);
    expect(rows[0]!.similarity).toBeGreaterThan(rows[9]!.similarity);
    expect(rows[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('exits 1 with no output when no paper shares a word', () => {
    const dir = writeDigests({ 'a.txt': layoutA('Mar 2', [['Alpha', abstract('alpha')], ['Zebra crossings', 'Pedestrians '.repeat(40)]]) });
    const alone = runCli(['list', '--json', dir]);
    const zebra = (JSON.parse(alone.stdout) as { id: string; title: string }[]).find((p) => p.title === 'Zebra crossings')!;
    const r = runCli(['similar', zebra.id, dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });

  it('--json keeps a hostile title exact but escapes what a terminal would act on', () => {
    const hostile = 'Graph transformers \u009b31m\u202e for molecules';
    const dir = writeDigests({
      'a.txt': layoutA('Mar 2', [
        ['Graph transformers for molecules', abstract('graph transformers for molecules')],
        [hostile, abstract('graph transformers for molecule property prediction')],
      ]),
    });
    const listed = JSON.parse(runCli(['list', '--json', dir]).stdout) as { id: string; title: string }[];
    const r = runCli(['similar', listed.find((p) => p.title === 'Graph transformers for molecules')!.id, '--json', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u009b\u202e]/);
    expect(r.stdout).toContain('\\u009b31m\\u202e');
    expect((JSON.parse(r.stdout) as { title: string }[])[0]!.title).toBe(hostile);
  });

  it('refuses an unknown id or a missing one in one line, exit 2', () => {
    const r = runCli(['similar', 'ffffffffffff', SAMPLE_DIR]);
    expect(r.code).toBe(2);
    expect(expectCleanErrors(r.stderr)).toEqual(["paperterm: no paper with id 'ffffffffffff'"]);
    const none = runCli(['similar']);
    expect(none.code).toBe(2);
    expect(expectCleanErrors(none.stderr)).toEqual(['paperterm: similar needs a paper ID (see paperterm --help)']);
  });
});
