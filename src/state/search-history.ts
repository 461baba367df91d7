// Search history: the queries a user ran, most recent first, kept in the state directory next to the
// marks (search-history.json). Pure list handling plus a small file store; the reader walks it with
// ↑/↓. A damaged file never stops a search: it reads as empty and is moved aside (bytes untouched)
// before the next write. A file from a newer paperterm is read if it can be and never rewritten.
import { renameSync } from 'node:fs';
import { writeFileAtomic } from '../core/atomic-file.js';
import { join } from 'node:path';
import { backupPathFor } from './disk.js';
import { withFileLock } from './lock.js';
import { readRegularFile } from '../core/regular-file.js';

export const HISTORY_FILE_NAME = 'search-history.json';
export const HISTORY_LIMIT = 100;
/** Longer queries are not worth recalling (and would let a paste bloat the file). */
export const HISTORY_QUERY_MAX = 1000;
const VERSION = 1;

export function historyPath(stateDir: string): string {
  return join(stateDir, HISTORY_FILE_NAME);
}

/** `query` put first, an earlier copy of it dropped, at most `limit` kept. Blank queries change nothing. */
export function addToHistory(history: readonly string[], query: string, limit = HISTORY_LIMIT): string[] {
  const q = query.trim();
  if (q === '' || q.length > HISTORY_QUERY_MAX) return history.slice(0, limit);
  return [q, ...history.filter((h) => h !== q)].slice(0, limit);
}

/** The queries of a parsed file, cleaned: strings only, no blanks, no duplicates, at most HISTORY_LIMIT. */
function cleanQueries(list: unknown[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const q = item.trim();
    if (q === '' || q.length > HISTORY_QUERY_MAX || seen.has(q)) continue;
    seen.add(q);
    out.push(q);
    if (out.length === HISTORY_LIMIT) break;
  }
  return out;
}

export type HistoryRead =
  | { kind: 'ok'; queries: string[] }
  | { kind: 'missing'; queries: [] }
  /** Written by a newer paperterm: what could be read, and never to be written over. */
  | { kind: 'newer'; queries: string[] }
  | { kind: 'damaged'; queries: []; reason: string };

export function readSearchHistory(stateDir: string): HistoryRead {
  let text: string;
  try {
    text = readRegularFile(historyPath(stateDir)); // never blocks on a FIFO
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', queries: [] };
    return { kind: 'damaged', queries: [], reason: `unreadable (${code ?? 'error'})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'damaged', queries: [], reason: 'not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { kind: 'damaged', queries: [], reason: 'not a history file' };
  const { version, queries } = data as { version?: unknown; queries?: unknown };
  if (typeof version === 'number' && Number.isInteger(version) && version > VERSION) {
    return { kind: 'newer', queries: Array.isArray(queries) ? cleanQueries(queries) : [] };
  }
  if (version !== VERSION || !Array.isArray(queries)) return { kind: 'damaged', queries: [], reason: 'not a history file' };
  return { kind: 'ok', queries: cleanQueries(queries) };
}

export interface RecordResult {
  /** The history after the call (what the reader should walk). */
  queries: string[];
  /** Set when nothing was written: a newer file, or an unwritable directory. */
  notWritten?: string;
  /** Where a damaged file was moved before writing a fresh one. */
  movedAside?: string;
}

/**
 * Adds `query` to the stored history: read, merged and written under the state lock (so two
 * readers closing at once both keep their queries), atomically (written aside, then renamed).
 * Never throws: a history that cannot be saved must not spoil a search.
 */
export function recordSearch(stateDir: string, query: string, now: () => number = Date.now): RecordResult {
  const path = historyPath(stateDir);
  try {
    return withFileLock(`${path}.lock`, () => {
      const read = readSearchHistory(stateDir);
      const queries = addToHistory(read.queries, query);
      if (read.kind === 'newer') return { queries, notWritten: `${path} was written by a newer paperterm; left as it is` };
      let movedAside: string | undefined;
      if (read.kind === 'damaged') {
        movedAside = backupPathFor(path, now());
        try {
          renameSync(path, movedAside);
        } catch {
          return { queries, notWritten: `${path} is ${read.reason} and could not be moved aside` };
        }
      }
      writeFileAtomic(path, `${JSON.stringify({ version: VERSION, queries })}\n`, { mode: 0o600, temp: `${path}.${process.pid}.tmp` });
      return movedAside ? { queries, movedAside } : { queries };
    });
  } catch (err) {
    return { queries: addToHistory(readSearchHistory(stateDir).queries, query), notWritten: (err as Error).message };
  }
}
