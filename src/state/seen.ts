// Which papers are new: first seen since the reader was last opened. Kept in `seen.json` beside
// the marks: when each paper id was first seen by an opening reader, and when the reader was last
// opened. Only the reader writes it (recordOpened when it opens, recordSeen for digests that arrive
// while it runs); commands that only read (list --new) never do.
//
// On disk, ids are grouped by the time they were first seen (one open sees ~100 new papers at once,
// so this is a fraction of the size of a time per id):
//   {"version": 1, "lastOpened": "<ISO time>", "seen": {"<ISO time>": ["<id>", …], …}}
import { renameSync } from 'node:fs';
import { writeFileAtomic } from '../core/atomic-file.js';
import { join } from 'node:path';
import { describeFsError } from '../core/fs-errors.js';
import { backupPathFor } from './disk.js';
import { LockError, withFileLock } from './lock.js';
import { readRegularFile } from '../core/regular-file.js';

export const SEEN_FILE_NAME = 'seen.json';
const SEEN_VERSION = 1;
const ID = /^[0-9a-f]{12}$/;

export function seenFilePath(stateDir: string): string {
  return join(stateDir, SEEN_FILE_NAME);
}

export interface SeenRecord {
  /** When the reader was last opened (ms since the epoch); null if never. */
  lastOpened: number | null;
  /** When each paper was first seen by an opening reader (ms since the epoch). */
  firstSeen: ReadonlyMap<string, number>;
}

export interface SeenRead extends SeenRecord {
  /** One line each: a damaged file (then treated as empty), an unreadable one. */
  warnings: string[];
}

type Decoded = { ok: true; record: SeenRecord; malformed: number } | { ok: false; reason: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function timeOf(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

function decode(text: string): Decoded {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (!isPlainObject(data) || !isPlainObject(data.seen)) return { ok: false, reason: 'not a paperterm seen-papers file' };
  if (data.version !== SEEN_VERSION) return { ok: false, reason: `unknown seen-papers file version ${JSON.stringify(data.version)}` };
  const firstSeen = new Map<string, number>();
  let malformed = 0;
  for (const [at, ids] of Object.entries(data.seen)) {
    const t = timeOf(at);
    if (t === null || !Array.isArray(ids)) {
      malformed++;
      continue;
    }
    for (const id of ids) {
      if (typeof id !== 'string' || !ID.test(id)) malformed++;
      // The earliest time wins if a hand-edited file lists an id twice.
      else if (!(firstSeen.get(id)! <= t)) firstSeen.set(id, t);
    }
  }
  const lastOpened = data.lastOpened === null || data.lastOpened === undefined ? null : timeOf(data.lastOpened);
  return { ok: true, record: { lastOpened, firstSeen }, malformed };
}

function encode(record: SeenRecord): string {
  const byTime = new Map<number, string[]>();
  for (const [id, t] of record.firstSeen) {
    const ids = byTime.get(t);
    if (ids) ids.push(id);
    else byTime.set(t, [id]);
  }
  const seen: Record<string, string[]> = {};
  for (const t of [...byTime.keys()].sort((a, b) => a - b)) seen[new Date(t).toISOString()] = byTime.get(t)!.sort();
  const lastOpened = record.lastOpened === null ? null : new Date(record.lastOpened).toISOString();
  // One group a line: readable, greppable, and a diff of two opens is the new ids.
  const lines = Object.entries(seen).map(([at, ids]) => `    ${JSON.stringify(at)}: ${JSON.stringify(ids)}`);
  return `{\n  "version": ${SEEN_VERSION},\n  "lastOpened": ${JSON.stringify(lastOpened)},\n  "seen": {\n${lines.join(',\n')}\n  }\n}\n`;
}

const EMPTY: SeenRecord = { lastOpened: null, firstSeen: new Map() };

type FileRead = { kind: 'ok'; record: SeenRecord; malformed: number } | { kind: 'missing' } | { kind: 'bad'; reason: string };

function readFile(path: string): FileRead {
  let text: string;
  try {
    text = readRegularFile(path); // never blocks on a FIFO
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'bad', reason: `unreadable (${describeFsError(err)})` };
  }
  const decoded = decode(text);
  return decoded.ok ? { kind: 'ok', record: decoded.record, malformed: decoded.malformed } : { kind: 'bad', reason: decoded.reason };
}

function malformedWarning(path: string, n: number): string[] {
  return n ? [`ignored ${n} malformed ${n === 1 ? 'entry' : 'entries'} in ${path}`] : [];
}

/** What is recorded, for a command that only reads: never writes, never moves a damaged file. */
export function readSeen(stateDir: string): SeenRead {
  const path = seenFilePath(stateDir);
  const read = readFile(path);
  if (read.kind === 'ok') return { ...read.record, warnings: malformedWarning(path, read.malformed) };
  if (read.kind === 'missing') return { ...EMPTY, warnings: [] };
  return { ...EMPTY, warnings: [`${path} is ${read.reason}; every paper counts as new`] };
}

/** The ids the reader has never seen open: new since it was last opened (what list --new lists). */
export function unseenIds(record: SeenRecord, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) if (!record.firstSeen.has(id)) out.add(id);
  return out;
}

export interface SeenUpdate {
  /** The ids given that had never been seen: the new papers. */
  newIds: Set<string>;
  /** When the reader was opened before this (null: never); set by recordOpened only. */
  previousOpen: number | null;
  /** False when the file could not be written: the new ids hold for this session only. */
  saved: boolean;
  warnings: string[];
}

function update(stateDir: string, ids: Iterable<string>, now: number, opening: boolean): SeenUpdate {
  const path = seenFilePath(stateDir);
  const warnings: string[] = [];
  let result: SeenUpdate | undefined;
  const apply = (record: SeenRecord): SeenRecord => {
    const firstSeen = new Map(record.firstSeen);
    const newIds = new Set<string>();
    for (const id of ids) {
      if (firstSeen.has(id) || !ID.test(id)) continue;
      newIds.add(id);
      firstSeen.set(id, now);
    }
    result = { newIds, previousOpen: record.lastOpened, saved: false, warnings };
    return { firstSeen, lastOpened: opening ? now : record.lastOpened };
  };
  try {
    withFileLock(`${path}.lock`, () => {
      const read = readFile(path);
      let record = EMPTY;
      if (read.kind === 'ok') {
        record = read.record;
        warnings.push(...malformedWarning(path, read.malformed));
      } else if (read.kind === 'bad') {
        // Its bytes are kept aside; only then is the fresh file written over its name.
        const backup = backupPathFor(path, now);
        renameSync(path, backup);
        warnings.push(`${path} was ${read.reason}; moved it to ${backup} and started afresh`);
      }
      const next = apply(record);
      if (read.kind === 'ok' && next.lastOpened === record.lastOpened && result!.newIds.size === 0) {
        result!.saved = true;
        return;
      }
      // Written aside and renamed into place: a crash leaves the old file or the new, never half.
      writeFileAtomic(path, encode(next), { mode: 0o600, temp: `${path}.${process.pid}.tmp` });
      result!.saved = true;
    });
  } catch (err) {
    if (!(err instanceof LockError) && !(err as NodeJS.ErrnoException).code) throw err;
    // Unwritable state dir: still tell the session what is new, from what can be read.
    if (!result) {
      const read = readSeen(stateDir);
      apply(read);
      warnings.push(...read.warnings);
    }
    warnings.push(`cannot record seen papers in ${path} (${describeFsError(err)})`);
    result!.saved = false;
  }
  return result!;
}

/**
 * The reader opens with these paper ids: records every id not seen before as first seen `now`, and
 * `now` as the last open. Returns the ids that are new since the last open (all of them the first
 * time). Call once per reader start; never from a command that only reads.
 */
export function recordOpened(stateDir: string, ids: Iterable<string>, now: number = Date.now()): SeenUpdate {
  return update(stateDir, ids, now, true);
}

/**
 * Papers that arrived while the reader runs (a live digest): records the ids not seen before as
 * first seen `now`, leaving the last open as it is. Returns those new ids.
 */
export function recordSeen(stateDir: string, ids: Iterable<string>, now: number = Date.now()): SeenUpdate {
  return update(stateDir, ids, now, false);
}
