import type { MarkEdit } from '../../state/types.js';

/** One change of marks that `u` can take back: the edits restoring exactly what it changed. */
export interface UndoEntry {
  edits: readonly MarkEdit[];
  /** What was done, for the status line: "marked 12 papers read". */
  what: string;
}

/** Newest last. Immutable: push and pop return a new stack. */
export type UndoStack = readonly UndoEntry[];

/** Enough for any session; the oldest steps go first beyond it. */
export const UNDO_DEPTH = 100;

export function pushUndo(stack: UndoStack, entry: UndoEntry): UndoStack {
  if (entry.edits.length === 0) return stack; // nothing changed: nothing to take back
  const next = [...stack, entry];
  return next.length > UNDO_DEPTH ? next.slice(next.length - UNDO_DEPTH) : next;
}

export function popUndo(stack: UndoStack): { entry: UndoEntry | undefined; rest: UndoStack } {
  if (stack.length === 0) return { entry: undefined, rest: stack };
  return { entry: stack[stack.length - 1], rest: stack.slice(0, -1) };
}
