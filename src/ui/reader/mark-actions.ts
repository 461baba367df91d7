import type { Paper } from '../../core/types.js';
import type { MarkEdit, MarkField } from '../../state/types.js';
import { unreadIds } from './library-view.js';
import type { ReaderModel } from './model.js';
import { popUndo, pushUndo, type UndoStack } from './undo.js';
import { plural } from './words.js';

/** Read and star marks made with keys, each step undoable with u; "mark all read" asks first. */
export class MarkActions {
  readonly #model: ReaderModel;
  #undo: UndoStack = [];
  #confirm: { ids: string[]; text: string } | undefined;

  constructor(model: ReaderModel) {
    this.#model = model;
  }

  /** The y/n question being asked. */
  get confirm(): string | undefined {
    return this.#confirm?.text;
  }

  get undoSteps(): number {
    return this.#undo.length;
  }

  toggleRead(paper: Paper): void {
    this.#mark(paper, 'read', !this.#model.store.isRead(paper));
  }

  toggleStar(paper: Paper): void {
    this.#mark(paper, 'starred', !this.#model.store.isStarred(paper));
  }

  markUnread(paper: Paper): void {
    this.#mark(paper, 'read', false);
  }

  /** Opening a paper is reading it. */
  opened(paper: Paper): void {
    this.#mark(paper, 'read', true, 'opened a paper (marked read)');
  }

  /** A: asks before marking every unread paper of the list (fetch the whole search first). */
  askMarkAllRead(): void {
    const model = this.#model;
    const ids = unreadIds(model.list.papers, model.store.marks().isUnread);
    if (ids.length === 0) return model.say('Every paper here is read already');
    this.#confirm = { ids, text: `Mark ${plural(ids.length, 'paper')} read?` };
  }

  /** The answer to the question asked: y marks, anything else leaves everything as it was. */
  answer(yes: boolean): void {
    const asked = this.#confirm;
    this.#confirm = undefined;
    if (!asked) return;
    if (!yes) return this.#model.say('Nothing marked');
    const n = plural(asked.ids.length, 'paper');
    this.#apply(
      asked.ids.map((id) => ({ id, field: 'read' as const, value: true })),
      `marked ${n} read`,
    );
    // A warning from the store (cannot save) matters more than the confirmation.
    if (!this.#model.status?.warning) this.#model.say(`Marked ${n} read · u undoes`);
  }

  undo(): void {
    const { entry, rest } = popUndo(this.#undo);
    if (!entry) return this.#model.say('Nothing to undo');
    this.#undo = rest;
    this.#model.store.apply(entry.edits);
    this.#model.say(`Undone: ${entry.what}`);
    this.#model.takeWarnings();
  }

  #mark(paper: Paper, field: MarkField, value: boolean, what?: string): void {
    const label = what ?? (field === 'read' ? (value ? 'marked read' : 'marked unread') : value ? 'starred' : 'unstarred');
    this.#apply([{ id: paper.id, field, value }], label);
  }

  #apply(edits: readonly MarkEdit[], what: string): void {
    const result = this.#model.store.apply(edits);
    this.#undo = pushUndo(this.#undo, { edits: result.undo, what });
    this.#model.takeWarnings();
  }
}
