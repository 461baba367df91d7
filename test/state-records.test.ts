import { describe, expect, it } from 'vitest';
import { decodeStateFile, serializeStateFile } from '../src/state/file-format.js';
import { applyEdits, mergeRecords, toMarkMap } from '../src/state/records.js';
import type { PaperRecord } from '../src/state/types.js';

const rec = (entries: Record<string, PaperRecord>) => new Map(Object.entries(entries));

describe('mergeRecords (newest change per id and field wins)', () => {
  it('keeps marks made by either side on different papers and different fields', () => {
    const disk = rec({ a: { read: { value: true, at: 10 } }, b: { starred: { value: true, at: 5 } } });
    const mine = rec({ b: { read: { value: true, at: 7 } }, c: { starred: { value: true, at: 8 } } });
    const marks = toMarkMap(mergeRecords(disk, mine));
    expect(Object.fromEntries(marks)).toEqual({
      a: { read: true, starred: false },
      b: { read: true, starred: true },
      c: { read: false, starred: true },
    });
  });

  it('does not resurrect a mark that was removed later elsewhere', () => {
    const disk = rec({ a: { read: { value: false, at: 20 } } });
    const staleMemory = rec({ a: { read: { value: true, at: 10 } } });
    expect(toMarkMap(mergeRecords(disk, staleMemory)).get('a')).toBeUndefined();
  });

  it('lets a newer local unmark win over an older mark on disk', () => {
    const disk = rec({ a: { starred: { value: true, at: 10 } } });
    const mine = rec({ a: { starred: { value: false, at: 11 } } });
    expect(toMarkMap(mergeRecords(disk, mine)).get('a')).toBeUndefined();
  });
});

describe('applyEdits', () => {
  it('records an unmark with its time instead of forgetting the paper', () => {
    const records = rec({ a: { read: { value: true, at: 100 } } });
    applyEdits(records, [{ id: 'a', field: 'read', value: false }], 200);
    expect(records.get('a')).toEqual({ read: { value: false, at: 200 } });
  });

  it('leaves papers already as asked untouched, keeping the time they were marked', () => {
    const records = rec({ a: { read: { value: true, at: 100 } } });
    const out = applyEdits(
      records,
      ['a', 'b'].map((id) => ({ id, field: 'read' as const, value: true })),
      500,
    );
    expect(out.changed.map((e) => e.id)).toEqual(['b']);
    expect(records.get('a')).toEqual({ read: { value: true, at: 100 } });
    expect(records.get('b')).toEqual({ read: { value: true, at: 500 } });
  });

  it('returns undo edits that restore exactly the previous values', () => {
    const start = rec({ a: { read: { value: true, at: 1 } }, b: { starred: { value: true, at: 1 } } });
    const edits = [
      { id: 'a', field: 'read' as const, value: false },
      { id: 'b', field: 'starred' as const, value: false },
      { id: 'c', field: 'read' as const, value: true },
    ];
    const records = new Map(start);
    const done = applyEdits(records, edits, 10);
    expect(Object.fromEntries(toMarkMap(records))).toEqual({ c: { read: true, starred: false } });
    applyEdits(records, done.undo, 20);
    expect(Object.fromEntries(toMarkMap(records))).toEqual(Object.fromEntries(toMarkMap(start)));
    // The undo is itself a change, so a merge with an older copy keeps the restored values.
    expect(records.get('c')).toEqual({ read: { value: false, at: 20 } });
  });

  it('stamps a change after the value it replaces even when this clock is behind', () => {
    const start = rec({ a: { read: { value: true, at: 5000 } } });
    const records = new Map(start);
    applyEdits(records, [{ id: 'a', field: 'read', value: false }], 1000);
    const merged = mergeRecords(start, records);
    expect(toMarkMap(merged).get('a')).toBeUndefined();
  });
});

describe('state file format', () => {
  it('round-trips records through JSON with ISO times', () => {
    const records = rec({
      '0123456789ab': { read: { value: true, at: Date.parse('2025-03-18T09:30:00.000Z') }, starred: { value: false, at: 7 } },
    });
    const text = serializeStateFile(records);
    expect(text.split('\n').filter((l) => l.includes('0123456789ab'))).toHaveLength(1); // one line a paper
    const json = JSON.parse(text);
    expect(json.marks['0123456789ab']).toEqual({
      read: true,
      readAt: '2025-03-18T09:30:00.000Z',
      starred: false,
      starredAt: '1970-01-01T00:00:00.007Z',
    });
    const back = decodeStateFile(text);
    expect(back.ok && back.records).toEqual(records);
    expect(JSON.parse(serializeStateFile(new Map()))).toEqual({ version: 1, marks: {} });
  });

  it('refuses text that is not a paperterm state file', () => {
    expect(decodeStateFile('{"version":1,"marks":')).toEqual({ ok: false, reason: 'not valid JSON' });
    expect(decodeStateFile('[1,2]')).toEqual({ ok: false, reason: 'not a paperterm state file' });
    expect(decodeStateFile('{"version":9,"marks":{}}')).toMatchObject({ ok: false });
  });

  it('skips and counts malformed fields but keeps the good ones', () => {
    const text = JSON.stringify({
      version: 1,
      marks: {
        a: { read: 'yes', readAt: '2025-01-01T00:00:00Z', starred: true, starredAt: '2025-01-02T00:00:00Z' },
        b: { read: true, readAt: 'not a date' },
        c: 42,
      },
    });
    const out = decodeStateFile(text);
    expect(out.ok && out.malformed).toBe(3);
    expect(out.ok && Object.fromEntries(toMarkMap(out.records))).toEqual({ a: { read: false, starred: true } });
  });
});
