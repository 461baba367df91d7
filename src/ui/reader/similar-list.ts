import type { Paper } from '../../core/types.js';
import type { SimilarHit } from '../../search/similar.js';
import type { VisibleList } from './library-view.js';
import type { ReaderModel } from './model.js';

/** What r needs of a similar-papers index (search/similar.ts's SimilarIndex has it). */
export interface SimilarLookup {
  /** The papers most like papers[index], most similar first; never the paper itself. */
  similar(index: number, limit?: number): SimilarHit[];
}

/** What a SimilarSource is told while it builds. */
export interface SimilarBuild {
  /** The fraction done, 0 to 1, for the footer ("Finding similar papers… 40%"). */
  progress: (fraction: number) => void;
  /** Aborted when the index is no longer wanted (the library changed, the reader closed). */
  signal: AbortSignal;
}

/**
 * Builds the similar-papers index over `papers`: ahead of time once the app says the reader is idle
 * (SimilarPapers.prepare), else on the first r (and again after the library changed). It takes
 * seconds at 100,000 papers, so it must not hold the event loop for long at a time. The default
 * imports search/similar.ts only then, so the reader's first frame never waits for it, and builds in
 * slices of a few ms, keys and frames running between them.
 */
export type SimilarSource = (papers: readonly Paper[], build: SimilarBuild) => Promise<SimilarLookup>;

export const defaultSimilarSource: SimilarSource = async (papers, { progress, signal }) => {
  const { createSimilarIndex } = await import('../../search/similar.js');
  const index = createSimilarIndex(papers);
  await index.buildSliced({ progress, signal });
  return index;
};

/** How many similar papers r lists. */
export const SIMILAR_LIMIT = 20;

/** One build of the index, over one state of the library. */
interface Build {
  papers: readonly Paper[];
  lookup: Promise<SimilarLookup>;
  /** Once it is built: r then lists at once, in the frame of the key. */
  ready: SimilarLookup | undefined;
  /** Fraction done, 0 to 1. */
  progress: number;
  /** r presses waiting for it: while any wait, a change of library does not abort it. */
  waiting: number;
  stop: AbortController;
}

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
  #index: Build | undefined;
  /** The app asked for the index ahead of r: built again, in the background, when the library changes. */
  #prepared = false;
  /** The footer line #say set, cleared when the list comes (unless something else was said since). */
  #saying: object | undefined;

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
    const build = this.#build();
    if (build.ready) return this.#found(opened, build.ready, build.papers, index);
    build.waiting++;
    this.#say(build);
    build.lookup.then(
      (lookup) => {
        build.waiting--;
        this.#found(opened, lookup, build.papers, index);
      },
      (err: unknown) => {
        build.waiting--;
        this.#failed(opened, err);
      },
    );
  }

  /**
   * Starts building the index now, in the background, so that r finds it ready: the app calls this
   * once the library is loaded and the search index built. Until then nothing is built before r.
   */
  prepare(): void {
    if (this.#model.disposed) return;
    this.#prepared = true;
    this.#build();
  }

  /** The build for the library as it is now, started if it was not. */
  #build(): Build {
    const papers = this.#model.papers;
    if (this.#index?.papers === papers) return this.#index;
    const stop = new AbortController();
    const build: Build = { papers, lookup: Promise.resolve(undefined!), ready: undefined, progress: 0, waiting: 0, stop };
    build.lookup = this.#source(papers, { progress: (fraction) => this.#progress(build, fraction), signal: stop.signal });
    build.lookup.then(
      (lookup) => void (build.ready = lookup),
      // Reported to the r presses waiting for it, if any; a later r tries again.
      () => {
        if (this.#index === build) this.#index = undefined;
      },
    );
    this.#index = build;
    return build;
  }

  #progress(build: Build, fraction: number): void {
    const before = Math.floor(build.progress * 100);
    build.progress = fraction;
    if (Math.floor(fraction * 100) !== before && build.waiting > 0 && !this.#model.disposed && this.#index === build && this.shown?.pending) {
      this.#say(build);
      this.#changed();
    }
  }

  /** The footer while r waits for the index. */
  #say(build: Build): void {
    this.#model.status = this.#saying = { text: `Finding similar papers… ${Math.floor(build.progress * 100)}%`, warning: false };
  }

  #found(opened: Opened, lookup: SimilarLookup, library: readonly Paper[], index: number): void {
    if (this.#model.disposed) return;
    // Indexes into the library the index was built over (r's), even if digests arrived since.
    const papers = lookup.similar(index, SIMILAR_LIMIT).map((h) => library[h.index]!);
    const onScreen = opened.list === this.#model.list;
    opened.list = listOf(papers);
    opened.shown = { to: opened.shown.to, pending: false };
    if (!onScreen) return;
    if (this.#model.status === this.#saying) this.#model.status = undefined;
    this.#model.setList(opened.list, 0, 0);
    if (papers.length === 0) this.#model.say('No similar papers found');
    this.#changed();
  }

  #failed(opened: Opened, err: unknown): void {
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

  /**
   * The library changed: the index is built again, on the next r or (if the app prepared it) in the
   * background now; lists already shown stay. A build no r waits for any more is stopped.
   */
  libraryChanged(): void {
    const old = this.#index;
    this.#index = undefined;
    if (old && old.waiting === 0) old.stop.abort();
    // After the merge that called this: the build is over the grown library.
    if (this.#prepared) setImmediate(() => this.#prepared && !this.#model.disposed && this.#build());
  }

  /** The reader closed: a build still running stops at its next slice. */
  dispose(): void {
    this.#prepared = false;
    this.#index?.stop.abort();
    this.#index = undefined;
  }
}
