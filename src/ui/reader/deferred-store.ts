import type { ApplyResult, StateWarning } from '../../state/store.js';
import { marksOf, type MarkEdit, type MarkMap, type Marks } from '../../state/types.js';
import type { MarkStore } from './types.js';

/**
 * The marks store for the first frame. Opening the writable store loads conf, which costs ~100–300
 * ms; the reader draws its first frame from the marks as read from the file (readMarks, no conf)
 * and attaches the real store right after. A mark made before that (in those first moments) is
 * kept here and applied to the real store when it attaches, in order.
 */
export class DeferredStore implements MarkStore {
  #real: MarkStore | undefined;
  #marks: MarkMap;
  #queue: MarkEdit[] = [];
  #warnings: StateWarning[];
  /** Messages already handed out: the real store may report the same file problem again. */
  #shown = new Set<string>();

  constructor(early: { marks: MarkMap; warnings: readonly string[] }) {
    this.#marks = early.marks;
    this.#warnings = early.warnings.map((message) => ({ kind: 'malformed', message }));
  }

  get attached(): boolean {
    return this.#real !== undefined;
  }

  get marks(): MarkMap {
    return this.#real?.marks ?? this.#marks;
  }

  get saving(): boolean {
    return this.#real?.saving ?? true;
  }

  /** Same rules as the state store: edits that change nothing are dropped; undo restores each field's previous value. */
  apply(edits: readonly MarkEdit[]): ApplyResult {
    if (this.#real) return this.#real.apply(edits);
    const next = new Map<string, Marks>(this.#marks);
    const changed: MarkEdit[] = [];
    const previous = new Map<string, MarkEdit>();
    for (const edit of edits) {
      const old = marksOf(next, edit.id);
      if (old[edit.field] === edit.value) continue;
      next.set(edit.id, { ...old, [edit.field]: edit.value });
      changed.push(edit);
      const key = `${edit.id}\0${edit.field}`;
      if (!previous.has(key)) previous.set(key, { id: edit.id, field: edit.field, value: old[edit.field] });
    }
    if (changed.length > 0) this.#marks = next;
    this.#queue.push(...changed);
    // Not on disk yet, but it will be as soon as the store is open (or a warning will say why not).
    return { changed, undo: [...previous.values()], saved: true, marks: this.#marks };
  }

  refresh(): MarkMap {
    return this.#real ? this.#real.refresh() : this.#marks;
  }

  takeWarnings(): StateWarning[] {
    const all = [...this.#warnings, ...(this.#real?.takeWarnings() ?? [])];
    this.#warnings = [];
    const fresh = all.filter((w) => !this.#shown.has(w.message));
    for (const w of fresh) this.#shown.add(w.message);
    return fresh;
  }

  /** From now on the real store does the work; marks made meanwhile are applied to it first. */
  attach(real: MarkStore): void {
    this.#real = real;
    const queued = this.#queue;
    this.#queue = [];
    if (queued.length > 0) real.apply(queued);
  }
}
