import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStateStore, readMarks } from '../src/state/store.js';
import { decodeMarksFile, encodeMarksFile } from '../src/state/transfer.js';
import type { PaperRecord } from '../src/state/types.js';
import { makeTempDir } from './state-helpers.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const T0 = Date.parse('2025-03-18T09:00:00.000Z');
const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';

describe('importing marks from another machine (real conf store)', () => {
  it('newest change per paper and field wins; a tie keeps ours; newer same-value stamps are kept quietly', async () => {
    const store = await openStateStore({ dir: tmp.dir, now: () => T0 });
    store.set([A], 'read', true); // at T0
    store.set([B], 'starred', true); // at T0
    const incoming = new Map<string, PaperRecord>([
      [A, { read: { value: false, at: T0 - 1 }, starred: { value: true, at: T0 + 5 } }],
      [B, { starred: { value: true, at: T0 + 9 } }],
    ]);
    const result = store.importRecords(incoming);
    expect(result.saved).toBe(true);
    expect(result.changed).toEqual([{ id: A, field: 'starred', value: true }]);
    expect(Object.fromEntries(store.marks)).toEqual({ [A]: { read: true, starred: true }, [B]: { read: false, starred: true } });
    // B's newer stamp of the same value is taken, so the next export carries it on.
    const disk = JSON.parse(readFileSync(join(tmp.dir, 'state.json'), 'utf8')) as { marks: Record<string, Record<string, string | boolean>> };
    expect(disk.marks[B]).toEqual({ starred: true, starredAt: new Date(T0 + 9).toISOString() });
    expect(store.importRecords(incoming).changed).toEqual([]);

    const unmarkLater = new Map<string, PaperRecord>([[A, { read: { value: false, at: T0 + 1 } }]]);
    expect(store.importRecords(unmarkLater).changed).toEqual([{ id: A, field: 'read', value: false }]);
    const sameTime = new Map<string, PaperRecord>([[A, { read: { value: true, at: T0 + 1 } }]]);
    expect(store.importRecords(sameTime).changed).toEqual([]);
    expect(readMarks(tmp.dir).marks.get(A)).toEqual({ read: false, starred: true });
  });

  it('an export decodes back to the same records, unmarks and times included', async () => {
    const store = await openStateStore({ dir: tmp.dir, now: () => T0 });
    store.set([A, B], 'read', true);
    store.set([A], 'read', false);
    const records = readMarks(tmp.dir).records;
    const decoded = decodeMarksFile(encodeMarksFile(records));
    expect(decoded).toEqual({ ok: true, records, malformed: 0 });
    expect(decodeMarksFile('[]')).toEqual({ ok: false, reason: 'not a paperterm state file' });
  });
});
