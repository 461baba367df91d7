// Relevance on the real sample digests. Every expectation is derived from the data with a plain
// regular expression (never copied from the engine's output), so each test fails if the engine
// ranks or filters differently from what a reader would expect.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { createSearchEngine } from '../src/search/engine.js';

const papers = loadLibrary([fileURLToPath(new URL('../sample-data', import.meta.url))]).papers;
const engine = createSearchEngine(papers);

function hits(query: string): Paper[] {
  return engine.search(query).hits.map((h) => papers[h.index]!);
}
const titlesOf = (ps: readonly Paper[]): string[] => ps.map((p) => p.title);
const withTitle = (re: RegExp): Paper[] => papers.filter((p) => re.test(p.title));
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe('search relevance on the sample digests', () => {
  it('qwen2.5 puts the Qwen2.5 Technical Report first', () => {
    expect(hits('qwen2.5')[0]?.title).toBe('Qwen2.5 Technical Report');
  });

  it("bev ranks every BEV title ahead of the rest, and still finds bird's-eye-view titles via their abstracts", () => {
    const bevTitles = withTitle(/bev/i);
    expect(bevTitles.length).toBeGreaterThanOrEqual(10);
    const found = hits('bev');
    expect(sorted(titlesOf(found.slice(0, bevTitles.length)))).toEqual(sorted(titlesOf(bevTitles)));
    const birdsEye = withTitle(/birds?'?s?[- ]eye/i).filter((p) => !/bev/i.test(p.title));
    expect(birdsEye.length).toBeGreaterThan(0);
    expect(titlesOf(found)).toEqual(expect.arrayContaining(titlesOf(birdsEye)));
  });

  it('a 3-letter acronym stays exact: bev matches only papers that say BEV', () => {
    const literal = papers.filter((p) => /bev/i.test(`${p.title}\n${p.abstract}`));
    expect(engine.search('bev').total).toBe(literal.length);
  });

  it('a typo in a 4-letter word is forgiven: llma finds the LLaMA title ahead of abstract-only mentions', () => {
    const found = titlesOf(hits('llma'));
    const titled = found.findIndex((t) => /^Sorted LLaMA:/.test(t));
    expect(titled).toBeGreaterThanOrEqual(0);
    const abstractOnly = papers.filter((p) => /llama/i.test(p.abstract) && !/ll?ama|llm|lla/i.test(p.title));
    expect(abstractOnly.length).toBeGreaterThan(5);
    for (const p of abstractOnly) expect(found.indexOf(p.title)).toBeGreaterThan(titled);
  });

  it('the typo trasformer still finds every transformer paper, titles first', () => {
    const transformerTitles = withTitle(/transformer/i);
    expect(transformerTitles.length).toBeGreaterThan(20);
    const found = hits('trasformer');
    expect(sorted(titlesOf(found.slice(0, transformerTitles.length)))).toEqual(sorted(titlesOf(transformerTitles)));
  });

  it("'model soups puts \"Model soups: …\" first", () => {
    expect(hits("'model soups")[0]?.title).toMatch(/^Model soups: /);
  });

  it('diffusion !video drops every paper that mentions video in its title or its abstract', () => {
    const found = hits('diffusion !video');
    expect(found.length).toBeGreaterThan(5);
    for (const p of found) expect(`${p.title}\n${p.abstract}`).not.toMatch(/video/i);
    const clean = withTitle(/diffusion/i).filter((p) => !/video/i.test(`${p.title} ${p.abstract}`));
    expect(titlesOf(found)).toEqual(expect.arrayContaining(titlesOf(clean)));
    // Papers with diffusion in the title and video only in the abstract: a per-field negation
    // (plain Fuse.js extended search) would keep them.
    const videoInAbstractOnly = withTitle(/diffusion/i).filter((p) => !/video/i.test(p.title) && /video/i.test(p.abstract));
    expect(videoInAbstractOnly.length).toBeGreaterThan(0);
    expect(titlesOf(found)).not.toEqual(expect.arrayContaining([videoInAbstractOnly[0]!.title]));
  });

  it('llama finds the model name in a title first, then papers that only mention LLaMA', () => {
    const found = hits('llama');
    expect(found[0]?.title).toMatch(/^Sorted LLaMA:/);
    const mentions = papers.filter((p) => /llama/i.test(p.abstract) && !/llama/i.test(p.title));
    expect(mentions.length).toBeGreaterThan(10);
    expect(titlesOf(found)).toEqual(expect.arrayContaining(titlesOf(mentions)));
  });

  it('the typo reinforcment ranks the reinforcement-learning titles first', () => {
    const expected = withTitle(/reinforcement/i);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(sorted(titlesOf(hits('reinforcment').slice(0, expected.length)))).toEqual(sorted(titlesOf(expected)));
  });

  it('the partial word segm ranks the segmentation titles first', () => {
    const expected = withTitle(/segm/i);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(sorted(titlesOf(hits('segm').slice(0, expected.length)))).toEqual(sorted(titlesOf(expected)));
  });

  it('the acronym moe ranks the MoE titles first', () => {
    const expected = withTitle(/moe/i);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(sorted(titlesOf(hits('moe').slice(0, expected.length)))).toEqual(sorted(titlesOf(expected)));
  });

  it('lidar | radar returns exactly the papers either word finds', () => {
    const union = new Set([...titlesOf(hits('lidar')), ...titlesOf(hits('radar'))]);
    const either = titlesOf(hits('lidar | radar'));
    expect(union.size).toBeGreaterThan(titlesOf(hits('lidar')).length);
    expect(sorted(either)).toEqual(sorted([...union]));
    // More of the query's words matched beats fewer: a paper naming both comes first.
    const first = hits('lidar | radar')[0]!;
    expect(`${first.title} ${first.abstract}`).toMatch(/lidar/i);
    expect(`${first.title} ${first.abstract}`).toMatch(/radar/i);
  });

  it('^efficient returns exactly the titles that start with "Efficient"', () => {
    const expected = withTitle(/^efficient/i);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(sorted(titlesOf(hits('^efficient')))).toEqual(sorted(titlesOf(expected)));
  });

  it('models$ returns exactly the titles that end with "models"', () => {
    const expected = withTitle(/models$/i);
    expect(expected.length).toBeGreaterThanOrEqual(10);
    expect(sorted(titlesOf(hits('models$')))).toEqual(sorted(titlesOf(expected)));
  });

  it("space is AND across fields: bev 'lidar keeps a BEV title whose abstract alone says LiDAR", () => {
    const found = hits("bev 'lidar");
    for (const p of found) {
      expect(`${p.title} ${p.abstract}`).toMatch(/bev/i);
      expect(`${p.title} ${p.abstract}`).toMatch(/lidar/i);
    }
    const split = withTitle(/bev/i).filter((p) => !/lidar/i.test(p.title) && /lidar/i.test(p.abstract));
    expect(split.length).toBeGreaterThan(0);
    expect(titlesOf(found)).toEqual(expect.arrayContaining(titlesOf(split)));
  });

  it("a quoted phrase matches it verbatim: '\"knowledge distillation\"", () => {
    const expected = papers.filter((p) => /knowledge distillation/i.test(`${p.title}\n${p.abstract}`));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(sorted(titlesOf(hits(`'"knowledge distillation"`)))).toEqual(sorted(titlesOf(expected)));
  });

  it('a digest date, mar 14, brings that digest\'s papers first', () => {
    const digest = papers.filter((p) => p.dates.includes('Mar 14'));
    expect(digest.length).toBeGreaterThan(20);
    expect(sorted(titlesOf(hits('mar 14').slice(0, digest.length)))).toEqual(sorted(titlesOf(digest)));
  });
});
