import { MARK_FIELDS, type PaperRecord, type Records, type Stamp } from './types.js';

/**
 * On disk: `{"version": 1, "marks": {"<id>": {"read": true, "readAt": "<ISO time>",
 * "starred": false, "starredAt": "<ISO time>"}}}`. Flat fields keep the file easy to read and to
 * query with jq; an unmark stays as `false` with its time so merges cannot bring the mark back.
 */
export const STATE_FILE_VERSION = 1;

export interface StateFileJson {
  version: number;
  marks: Record<string, Record<string, boolean | string>>;
}

export type DecodeResult =
  | { ok: true; records: Map<string, PaperRecord>; malformed: number }
  | { ok: false; reason: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a state file's text. A wrong shape is refused whole; one bad field is only skipped and counted. */
export function decodeStateFile(text: string): DecodeResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (!isPlainObject(data) || !isPlainObject(data.marks)) return { ok: false, reason: 'not a paperterm state file' };
  if (data.version !== STATE_FILE_VERSION) return { ok: false, reason: `unknown state file version ${JSON.stringify(data.version)}` };
  const records = new Map<string, PaperRecord>();
  let malformed = 0;
  for (const [id, entry] of Object.entries(data.marks)) {
    if (!isPlainObject(entry)) {
      malformed++;
      continue;
    }
    const rec: { read?: Stamp; starred?: Stamp } = {};
    for (const field of MARK_FIELDS) {
      const value = entry[field];
      const atText = entry[`${field}At`];
      if (value === undefined && atText === undefined) continue;
      const at = typeof atText === 'string' ? Date.parse(atText) : NaN;
      if (typeof value !== 'boolean' || Number.isNaN(at)) {
        malformed++;
        continue;
      }
      rec[field] = { value, at };
    }
    if (rec.read || rec.starred) records.set(id, rec);
  }
  return { ok: true, records, malformed };
}

export function encodeStateFile(records: Records): StateFileJson {
  // A null prototype, so no id (however odd a hand edit makes it) can reach Object.prototype.
  const marks: StateFileJson['marks'] = Object.create(null) as StateFileJson['marks'];
  const ids = [...records.keys()].sort();
  for (const id of ids) {
    const rec = records.get(id)!;
    const entry: Record<string, boolean | string> = {};
    for (const field of MARK_FIELDS) {
      const stamp = rec[field];
      if (!stamp) continue;
      entry[field] = stamp.value;
      entry[`${field}At`] = new Date(stamp.at).toISOString();
    }
    marks[id] = entry;
  }
  return { version: STATE_FILE_VERSION, marks };
}
