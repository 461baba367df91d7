import { closeSync, existsSync, readFileSync, renameSync, statSync, type BigIntStats } from 'node:fs';
import { dirname } from 'node:path';
import { decodeStateFile } from './file-format.js';
import { describeFsError } from '../core/fs-errors.js';
import { plural } from '../core/plural.js';
import { openRegularFile } from '../core/regular-file.js';
import { describeDirProblem } from './dir-problem.js';
import type { PaperRecord } from './types.js';

/**
 * Which file version is on disk. Every write is a rename of a new file, so inode, size and
 * nanosecond times change with each; equal identities let a writer skip re-reading what it wrote.
 */
export type FileIdentity = string;
export const MISSING: FileIdentity = 'missing';

function identityOf(st: BigIntStats): FileIdentity {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** The identity of what is at `path` now; throws (like stat) on errors other than a missing file. */
export function currentIdentity(path: string): FileIdentity {
  try {
    return identityOf(statSync(path, { bigint: true }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return MISSING;
    throw err;
  }
}

export type DiskRead =
  | { kind: 'ok'; records: Map<string, PaperRecord>; malformed: number; identity: FileIdentity }
  | { kind: 'missing' }
  /** The directory cannot hold a store (a path component is a file, …): nothing to move aside. */
  | { kind: 'no-dir'; reason: string }
  /** Written by a newer paperterm: shown as far as it can be read, never moved nor written. */
  | { kind: 'newer'; records: Map<string, PaperRecord>; reason: string }
  /** The file exists but cannot be used: it must be moved aside before anything is written. */
  | { kind: 'bad'; reason: string };

export function readStateFile(path: string): DiskRead {
  let text: string;
  let identity: FileIdentity;
  try {
    // Read and stat the same open file, so the identity is that of the bytes we parsed. Opened
    // without blocking: a FIFO in its place would otherwise hang every command.
    const { fd, stats } = openRegularFile(path);
    try {
      identity = identityOf(stats);
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'ENOTDIR') return { kind: 'no-dir', reason: describeDirProblem(dirname(path), err) };
    return { kind: 'bad', reason: `unreadable (${describeFsError(err)})` };
  }
  const decoded = decodeStateFile(text);
  if (!decoded.ok && decoded.newer) return { kind: 'newer', records: decoded.records, reason: decoded.reason };
  if (!decoded.ok) return { kind: 'bad', reason: decoded.reason };
  return { kind: 'ok', records: decoded.records, malformed: decoded.malformed, identity };
}

export function lockPathFor(statePath: string): string {
  return `${statePath}.lock`;
}

/** `state.json.corrupt-2025-03-18T09-30-00.123Z`: sortable, and no colons for other file systems. */
export function backupPathFor(statePath: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/:/g, '-');
  let candidate = `${statePath}.corrupt-${stamp}`;
  for (let n = 1; existsSync(candidate); n++) candidate = `${statePath}.corrupt-${stamp}-${n}`;
  return candidate;
}

/** The file could not be read nor moved aside: writing would destroy the user's bytes, so don't. */
export class UnusableStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableStateError';
  }
}

export interface LoadedRecords {
  records: Map<string, PaperRecord>;
  /** What was read; undefined when unknown (nothing may be assumed about the file). */
  identity?: FileIdentity;
  warnings: { kind: 'moved-aside' | 'malformed' | 'damaged'; message: string }[];
}

/**
 * Reads the store for a caller that already holds the lock. A bad file is renamed (bytes untouched)
 * to a timestamped backup and the store starts empty; throws UnusableStateError if that fails.
 */
export function readOrMoveAsideLocked(path: string, now: number): LoadedRecords {
  const read = readStateFile(path);
  switch (read.kind) {
    case 'ok':
      return { records: read.records, identity: read.identity, warnings: malformedWarning(path, read.malformed) };
    case 'missing':
      return { records: new Map(), identity: MISSING, warnings: [] };
    case 'no-dir':
      throw new UnusableStateError(`cannot use state directory ${dirname(path)} (${read.reason})`);
    case 'newer':
      throw new UnusableStateError(newerMessage(path, read.reason));
    case 'bad': {
      const backup = backupPathFor(path, now);
      try {
        renameSync(path, backup);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: new Map(), identity: MISSING, warnings: [] };
        throw new UnusableStateError(
          `state file ${path} is ${read.reason} and could not be moved aside (${describeFsError(err)})`,
        );
      }
      return {
        records: new Map(),
        identity: MISSING,
        warnings: [
          { kind: 'moved-aside', message: `state file ${path} was ${read.reason}; moved it to ${backup} and started with no marks` },
        ],
      };
    }
  }
}

function malformedWarning(path: string, count: number): LoadedRecords['warnings'] {
  if (!count) return [];
  return [{ kind: 'malformed', message: `ignored ${plural(count, 'malformed entry', 'malformed entries')} in state file ${path}` }];
}

export interface InitialLoad extends LoadedRecords {
  /** Set when nothing may be written this session (see UnusableStateError). */
  unusable?: string;
}

/** A newer paperterm's file: the user must hear that it is kept as it is, and why marks do not change. */
function newerMessage(path: string, reason: string): string {
  return `state file ${path} is ${reason}: left untouched, marks cannot be changed by this version`;
}

/**
 * Reads the store at start-up or for a command that only shows marks. Never writes, never moves and
 * never locks anything: a damaged file is only reported here (and moved aside, bytes kept, by the
 * first change of a mark, under the lock); a newer version's file is shown and left alone.
 */
export function loadStateFile(path: string): InitialLoad {
  const first = readStateFile(path);
  switch (first.kind) {
    case 'ok':
      return { records: first.records, identity: first.identity, warnings: malformedWarning(path, first.malformed) };
    case 'missing':
      return { records: new Map(), identity: MISSING, warnings: [] };
    case 'no-dir':
      return { records: new Map(), warnings: [], unusable: `cannot use state directory ${dirname(path)} (${first.reason})` };
    case 'newer':
      // No identity: a writer must re-read it (and refuse) rather than write over it.
      return { records: first.records, warnings: [], unusable: newerMessage(path, first.reason) };
    case 'bad':
      return {
        records: new Map(),
        warnings: [
          {
            kind: 'damaged',
            message: `state file ${path} is ${first.reason}; showing no marks (it is moved aside, bytes kept, when a mark is next changed)`,
          },
        ],
      };
  }
}
