import { MarkSnapshot } from './snapshot.js';
import { MARK_FIELDS, type MarkEdit, type Marks, type PaperRecord, type Records, type Stamp } from './types.js';

/**
 * Newest change per id and field wins. On a tie `ours` wins: it holds this process's latest action,
 * e.g. a mark and an unmark made within the same millisecond.
 */
export function mergeRecords(theirs: Records, ours: Records): Map<string, PaperRecord> {
  const merged = new Map<string, PaperRecord>(theirs);
  for (const [id, mine] of ours) {
    const other = merged.get(id);
    if (!other) {
      merged.set(id, mine);
      continue;
    }
    const next: { read?: Stamp; starred?: Stamp } = {};
    for (const field of MARK_FIELDS) {
      const a = other[field];
      const b = mine[field];
      const winner = !a ? b : !b ? a : b.at >= a.at ? b : a;
      if (winner) next[field] = winner;
    }
    merged.set(id, next);
  }
  return merged;
}

export interface EditOutcome {
  /** The edits that changed a value (asking for what is already so changes nothing, keeps its time). */
  changed: MarkEdit[];
  /** Edits restoring the previous values of what changed: apply them to undo. */
  undo: MarkEdit[];
}

/**
 * Applies edits in order at time `now`, updating `next` in place (records are the store's private
 * working copy; copying every mark per keypress is what this avoids). A change is stamped at least
 * 1 ms after the stamp it replaces, so an explicit action always beats what the user saw, even if
 * another writer's clock runs ahead.
 */
export function applyEdits(next: Map<string, PaperRecord>, edits: readonly MarkEdit[], now: number): EditOutcome {
  const changed: MarkEdit[] = [];
  const previous = new Map<string, MarkEdit>();
  for (const edit of edits) {
    const rec = next.get(edit.id) ?? {};
    const old = rec[edit.field];
    if ((old?.value ?? false) === edit.value) continue;
    next.set(edit.id, { ...rec, [edit.field]: { value: edit.value, at: Math.max(now, (old?.at ?? 0) + 1) } });
    changed.push(edit);
    const key = `${edit.id}\0${edit.field}`;
    if (!previous.has(key)) previous.set(key, { id: edit.id, field: edit.field, value: old?.value ?? false });
  }
  return { changed, undo: [...previous.values()] };
}

function marksFrom(rec: PaperRecord | undefined): Marks | null {
  const read = rec?.read?.value ?? false;
  const starred = rec?.starred?.value ?? false;
  return read || starred ? Object.freeze({ read, starred }) : null;
}

export function toMarkMap(records: Records): MarkSnapshot {
  const entries: [string, Marks][] = [];
  for (const [id, rec] of records) {
    const marks = marksFrom(rec);
    if (marks) entries.push([id, marks]);
  }
  return MarkSnapshot.of(entries);
}

/** The marks after `changed` edits, touching only those papers (a keypress must not cost O(library)). */
export function withChangedMarks(marks: MarkSnapshot, records: Records, changed: readonly MarkEdit[]): MarkSnapshot {
  return marks.with(changed.map(({ id }) => [id, marksFrom(records.get(id))] as const));
}

export function recordsEqual(a: Records, b: Records): boolean {
  if (a.size !== b.size) return false;
  for (const [id, ra] of a) {
    const rb = b.get(id);
    if (!rb) return false;
    for (const f of MARK_FIELDS) {
      const x = ra[f];
      const y = rb[f];
      if (x?.value !== y?.value || x?.at !== y?.at) return false;
    }
  }
  return true;
}
