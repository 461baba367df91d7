import { MARK_FIELDS, type PaperRecord, type Records, type Stamp } from './types.js';

/**
 * On disk, one paper a line:
 *   {"version": 1, "marks": {
 *     "<id>": {"read":true,"readAt":"<ISO time>","starred":false,"starredAt":"<ISO time>"}, …}}
 * Flat fields keep the file easy to read, grep and query with jq; an unmark stays as `false` with
 * its time so that a merge cannot bring the mark back.
 */
export const STATE_FILE_VERSION = 1;

export type DecodeResult =
  | { ok: true; records: Map<string, PaperRecord>; malformed: number }
  /**
   * Written by a newer paperterm: never ours to change. `records` are its marks as far as this
   * version can read them (shown, never written back).
   */
  | { ok: false; newer: true; version: number; records: Map<string, PaperRecord>; reason: string }
  | { ok: false; newer?: undefined; reason: string };

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
  // A newer version may have changed the shape: whatever it holds is checked only after the version.
  if (isPlainObject(data) && typeof data.version === 'number' && Number.isInteger(data.version) && data.version > STATE_FILE_VERSION) {
    const { records } = isPlainObject(data.marks) ? decodeMarks(data.marks) : { records: new Map<string, PaperRecord>() };
    return { ok: false, newer: true, version: data.version, records, reason: `from a newer paperterm (file version ${data.version})` };
  }
  if (!isPlainObject(data) || !isPlainObject(data.marks)) return { ok: false, reason: 'not a paperterm state file' };
  if (data.version !== STATE_FILE_VERSION) return { ok: false, reason: `unknown state file version ${JSON.stringify(data.version)}` };
  return { ok: true, ...decodeMarks(data.marks) };
}

function decodeMarks(marks: Record<string, unknown>): { records: Map<string, PaperRecord>; malformed: number } {
  const records = new Map<string, PaperRecord>();
  let malformed = 0;
  for (const [id, entry] of Object.entries(marks)) {
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
  return { records, malformed };
}

// A record object is replaced, never changed, when its paper's marks change and belongs to one id, so
// each is turned into its line of text once.
const lineText = new WeakMap<PaperRecord, string>();

function encodeLine(id: string, rec: PaperRecord): string {
  let text = lineText.get(rec);
  if (text === undefined) {
    const entry: Record<string, boolean | string> = {};
    for (const field of MARK_FIELDS) {
      const stamp = rec[field];
      if (!stamp) continue;
      entry[field] = stamp.value;
      entry[`${field}At`] = new Date(stamp.at).toISOString();
    }
    text = `\t\t${JSON.stringify(id)}: ${JSON.stringify(entry)}`;
    lineText.set(rec, text);
  }
  return text;
}

/**
 * The file's text: one paper per line (easy to grep and diff), only changed papers re-encoded, so a
 * keypress stays cheap when thousands of papers are marked.
 */
export function serializeStateFile(records: Records): string {
  if (records.size === 0) return `{\n\t"version": ${STATE_FILE_VERSION},\n\t"marks": {}\n}\n`;
  const lines: string[] = [];
  for (const [id, rec] of records) lines.push(encodeLine(id, rec));
  return `{\n\t"version": ${STATE_FILE_VERSION},\n\t"marks": {\n${lines.join(',\n')}\n\t}\n}\n`;
}
