import type { Paper } from '../../core/types.js';
import type { SimilarHit } from '../../search/similar.js';
import type { VisibleList } from './library-view.js';
import type { ReaderModel } from './model.js';

/** What r needs of a similar-papers index (search/similar.ts's SimilarIndex has it). */
export interface SimilarLookup {
  /** The papers most like papers[index], most similar first; never the paper itself. */
  similar(index: number, limit?: number): SimilarHit[];
}

/**
 * Builds the similar-papers index over `papers`. Called on the first r (and again after the library
 * changed); it may take seconds at 100,000 papers, so an app can build it in a worker or ahead of
 * time. The default imports search/similar.ts only then, so the reader's first frame never waits.
 */
export type SimilarSource = (papers: readonly Paper[]) => Promise<SimilarLookup>;

export const defaultSimilarSource: SimilarSource = async (papers) => {
  const { createSimilarIndex } = await import('../../search/similar.js');
  const index = createSimilarIndex(papers);
  // One turn first: the frame that says "finding similar papers" is drawn before the build.
  await new Promise<void>((resolve) => setImmediate(resolve));
  index.build();
  return index;
};

/** How many similar papers r lists. */
export const SIMILAR_LIMIT = 20;

/** One r: the list it shows, the paper it is about, and where it was pressed (Esc goes back there). */
interface Opened {
  /** For the snapshot: a new object when it changes. */
  shown: { to: Paper; pending: boolean };
  list: VisibleList;
  back: { list: VisibleList; cursor: number; top: number; detailTop: number; focus: 'list' | 'detail' };
}

const NO_RANGES = new Map();

function listOf(papers: readonly Paper[]): VisibleList {
  return { papers, ranges: NO_RANGES, count: papers.length, countExact: true, more: false, viewSize: papers.length };
}

/**
 * r: the papers most like the selected one, as a list of their own (not a filter of the library),
 * under a header "similar to …". r again on one of them goes a step further; Esc goes back a step,
 * to exactly the list, selection and scroll r was pressed at. Anything else that changes the list
 * (a view, a search) leaves it; cancelling a search line opened over it comes back to it.
 */
export class SimilarPapers {
  readonly #model: ReaderModel;
  readonly #source: SimilarSource;
  readonly #changed: () => void;
  #stack: Opened[] = [];
  #index: { papers: readonly Paper[]; lookup: Promise<SimilarLookup> } | undefined;

  constructor(model: ReaderModel, source: SimilarSource, changed: () => void) {
    this.#model = model;
    this.#source = source;
    this.#changed = changed;
  }

  /** The similar list on screen, if it is: the paper it is about, and whether it is still being found. */
  get shown(): { to: Paper; pending: boolean } | undefined {
    const top = this.#stack.at(-1);
    return top && top.list === this.#model.list ? top.shown : undefined;
  }

  open(): void {
    const model = this.#model;
    const paper = model.selected;
    if (!paper) return model.say('No paper selected');
    // A list kept from before digests arrived may hold the paper's older object: found by id then.
    let index = model.papers.indexOf(paper);
    if (index < 0) index = model.papers.findIndex((p) => p.id === paper.id);
    if (index < 0) return model.say('This paper is no longer in the library');
    if (!this.shown) this.#stack = [];
    const { cursor, top, detailTop, focus } = model.nav;
    const opened: Opened = { shown: { to: paper, pending: true }, list: listOf([]), back: { list: model.list, cursor, top, detailTop, focus } };
    this.#stack.push(opened);
    model.setList(opened.list, 0, 0);
    const papers = model.papers;
    if (this.#index?.papers !== papers) this.#index = { papers, lookup: this.#source(papers) };
    this.#index.lookup.then(
      (lookup) => this.#found(opened, lookup.similar(index, SIMILAR_LIMIT).map((h) => papers[h.index]!)),
      (err: unknown) => this.#failed(opened, err),
    );
  }

  #found(opened: Opened, papers: readonly Paper[]): void {
    if (this.#model.disposed) return;
    const onScreen = opened.list === this.#model.list;
    opened.list = listOf(papers);
    opened.shown = { to: opened.shown.to, pending: false };
    if (!onScreen) return;
    this.#model.setList(opened.list, 0, 0);
    if (papers.length === 0) this.#model.say('No similar papers found');
    this.#changed();
  }

  #failed(opened: Opened, err: unknown): void {
    this.#index = undefined;
    if (this.#model.disposed) return;
    if (opened.list === this.#model.list) this.back();
    this.#model.status = { text: `Cannot find similar papers: ${err instanceof Error ? err.message : String(err)}`, warning: true };
    this.#changed();
  }

  /** Esc: back to where r was pressed. False when no similar list is shown. */
  back(): boolean {
    if (!this.shown) return false;
    const { back } = this.#stack.pop()!;
    const model = this.#model;
    model.list = back.list;
    model.navigate({ type: 'listChanged', count: back.list.papers.length, cursor: back.cursor, top: back.top, detailTop: back.detailTop });
    model.navigate({ type: 'focus', focus: back.focus });
    return true;
  }

  /** The library changed: the index is built again on the next r (lists already shown stay). */
  libraryChanged(): void {
    this.#index = undefined;
  }
}
