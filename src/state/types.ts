/** The two marks a reader keeps on a paper. */
export type MarkField = 'read' | 'starred';

export const MARK_FIELDS: readonly MarkField[] = ['read', 'starred'];

/** What the UI and the CLI need to know about one paper. */
export interface Marks {
  readonly read: boolean;
  readonly starred: boolean;
}

export const NO_MARKS: Marks = Object.freeze({ read: false, starred: false });

/** Current marks by paper id; ids never marked are absent (see marksOf). */
export type MarkMap = ReadonlyMap<string, Marks>;

/** One field's last change. An unmark is kept (value false) so a merge cannot resurrect the mark. */
export interface Stamp {
  readonly value: boolean;
  /** Milliseconds since the epoch of the change; the newest change per id and field wins a merge. */
  readonly at: number;
}

export interface PaperRecord {
  readonly read?: Stamp;
  readonly starred?: Stamp;
}

/** Everything the store knows, by paper id. */
export type Records = ReadonlyMap<string, PaperRecord>;

/** A request to set one field of one paper. An undo is just another list of edits. */
export interface MarkEdit {
  readonly id: string;
  readonly field: MarkField;
  readonly value: boolean;
}

export function marksOf(marks: MarkMap, id: string): Marks {
  return marks.get(id) ?? NO_MARKS;
}
