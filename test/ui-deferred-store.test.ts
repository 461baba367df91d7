import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openStateStore, readMarks } from '../src/state/index.js';
import { marksOf } from '../src/state/types.js';
import { DeferredStore } from '../src/ui/reader/deferred-store.js';
import { makeTempDir } from './state-helpers.js';

const dirs: (() => void)[] = [];
afterEach(() => {
  for (const c of dirs.splice(0)) c();
});
function tempDir(): string {
  const { dir, cleanup } = makeTempDir();
  dirs.push(cleanup);
  return dir;
}

describe('marks before the writable store is open', () => {
  test('shows the saved marks; marks made meanwhile reach the real store, in order, when it attaches', async () => {
    const dir = tempDir();
    (await openStateStore({ dir })).set(['a'], 'starred', true);
    const store = new DeferredStore(readMarks(dir));
    expect(marksOf(store.marks, 'a').starred).toBe(true);
    const first = store.apply([{ id: 'b', field: 'read', value: true }]);
    expect(first.undo).toEqual([{ id: 'b', field: 'read', value: false }]);
    expect(store.apply([{ id: 'b', field: 'read', value: true }]).changed).toEqual([]);
    const unstar = store.apply([
      { id: 'a', field: 'starred', value: false },
      { id: 'a', field: 'starred', value: true },
      { id: 'a', field: 'starred', value: false },
    ]);
    // Undo restores what was there before the whole change.
    expect(unstar.undo).toEqual([{ id: 'a', field: 'starred', value: true }]);
    expect(marksOf(store.marks, 'a').starred).toBe(false);
    store.attach(await openStateStore({ dir }));
    const disk = (await openStateStore({ dir })).marks;
    expect(marksOf(disk, 'a')).toEqual({ read: false, starred: false });
    expect(marksOf(disk, 'b')).toEqual({ read: true, starred: false });
    // From now on the real store does the work.
    store.apply([{ id: 'c', field: 'read', value: true }]);
    expect(marksOf((await openStateStore({ dir })).marks, 'c').read).toBe(true);
  });

  test('a damaged file is reported once, not again when the real store opens', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state.json'), '{ broken');
    const store = new DeferredStore(readMarks(dir));
    const early = store.takeWarnings();
    expect(early).toHaveLength(1);
    expect(early[0]!.message).toMatch(/state\.json/);
    store.attach(await openStateStore({ dir }));
    expect(store.takeWarnings()).toEqual([]);
  });
});
