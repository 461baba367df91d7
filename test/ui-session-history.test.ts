/**
 * Search history in the reader (issue 12): ↑ / ↓ in an empty or untouched search line walk earlier
 * queries, most recent first; Enter adds the kept search. Real samples, real engine.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { readSearchHistory, recordSearch } from '../src/state/search-history.js';
import { searchHistoryIn } from '../src/ui/app/search-history.js';
import type { ReaderSession, SearchHistory } from '../src/ui/reader/session.js';
import { cleanupStores, MEASURE, sampleLibrary, testSession, turn } from './helpers/session.js';
import { makeTempDir } from './state-helpers.js';

const { papers } = sampleLibrary();

const dirs: (() => void)[] = [];
afterEach(() => {
  cleanupStores();
  for (const c of dirs.splice(0)) c();
});

function keys(session: ReaderSession, ...names: string[]) {
  return session.keys(names, MEASURE);
}
const snap = (s: ReaderSession) => s.getSnapshot();

/** The app's history in a fresh state directory holding `start` (most recent first). */
function storedHistory(start: string[]): SearchHistory & { list(): string[] } {
  const { dir, cleanup } = makeTempDir();
  dirs.push(cleanup);
  for (const q of [...start].reverse()) recordSearch(dir, q);
  return { ...searchHistoryIn(dir), list: () => readSearchHistory(dir).queries };
}

describe('↑ and ↓ in the search line', () => {
  test('an empty line: ↑ recalls the most recent query, searched at once; ↑ again an older one; ↓ back, then the empty line', async () => {
    const history = storedHistory(['diffusion', 'time series', 'bev']);
    const { session } = await testSession({ history });
    keys(session, '/', 'up');
    expect(snap(session).line?.text).toBe('diffusion');
    await turn();
    expect(snap(session).query).toBe('diffusion');
    expect(snap(session).list.count).toBeLessThan(papers.length);
    keys(session, 'up', 'up');
    expect(snap(session).line).toEqual({ text: 'bev', cursor: 3 });
    // At the oldest, ↑ stays there.
    keys(session, 'up');
    expect(snap(session).line?.text).toBe('bev');
    keys(session, 'down');
    expect(snap(session).line?.text).toBe('time series');
    keys(session, 'down', 'down');
    expect(snap(session).line?.text).toBe('');
    await turn();
    expect(snap(session).list.papers).toHaveLength(papers.length);
  });

  test('once a key edits the line, ↑ and ↓ move in the results again', async () => {
    const history = storedHistory(['diffusion', 'bev']);
    const { session } = await testSession({ history });
    keys(session, '/', 'up', 'backspace');
    expect(snap(session).line?.text).toBe('diffusio');
    await turn();
    keys(session, 'down', 'down');
    expect(snap(session).line?.text).toBe('diffusio');
    expect(snap(session).nav.cursor).toBe(2);
    keys(session, 'up');
    expect(snap(session).nav.cursor).toBe(1);
    // Emptied, the line walks the history again.
    keys(session, 'ctrl+u', 'up');
    expect(snap(session).line?.text).toBe('diffusion');
  });

  test('Enter adds the search, most recent first without a duplicate; a line opened over it offers the others', async () => {
    const history = storedHistory(['bev', 'diffusion']);
    const { session } = await testSession({ history });
    keys(session, '/', ...'diffusion', 'enter');
    expect(history.list()).toEqual(['diffusion', 'bev']);
    keys(session, '/');
    expect(snap(session).line?.text).toBe('diffusion');
    keys(session, 'up');
    expect(snap(session).line?.text).toBe('bev');
    keys(session, 'down');
    expect(snap(session).line?.text).toBe('diffusion');
    // Below the line as opened, ↓ is a move in the results.
    await turn();
    keys(session, 'down');
    expect(snap(session).line?.text).toBe('diffusion');
    expect(snap(session).nav.cursor).toBe(1);
  });

  test('without a history, ↑ and ↓ only move in the results', async () => {
    const { session } = await testSession();
    keys(session, '/', 'down', 'down', 'up');
    expect(snap(session).line?.text).toBe('');
    expect(snap(session).nav.cursor).toBe(1);
  });
});

describe('highlights in the detail abstract', () => {
  test('the snapshot carries what the search matched in the selected abstract; none without a search', async () => {
    const { session } = await testSession();
    expect(snap(session).abstractRanges).toEqual([]);
    keys(session, '/', ...'diffusion', 'enter');
    await turn();
    const paper = snap(session).detail!;
    const ranges = snap(session).abstractRanges;
    expect(ranges.length).toBeGreaterThan(0);
    for (const [a, b] of ranges) expect(paper.abstract.slice(a, b + 1).toLowerCase()).toContain('diffusion');
    // The same array while neither the paper nor the query changes.
    keys(session, 's');
    expect(snap(session).abstractRanges).toBe(ranges);
    keys(session, 'escape');
    expect(snap(session).abstractRanges).toEqual([]);
  });
});
