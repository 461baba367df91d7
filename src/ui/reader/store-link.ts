import type { Paper } from '../../core/types.js';
import type { ApplyResult } from '../../state/store.js';
import type { MarkEdit, MarkMap } from '../../state/types.js';
import { viewSize } from './library-view.js';
import { paperMarks, type PaperMarks } from './marks.js';
import type { MarkStore } from './types.js';
import { sameView, type View } from './views.js';

/**
 * The reader's side of the marks store: the marks as the screen counts them (only papers loaded
 * now), a view's size, both cached until the marks or the library change, and the store's warnings.
 */
export class StoreLink {
  readonly #store: MarkStore;
  /** Ids of the papers loaded: the store may hold marks of papers in digests not opened now. */
  readonly #loaded: Set<string>;
  #marksOf: { map: MarkMap; marks: PaperMarks } | undefined;
  #sizeOf: { view: View; map: MarkMap; size: number } | undefined;

  constructor(store: MarkStore, papers: readonly Paper[]) {
    this.#store = store;
    this.#loaded = new Set(papers.map((p) => p.id));
  }

  get map(): MarkMap {
    return this.#store.marks;
  }

  get saving(): boolean {
    return this.#store.saving;
  }

  isRead(paper: Paper): boolean {
    return this.#store.marks.get(paper.id)?.read ?? false;
  }

  isStarred(paper: Paper): boolean {
    return this.#store.marks.get(paper.id)?.starred ?? false;
  }

  apply(edits: readonly MarkEdit[]): ApplyResult {
    return this.#store.apply(edits);
  }

  /** Picks up marks other paperterm processes saved. */
  refresh(): void {
    this.#store.refresh();
  }

  /** Store problems (cannot save, a damaged file moved aside) since last asked. */
  takeWarnings(): string[] {
    return this.#store.takeWarnings().map((w) => w.message);
  }

  marks(): PaperMarks {
    const map = this.#store.marks;
    if (this.#marksOf?.map !== map) this.#marksOf = { map, marks: paperMarks(map, this.#loaded) };
    return this.#marksOf.marks;
  }

  /** Papers in `view` over the library (cached: a keystroke in a search must not cost a pass over it). */
  viewSize(papers: readonly Paper[], view: View): number {
    const map = this.#store.marks;
    const cached = this.#sizeOf;
    if (cached && cached.map === map && sameView(cached.view, view)) return cached.size;
    const size = viewSize(papers, map, view);
    this.#sizeOf = { view, map, size };
    return size;
  }

  /** The library grew: `papers` from index `from` on are new (from 0: it was rebuilt). */
  libraryGrew(papers: readonly Paper[], from: number): void {
    if (from === 0) this.#loaded.clear();
    for (let i = from; i < papers.length; i++) this.#loaded.add(papers[i]!.id);
    this.#marksOf = undefined;
    this.#sizeOf = undefined;
  }
}
