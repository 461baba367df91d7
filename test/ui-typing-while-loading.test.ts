/**
 * A search typed a key at a time while a large library loads (issue 12): each key's answer is the
 * scan's of the line over the papers read so far, and a key that narrows the line (more of a word,
 * another word) looks again only at the papers the line matched before it, not at every paper read:
 * at 100,000 papers a scan from zero costs ~0.3 s, taken from the load at every key.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Paper } from '../src/core/types.js';
import { createScanEngine } from '../src/search/engine.js';
import { ReaderSession } from '../src/ui/reader/session.js';
import { cleanupStores, MEASURE, sampleLibrary, tempStore, turn } from './helpers/session.js';

afterEach(() => cleanupStores());

/** The sample papers, each noting when its abstract is read: which papers a search looked at. */
function watchedPapers(): { papers: Paper[]; read: Set<Paper> } {
  const read = new Set<Paper>();
  const papers = sampleLibrary().papers.map((p) => {
    const copy = { ...p };
    Object.defineProperty(copy, 'abstract', {
      get: () => {
        read.add(copy);
        return p.abstract;
      },
    });
    return copy;
  });
  return { papers, read };
}

/** The answer a fresh scan gives for `line` over `papers`, best first. */
const scanned = (papers: readonly Paper[], line: string) => createScanEngine(papers).search(line).hits.map((h) => papers[h.index]!);

describe('typing a search while the library loads', () => {
  test('each key is answered over the papers read so far, looking again only at what the line matched before the key', async () => {
    const { papers, read } = watchedPapers();
    const { store } = await tempStore();
    const { days } = sampleLibrary();
    // A fifth of the library read, as far as the session knows: large enough to be searched as it loads.
    const first = papers.slice(0, 300);
    const session = new ReaderSession({ papers: first, days, store, cols: 80, rows: 24, loading: 0.05 });
    await session.searchWhileLoading();
    session.keys(['/'], MEASURE);
    let line = '';
    let matched: Set<Paper> | undefined;
    const looks: number[] = [];
    for (const key of [...'model soup']) {
      const readBefore = session.papers.length;
      // More of the library arrives between two keys.
      if (line === 'model') session.libraryGrew({ papers, days, loading: 0.1 });
      read.clear();
      session.keys([key === ' ' ? 'space' : key], MEASURE);
      await turn();
      const looked = [...read];
      line += key;
      const answer = scanned(session.papers, line);
      const listed = session.getSnapshot().list.papers;
      expect(listed, line).toEqual(answer.slice(0, listed.length));
      // Papers read before the key that the line did not match were not looked at again.
      if (matched) for (const p of looked) expect(matched.has(p) || session.papers.indexOf(p) >= readBefore, `${line}: ${p.title}`).toBe(true);
      matched = new Set(answer);
      looks.push(looked.length);
    }
    expect(session.getSnapshot().query).toBe('model soup');
    // The first key scans every paper read; the space typed after the library grew, only the new
    // papers; the last key, only the papers `model sou` matched.
    expect(looks[0]).toBe(first.length);
    expect(looks[5]).toBe(papers.length - first.length);
    expect(looks.at(-1)).toBe(scanned(papers, 'model sou').length);
    expect(session.getSnapshot().partial).toBe(true);
  });
});
