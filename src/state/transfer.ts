// Marks on their way between machines. The file is the state file's own format (one paper a line,
// each field with its change time), so an export can be read by a person, diffed, and even a
// state.json copied from another machine can be imported as it is.
import { decodeStateFile, serializeStateFile } from './file-format.js';
import type { Records } from './types.js';

export function encodeMarksFile(records: Records): string {
  return serializeStateFile(records);
}

export type MarksFileResult = { ok: true; records: Records; malformed: number } | { ok: false; reason: string };

export function decodeMarksFile(text: string): MarksFileResult {
  return decodeStateFile(text);
}
