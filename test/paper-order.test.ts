import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import { digestCount, nextPaperOrder, PAPER_ORDERS, sortPapers, titleSortKey } from '../src/core/paper-order.js';
import { sortPapers as readerSort } from '../src/ui/reader/order.js';
import { expectCleanErrors, runCli } from './helpers/cli.js';
import { pinnedSamples } from './helpers/digests.js';

const samples = pinnedSamples();
afterAll(() => rmSync(samples.dir, { recursive: true, force: true }));
const { papers } = loadLibrary([samples.dir]);

describe('sort orders over the real samples', () => {
  it('newest keeps the library order (newest digest first)', () => {
    expect(sortPapers(papers, 'newest')).toEqual(papers);
    expect(sortPapers(papers, 'newest')).not.toBe(papers);
  });

  it('recurring puts the papers seen in most digests first, ties newest first', () => {
    const sorted = sortPapers(papers, 'recurring');
    const counts = sorted.map(digestCount);
    expect(counts[0]).toBe(Math.max(...papers.map(digestCount)));
    expect(counts[0]).toBeGreaterThan(1);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
    // Among the papers seen once, the newest-first order is kept.
    const once = sorted.filter((p) => digestCount(p) === 1);
    expect(once).toEqual(papers.filter((p) => digestCount(p) === 1));
    expect(sorted).toHaveLength(papers.length);
  });

  it('title sorts A–Z ignoring case, accents and leading quotes, ties newest first', () => {
    const keys = sortPapers(papers, 'title').map((p) => titleSortKey(p.title));
    expect(keys).toHaveLength(papers.length);
    for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! <= keys[i]!).toBe(true);
    const fake = (title: string, id: string) => ({ ...papers[0]!, title, id });
    const sorted = sortPapers([fake('b', '1'), fake('"Quoted" title', '2'), fake('Élan', '3'), fake('a', '4'), fake('B', '5'), fake('zed', '6')], 'title');
    expect(sorted.map((p) => p.title)).toEqual(['a', 'b', 'B', 'Élan', '"Quoted" title', 'zed']);
  });

  it('gives the orders the reader shows (list --sort and S agree)', () => {
    for (const order of PAPER_ORDERS) expect(sortPapers(papers, order)).toEqual(readerSort(papers, order));
  });

  it('S cycles newest → recurring → title → newest', () => {
    expect(PAPER_ORDERS[0]).toBe('newest');
    expect(nextPaperOrder('newest')).toBe('recurring');
    expect(nextPaperOrder('recurring')).toBe('title');
    expect(nextPaperOrder('title')).toBe('newest');
  });
});

describe('paperterm list --sort', () => {
  const ids = (stdout: string) => stdout.trimEnd().split('\n').map((l) => l.split(/\s+/)[0]);

  it('prints the papers in each order, the id first, and a column with the digest count', () => {
    for (const order of PAPER_ORDERS) {
      const r = runCli(['list', '--sort', order, samples.dir]);
      expect(r.code).toBe(0);
      expect(ids(r.stdout)).toEqual(sortPapers(papers, order).map((p) => p.id));
    }
    const top = runCli(['list', '--sort', 'recurring', samples.dir]).stdout.split('\n')[0]!;
    const best = sortPapers(papers, 'recurring')[0]!;
    expect(top).toBe(`${best.id}  N   ${digestCount(best)}  ${best.days[0]}   ${best.title}`); // dates padded to "2025-03-10?"
  });

  it('refuses an unknown order with one line and exit 2', () => {
    const r = runCli(['list', '--sort', 'random', samples.dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(expectCleanErrors(r.stderr)).toEqual([
      "paperterm: --sort must be one of newest, recurring, title, not 'random' (see paperterm --help)",
    ]);
  });
});
