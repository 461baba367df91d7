/**
 * Search history in the reader (issue 12): ↑ / ↓ in an empty or untouched search line walk earlier
 * queries, most recent first; Enter adds the kept search. Real samples, real engine.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { ReaderSession, SearchHistory } from '../src/ui/reader/session.js';
import { cleanupStores, MEASURE, sampleLibrary, testSession, turn } from './helpers/session.js';

const { papers } = sampleLibrary();

afterEach(cleanupStores);

function keys(session: ReaderSession, ...names: string[]) {
  return session.keys(names, MEASURE);
}
const snap = (s: ReaderSession) => s.getSnapshot();

/** A history as the app keeps it: most recent first, duplicates collapsed. */
function memoryHistory(start: string[]): SearchHistory & { list: string[] } {
  const h = {
    list: start,
    queries: () => h.list,
    record(q: string) {
      h.list = [q, ...h.list.filter((x) => x !== q)];
    },
  };
  return h;
}

describe('↑ and ↓ in the search line', () => {
  test('an empty line: ↑ recalls the most recent query, searched at once; ↑ again an older one; ↓ back, then the empty line', async () => {
    const history = memoryHistory(['diffusion', 'time series', 'bev']);
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
    const history = memoryHistory(['diffusion', 'bev']);
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
    const history = memoryHistory(['bev', 'diffusion']);
    const { session } = await testSession({ history });
    keys(session, '/', ...'diffusion', 'enter');
    expect(history.list).toEqual(['diffusion', 'bev']);
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
