// Search history in a real state directory: most recent first, duplicates collapsed, 100 kept,
// written atomically next to the marks, and tolerant of a damaged or newer file.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addToHistory, historyPath, HISTORY_LIMIT, readSearchHistory, recordSearch } from '../src/state/index.js';
import { tempDir } from './helpers/digests.js';

const temps: string[] = [];
function temp(): string {
  const dir = tempDir('paperterm-history-test-');
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('addToHistory', () => {
  it('puts the newest first, collapses a repeat to its newest place, trims, skips blanks', () => {
    let h: string[] = [];
    for (const q of ['bev', 'sam', '  bev ', '', '   ', 'lora']) h = addToHistory(h, q);
    expect(h).toEqual(['lora', 'bev', 'sam']);
  });

  it(`keeps the ${HISTORY_LIMIT} most recent`, () => {
    let h: string[] = [];
    for (let i = 0; i < 150; i++) h = addToHistory(h, `q${i}`);
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[0]).toBe('q149');
    expect(h.at(-1)).toBe('q50');
  });
});

describe('the stored history', () => {
  it('is saved in the state directory next to the marks and read back in order', () => {
    const dir = temp();
    expect(readSearchHistory(dir)).toEqual({ kind: 'missing', queries: [] });
    recordSearch(dir, 'bev');
    recordSearch(dir, 'sam');
    const last = recordSearch(dir, 'bev');
    expect(last).toEqual({ queries: ['bev', 'sam'] });
    expect(readSearchHistory(dir)).toEqual({ kind: 'ok', queries: ['bev', 'sam'] });
    expect(historyPath(dir)).toBe(join(dir, 'search-history.json'));
    // Nothing left beside it: no temp file, no lock.
    expect(readdirSync(dir)).toEqual(['search-history.json']);
  });

  it('creates the state directory when it does not exist yet', () => {
    const dir = join(temp(), 'nested', 'state');
    recordSearch(dir, 'lora');
    expect(readSearchHistory(dir).queries).toEqual(['lora']);
  });

  it('a damaged file reads as empty, and is moved aside (bytes kept) before the next write', () => {
    const dir = temp();
    writeFileSync(historyPath(dir), '{"version":1,"queries":["bev", ');
    expect(readSearchHistory(dir).kind).toBe('damaged');
    const r = recordSearch(dir, 'sam', () => Date.UTC(2025, 2, 18));
    expect(r.queries).toEqual(['sam']);
    expect(r.movedAside).toBeDefined();
    expect(readFileSync(r.movedAside!, 'utf8')).toBe('{"version":1,"queries":["bev", ');
    expect(readSearchHistory(dir)).toEqual({ kind: 'ok', queries: ['sam'] });
  });

  it('entries of the wrong type are skipped, not fatal', () => {
    const dir = temp();
    writeFileSync(historyPath(dir), JSON.stringify({ version: 1, queries: ['a', 3, null, 'b', 'a', '', { q: 'x' }] }));
    expect(readSearchHistory(dir)).toEqual({ kind: 'ok', queries: ['a', 'b'] });
  });

  it('a file from a newer paperterm is read but never rewritten', () => {
    const dir = temp();
    const text = JSON.stringify({ version: 9, queries: ['future'], extra: true });
    writeFileSync(historyPath(dir), text);
    const r = recordSearch(dir, 'now');
    expect(r.queries).toEqual(['now', 'future']);
    expect(r.notWritten).toMatch(/newer paperterm/);
    expect(readFileSync(historyPath(dir), 'utf8')).toBe(text);
  });

  it('an unwritable state directory: the search goes on, the history says it was not saved', () => {
    const blocker = join(temp(), 'file');
    writeFileSync(blocker, 'x');
    const r = recordSearch(join(blocker, 'state'), 'bev');
    expect(r.queries).toEqual(['bev']);
    expect(r.notWritten).toBeDefined();
  });
});
