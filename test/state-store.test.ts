import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStateStore, readMarks } from '../src/state/store.js';
import { makeTempDir, unwritableDir } from './state-helpers.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const ids = (n: number, prefix = 'a') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(11, '0')}`);
const onDisk = (dir: string) => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));

describe('StateStore on a real conf store', () => {
  it('keeps marks, with their times, for the next session', async () => {
    let clock = Date.parse('2025-03-18T09:30:00.000Z');
    const first = await openStateStore({ dir: tmp.dir, now: () => clock });
    first.set(['0123456789ab'], 'read', true);
    clock += 60_000;
    first.toggle('ba9876543210', 'starred');
    const second = await openStateStore({ dir: tmp.dir });
    expect(Object.fromEntries(second.marks)).toEqual({
      '0123456789ab': { read: true, starred: false },
      ba9876543210: { read: false, starred: true },
    });
    expect(onDisk(tmp.dir).marks['0123456789ab']).toEqual({ read: true, readAt: '2025-03-18T09:30:00.000Z' });
    expect(onDisk(tmp.dir).marks.ba9876543210).toEqual({ starred: true, starredAt: '2025-03-18T09:31:00.000Z' });
    expect(readdirSync(tmp.dir)).toEqual(['state.json']); // no lock or temp file left behind
    const text = readFileSync(join(tmp.dir, 'state.json'), 'utf8');
    expect(text).not.toContain('__internal__');
    expect(text.split('\n').filter((l) => /"[0-9a-f]{12}": \{/.test(l))).toHaveLength(2); // one line a paper
  });

  it('marks many papers at once and undoes exactly that change', async () => {
    const store = await openStateStore({ dir: tmp.dir });
    const all = ids(50);
    store.set(all.slice(0, 5), 'read', true);
    const markAll = store.set(all, 'read', true);
    expect(markAll.changed).toHaveLength(45);
    expect([...markAll.marks.values()].filter((m) => m.read)).toHaveLength(50);

    const undone = store.apply(markAll.undo);
    const read = all.filter((id) => undone.marks.get(id)?.read);
    expect(read).toEqual(all.slice(0, 5));
    // …and the undo is what the next session sees, too.
    const later = await openStateStore({ dir: tmp.dir });
    expect(all.filter((id) => later.marks.get(id)?.read)).toEqual(all.slice(0, 5));
  });

  it('gives a new marks snapshot only when something changed', async () => {
    const store = await openStateStore({ dir: tmp.dir });
    const before = store.marks;
    const noop = store.set(['0123456789ab'], 'starred', false);
    expect(noop.changed).toEqual([]);
    expect(noop.undo).toEqual([]);
    expect(noop.marks).toBe(before);
    const changed = store.set(['0123456789ab'], 'starred', true);
    expect(changed.marks).not.toBe(before);
    expect(before.get('0123456789ab')).toBeUndefined(); // old snapshot left as it was
  });

  it('merges with another session open on the same store instead of overwriting it', async () => {
    let clock = 1_000;
    const now = () => clock++;
    const a = await openStateStore({ dir: tmp.dir, now });
    const b = await openStateStore({ dir: tmp.dir, now });
    a.set(['aaaaaaaaaaaa'], 'read', true);
    b.set(['bbbbbbbbbbbb'], 'starred', true);
    expect(Object.fromEntries(readMarks(tmp.dir).marks)).toEqual({
      aaaaaaaaaaaa: { read: true, starred: false },
      bbbbbbbbbbbb: { read: false, starred: true },
    });
    expect(b.marks.get('aaaaaaaaaaaa')).toEqual({ read: true, starred: false }); // b saw a's mark
    a.set(['aaaaaaaaaaaa'], 'read', false); // an unmark, made after b last saw the paper as read
    b.set(['cccccccccccc'], 'read', true); // must not write b's stale "read" back
    expect(Object.fromEntries(readMarks(tmp.dir).marks)).toEqual({
      bbbbbbbbbbbb: { read: false, starred: true },
      cccccccccccc: { read: true, starred: false },
    });
    expect(b.marks.get('aaaaaaaaaaaa')).toBeUndefined();
    expect(a.refresh().get('cccccccccccc')).toEqual({ read: true, starred: false });
  });

  it('reports a corrupted file on opening, moves it aside byte for byte only when a mark changes', async () => {
    const garbage = Buffer.from('{"version":1,"marks":{"0123456789ab":{"read":tr\u00ff\n', 'latin1');
    writeFileSync(join(tmp.dir, 'state.json'), garbage);
    const store = await openStateStore({ dir: tmp.dir });
    expect(store.takeWarnings()).toEqual([
      { kind: 'damaged', message: expect.stringMatching(/state\.json is not valid JSON; showing no marks \(it is moved aside, bytes kept, when a mark is next changed\)$/) },
    ]);
    expect(store.marks.size).toBe(0);
    // Opening changed nothing on disk.
    expect(readdirSync(tmp.dir)).toEqual(['state.json']);
    expect(readFileSync(join(tmp.dir, 'state.json')).equals(garbage)).toBe(true);

    expect(store.set(['0123456789ab'], 'read', true).saved).toBe(true);
    const warnings = store.takeWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.kind).toBe('moved-aside');
    expect(warnings[0]!.message).toMatch(/state\.json was not valid JSON; moved it to .*state\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+\.\d{3}Z/);
    const backups = readdirSync(tmp.dir).filter((f) => f.startsWith('state.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(tmp.dir, backups[0]!)).equals(garbage)).toBe(true);
    expect(onDisk(tmp.dir).marks['0123456789ab'].read).toBe(true);
    store.set(['0123456789ab'], 'starred', true);
    expect(store.takeWarnings()).toEqual([]);
    expect(readFileSync(join(tmp.dir, backups[0]!)).equals(garbage)).toBe(true);
  });

  it('moves aside a state path it cannot read as a file, on the first change', async () => {
    mkdirSync(join(tmp.dir, 'state.json'));
    writeFileSync(join(tmp.dir, 'state.json', 'inside'), 'kept');
    const store = await openStateStore({ dir: tmp.dir });
    expect(store.takeWarnings().map((w) => w.kind)).toEqual(['damaged']);
    expect(store.set(['0123456789ab'], 'read', true).saved).toBe(true);
    expect(store.takeWarnings().map((w) => w.message)).toEqual([
      expect.stringMatching(/state\.json was unreadable \(is a directory\); moved it to /),
    ]);
    const backup = readdirSync(tmp.dir).find((f) => f.startsWith('state.json.corrupt-'))!;
    expect(readFileSync(join(tmp.dir, backup, 'inside'), 'utf8')).toBe('kept');
  });

  it('opens a newer version\'s file read-only: marks shown, never written, never moved', async () => {
    const newer = JSON.stringify({ version: 3, marks: { '0123456789ab': { read: true, readAt: '2030-01-01T00:00:00Z' } }, extra: 1 });
    writeFileSync(join(tmp.dir, 'state.json'), newer);
    const store = await openStateStore({ dir: tmp.dir });
    expect(store.marks.get('0123456789ab')).toEqual({ read: true, starred: false });
    expect(store.saving).toBe(false);
    expect(store.saveProblem).toMatch(/state\.json is from a newer paperterm \(file version 3\): left untouched/);
    expect(store.takeWarnings().map((w) => w.kind)).toEqual(['not-saving']);
    const r = store.set(['0123456789ab', 'ba9876543210'], 'starred', true);
    expect(r.saved).toBe(false);
    store.refresh();
    expect(readFileSync(join(tmp.dir, 'state.json'), 'utf8')).toBe(newer);
    expect(readdirSync(tmp.dir)).toEqual(['state.json']);
    expect(readMarks(tmp.dir).warnings).toEqual([expect.stringMatching(/newer paperterm \(file version 3\)/)]);
  });

  it('warns about malformed entries and keeps the rest', async () => {
    writeFileSync(
      join(tmp.dir, 'state.json'),
      JSON.stringify({ version: 1, marks: { '0123456789ab': { read: true, readAt: 'yesterday' }, ba9876543210: { starred: true, starredAt: '2025-01-01T00:00:00Z' } } }),
    );
    const store = await openStateStore({ dir: tmp.dir });
    expect(store.takeWarnings()).toEqual([{ kind: 'malformed', message: expect.stringMatching(/^ignored 1 malformed entry in state file /) }]);
    expect(Object.fromEntries(store.marks)).toEqual({ ba9876543210: { read: false, starred: true } });
  });

  it('keeps a session working in memory when the location cannot be written', async () => {
    const { dir, how } = unwritableDir(tmp.dir);
    const store = await openStateStore({ dir });
    const warnings = store.takeWarnings();
    expect(warnings, how).toEqual([
      { kind: 'not-saving', message: expect.stringMatching(/^cannot (save marks in|use state directory) .*\((permission denied|.*a-regular-file is a file, not a directory)\); marks made now last only until paperterm exits$/) },
    ]);
    expect(store.saving).toBe(false);
    const result = store.set(['0123456789ab', 'ba9876543210'], 'starred', true);
    expect(result.saved).toBe(false);
    expect(result.marks.get('ba9876543210')).toEqual({ read: false, starred: true });
    expect(store.apply(result.undo).marks.size).toBe(0);
    expect(store.takeWarnings()).toEqual([]); // said once, not on every key
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
  });

  it('saves everything marked while the location was unwritable once it can be written again', async () => {
    const blocker = join(tmp.dir, 'not-yet-a-dir');
    writeFileSync(blocker, '');
    const dir = join(blocker, 'state');
    const store = await openStateStore({ dir });
    store.set(['0123456789ab'], 'read', true);
    expect(store.saving).toBe(false);
    unlinkSync(blocker);
    const result = store.set(['ba9876543210'], 'starred', true);
    expect(result.saved).toBe(true);
    expect(store.takeWarnings().map((w) => w.kind)).toEqual(['not-saving', 'saving-again']);
    expect(Object.keys(onDisk(dir).marks).sort()).toEqual(['0123456789ab', 'ba9876543210']);
  });

  it('breaks a lock left behind by a process that was killed', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(tmp.dir, 'state.json.lock'), `${dead.stdout}@${hostname()} ${Date.now()}`);
    const store = await openStateStore({ dir: tmp.dir });
    expect(store.set(['0123456789ab'], 'read', true).saved).toBe(true);
    expect(onDisk(tmp.dir).marks['0123456789ab'].read).toBe(true);
    expect(existsSync(join(tmp.dir, 'state.json.lock'))).toBe(false);
  });
});
