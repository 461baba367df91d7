// The scan engine (answers before the index exists) and openSearchEngine (scan first, then the
// index) on the real sample digests.
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateRelevance, RELEVANCE_CASES } from '../bench/relevance.js';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { createScanEngine, createSearchEngine, indexCacheKey, openSearchEngine } from '../src/search/engine.js';
import { loadCachedIndex } from '../src/search/index-cache.js';
import { SAMPLE_DIR, tempDir } from './helpers/digests.js';

const papers = loadLibrary([fileURLToPath(new URL('../sample-data', import.meta.url))]).papers;
const scan = createScanEngine(papers);
const indexed = createSearchEngine(papers);
const ids = (engine: Pick<typeof scan, 'search'>, q: string) => engine.search(q).hits.map((h) => h.index).sort((a, b) => a - b);

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('scan engine', () => {
  it('finds exactly what the index finds for verbatim words and operators', () => {
    for (const q of ['sam', 'dpo', 'bev', 'moe', "'stitch", 't:^bev', 'diffusion !video', '=Mar 17', 'date:mar 17', "abs:'stitch", '^efficient', 'models$', '=Stitchable Neural Networks']) {
      expect(ids(scan, q), q).toEqual(ids(indexed, q));
    }
  });

  it('ranks by the same kinds of match: the suite without its typo queries keeps MRR >= 0.95', () => {
    const cases = RELEVANCE_CASES.filter((c) => c.kind !== 'typo');
    expect(cases.length).toBeGreaterThan(40);
    expect(evaluateRelevance(papers, scan, cases).mrr).toBeGreaterThanOrEqual(0.95);
    expect(scan.search('sam').hits[0]!.index).toBe(indexed.search('sam').hits[0]!.index);
  });

  it('folds titles and the query: full-width and accents', () => {
    const extra: Paper = { ...papers[0]!, id: 'x', title: 'Ｒéｓｕｍé Networks', abstract: 'About naive things.' };
    const engine = createScanEngine([...papers, extra]);
    expect(engine.search('resume').hits[0]!.index).toBe(papers.length);
    expect(engine.search('RÉSUMÉ').hits[0]!.index).toBe(papers.length);
    expect(engine.search('NAÏVE').hits.map((h) => h.index)).toContain(papers.length);
  });
});

describe('openSearchEngine', () => {
  it('answers from the scan at once, then from the index; the index lands in the cache', async () => {
    const dir = tempDir('paperterm-open-engine-');
    const cacheDir = tempDir('paperterm-open-engine-cache-');
    temps.push(dir, cacheDir);
    for (const f of readdirSync(SAMPLE_DIR)) copyFileSync(join(SAMPLE_DIR, f), join(dir, f));
    const lib = loadLibrary([dir]);
    const cache = indexCacheKey(cacheDir, lib.digests.map((d) => d.file));
    const engine = openSearchEngine(lib.papers, { cache });
    expect(engine.indexed).toBe(false);
    expect(engine.readySoon).toBe(false);
    // Typos need the index: the scan finds nothing for one.
    expect(engine.search('stitchabel').total).toBe(0);
    expect(engine.search('sam').hits[0]!.index).toBe(indexed.search('sam').hits[0]!.index);
    await engine.ready;
    expect(engine.indexed).toBe(true);
    expect(engine.search('stitchabel').hits.map((h) => lib.papers[h.index]!.title)[0]).toBe('Stitchable Neural Networks');
    expect(loadCachedIndex(cache!, lib.papers)).not.toBeNull();
    // Next launch: the cached index is there to wait for.
    const again = openSearchEngine(lib.papers, { cache });
    expect(again.readySoon).toBe(true);
    await again.ready;
    expect(again.search('stitchabel').hits[0]!.index).toBe(engine.search('stitchabel').hits[0]!.index);
  });

  it('an abort before the index is ready rejects `ready` and leaves the scan answering', async () => {
    const controller = new AbortController();
    const engine = openSearchEngine(papers, { signal: controller.signal });
    controller.abort(new Error('closed'));
    await expect(engine.ready).rejects.toThrow('closed');
    expect(engine.indexed).toBe(false);
    expect(engine.search('bev').total).toBe(indexed.search('bev').total);
  });
});

describe('a scan that grows with a library still loading', () => {
  const answer = (engine: Pick<typeof scan, 'search'>, q: string) => engine.search(q).hits.map((h) => [h.index, h.score, h.titleRanges]);
  const QUERIES = ['diffusion', 'sam', 'bev | lidar', 'model !video', 'mar 17', "'stitch"];

  it('answers as a fresh scan at every step while papers are appended, scanning only the new ones', () => {
    let engine = createScanEngine(papers.slice(0, 40));
    for (const q of QUERIES) engine.search(q);
    for (const n of [41, 120, 300, papers.length]) {
      const grown = papers.slice(0, n);
      engine = engine.grow(grown, Math.min(n, engine.papers.length));
      for (const q of QUERIES) expect(answer(engine, q), `${q} at ${n}`).toEqual(answer(createScanEngine(grown), q));
    }
  });

  it('grown twice without a search between, then searched: still a fresh scan', () => {
    const engine = createScanEngine(papers.slice(0, 50));
    engine.search('diffusion');
    const twice = engine.grow(papers.slice(0, 100), 50).grow(papers.slice(0, 200), 100);
    expect(answer(twice, 'diffusion')).toEqual(answer(createScanEngine(papers.slice(0, 200)), 'diffusion'));
  });

  it('a library rebuilt (nothing kept) is scanned afresh', () => {
    const engine = createScanEngine(papers.slice(0, 100));
    engine.search('diffusion');
    const rebuilt = papers.slice(0, 150).reverse();
    expect(answer(engine.grow(rebuilt, 0), 'diffusion')).toEqual(answer(createScanEngine(rebuilt), 'diffusion'));
  });

  it('papers changed in place (an older date, an abstract filled in) are found by the recheck of the last growth', () => {
    const copies = papers.slice(0, 60).map((p) => ({ ...p, dates: [...p.dates], days: [...(p.days ?? [])] }));
    const engine = createScanEngine(copies);
    const q = 'jan 9';
    expect(engine.search(q).total).toBe(0);
    // An older digest of Jan 9 lists paper 7 again, and fills in paper 8's missing abstract.
    copies[7]!.dates.push('Jan 9');
    copies[8]!.abstract = `${copies[8]!.abstract} Seen again on jan 9.`;
    const more = [...copies, ...papers.slice(60, 80)];
    // Without the recheck only the new papers are scanned: the answer so far misses them.
    expect(engine.grow(more, 60).search(q).total).toBe(0);
    const whole = engine.grow(more, 60, true);
    expect(answer(whole, q)).toEqual(answer(createScanEngine(more), q));
    expect(whole.search(q).hits.map((h) => h.index).sort((a, b) => a - b)).toEqual([7, 8]);
  });
});

describe('a query typed a key at a time', () => {
  /** The papers, each counting reads of its abstract: which papers a search looked at. */
  const watched = () => {
    const read = new Set<number>();
    const copies = papers.map((p, i) => {
      const copy = { ...p };
      Object.defineProperty(copy, 'abstract', {
        get: () => {
          read.add(i);
          return p.abstract;
        },
      });
      return copy;
    });
    return { copies, read };
  };
  const answer = (engine: Pick<typeof scan, 'search'>, q: string) => engine.search(q).hits.map((h) => [h.index, h.score, h.titleRanges]);
  /** Every line a user's keys make while typing `text`, one key at a time. */
  const typing = (text: string) => Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));

  it('looks again only at the papers the line matched before the key, and answers as a fresh scan', () => {
    const { copies, read } = watched();
    const engine = createScanEngine(copies);
    for (const text of ['model soup', 'diffusion model', 't:^bev', "abs:'stitch", 'date:mar 17']) {
      let before: Set<number> | undefined;
      for (const line of typing(text)) {
        read.clear();
        expect(answer(engine, line), line).toEqual(answer(createScanEngine(papers), line));
        if (before) for (const d of read) expect(before.has(d), `${line}: paper ${d}`).toBe(true);
        before = new Set(engine.search(line).hits.map((h) => h.index));
      }
    }
  });

  it('after a key that may match more (deleted, an alternative, a negation typed on) it scans every paper again', () => {
    const { copies, read } = watched();
    const engine = createScanEngine(copies);
    engine.search('model soup');
    for (const line of ['model sou', 'model soup | bev', 'model !s', 'model !so']) {
      read.clear();
      expect(answer(engine, line), line).toEqual(answer(createScanEngine(papers), line));
      expect(read.size, line).toBe(papers.length);
    }
  });

  it('a paper changed in place after the shorter line was scanned is still found by the recheck of the last growth', () => {
    const copies = papers.slice(0, 60).map((p) => ({ ...p, dates: [...p.dates], days: [...(p.days ?? [])] }));
    const engine = createScanEngine(copies);
    expect(engine.search('jan').total).toBe(0);
    copies[7]!.dates.push('Jan 9');
    const more = [...copies, ...papers.slice(60, 80)];
    const whole = engine.grow(more, 60, true);
    expect(answer(whole, 'jan 9')).toEqual(answer(createScanEngine(more), 'jan 9'));
    expect(whole.search('jan 9').hits.map((h) => h.index)).toEqual([7]);
  });

  it('while the library grows between keys: the new papers scanned, the old ones only if the line matched them', () => {
    const { copies, read } = watched();
    let engine = createScanEngine(copies.slice(0, 200));
    engine.search('diff');
    const before = new Set(engine.search('diff').hits.map((h) => h.index));
    engine = engine.grow(copies.slice(0, 300), 200);
    read.clear();
    expect(answer(engine, 'diffusion')).toEqual(answer(createScanEngine(papers.slice(0, 300)), 'diffusion'));
    for (const d of read) expect(d >= 200 || before.has(d), `paper ${d}`).toBe(true);
  });
});
