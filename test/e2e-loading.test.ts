/**
 * A library too big to read before the first frame, in the real binary in a real pty: the reader
 * shows the newest papers at once and reads the rest behind them.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { writeCorpus, type CorpusInfo } from '../bench/digest-writer.js';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { abstract, layoutA, tempDir } from './helpers/digests.js';
import { type PtySession, spawnPaperterm } from './helpers/pty.js';

const TIMEOUT = 60_000;
let corpus: CorpusInfo;
let papers: Paper[];
let badFile: string;
const sessions: PtySession[] = [];
afterEach(() => sessions.splice(0).forEach((t) => t.dispose()));

beforeAll(() => {
  // 8,000 papers, ~16 MB: well past what is read whole before the first frame.
  corpus = writeCorpus(tempDir('paperterm-e2e-loading-'), { papers: 8000, seed: 11 });
  // The oldest dated digest turns out not to be UTF-8 past its first few KB: found while reading in
  // the background, long after the first frame.
  const entries = Array.from({ length: 40 }, (_, i) => [`Old paper number ${i}`, abstract(`old ${i}`)] as [string, string]);
  badFile = join(corpus.dir, 'zz-old.txt');
  writeFileSync(badFile, Buffer.concat([Buffer.from(layoutA('Jan 1', entries)), Buffer.from([0xff, 0x0a])]));
  papers = loadLibrary([corpus.dir]).papers;
}, TIMEOUT);
const cacheDir = tempDir('paperterm-e2e-library-cache-');
afterAll(() => {
  rmSync(corpus.dir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

/** The library files in the cache (library-cache.ts), temp files of unfinished writes included. */
function libraryFiles(): string[] {
  if (!existsSync(cacheDir)) return [];
  return readdirSync(cacheDir)
    .filter((d) => d.startsWith('library-'))
    .flatMap((d) => readdirSync(join(cacheDir, d)));
}

describe('a large library', () => {
  test(
    'first frame from the newest digests, the rest read behind it, a problem found late on the status line',
    async () => {
      const t = spawnPaperterm({ args: [corpus.dir], cols: 100, rows: 30 });
      sessions.push(t);
      const header = () => t.lines()[0] ?? '';
      const footer = () => t.lines()[29] ?? '';
      await t.waitFor(() => footer().includes('j/k move'), 30_000);
      // The first frame is drawn before the background reading starts.
      expect(t.output).toMatch(/loading \d+%…/);
      expect(t.lines()[1]).toContain(papers[0]!.title.slice(0, 20));
      await t.waitFor(() => header().includes(`${papers.length} papers`) && !header().includes('loading'), 30_000);
      expect(papers).toHaveLength(8000);
      expect(footer()).toContain(`${badFile}: not valid UTF-8 text`);
      t.press('j');
      await t.waitFor(() => /2\/8000\s*$/.test(header()), 30_000);
      expect(t.lines()[2]!.startsWith('>')).toBe(true);
      expect(t.lines()[2]).toContain(papers[1]!.title.slice(0, 20));
      // The index is built once everything is in: a search finds papers from the oldest digests.
      const oldest = papers.at(-1)!;
      t.press('/');
      t.write(oldest.title);
      await t.waitFor(() => header().includes(`/${oldest.title.slice(0, 20)}`) && t.lines()[1]!.includes(oldest.title.slice(0, 20)), 30_000);
      // Esc and q as a person types them: written together they would arrive as one Alt-q sequence.
      t.press('escape');
      await t.waitFor(() => !header().includes(`/${oldest.title.slice(0, 20)}`), 30_000);
      t.press('q');
      expect((await t.exited(10_000)).exitCode).toBe(0);
    },
    TIMEOUT,
  );

  test(
    'the library read is cached for the next launch, which shows the same papers and problems',
    async () => {
      const launch = async () => {
        const t = spawnPaperterm({ args: [corpus.dir], cols: 100, rows: 30, env: { PAPERTERM_CACHE_DIR: cacheDir } });
        sessions.push(t);
        await t.waitFor(() => (t.lines()[0] ?? '').includes(`${papers.length} papers`) && !(t.lines()[0] ?? '').includes('loading'), 30_000);
        return t;
      };
      const first = await launch();
      const seen = first.lines().slice(0, 4);
      const problem = first.lines()[29];
      expect(problem).toContain(`${badFile}: not valid UTF-8 text`);
      // Written once the library is whole and indexed (a write under way when the user quits is
      // dropped: q does not wait for it).
      await first.waitFor(() => libraryFiles().some((f) => f.endsWith('.lib')), 30_000);
      first.press('q');
      expect((await first.exited(30_000)).exitCode).toBe(0);
      expect(libraryFiles()).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.lib$/)]);
      const second = await launch();
      expect(second.lines().slice(0, 4)).toEqual(seen);
      // The selected paper's abstract, read from the cache when the detail first showed it.
      const words = papers[0]!.abstract.split(' ').slice(0, 4).join(' ');
      expect(words.length).toBeGreaterThan(10);
      expect(second.lines().join('\n')).toContain(words);
      expect(second.lines()[29]).toBe(problem);
      second.press('q');
      expect((await second.exited(10_000)).exitCode).toBe(0);
    },
    TIMEOUT,
  );
});
