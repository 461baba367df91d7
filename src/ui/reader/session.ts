import type { LibraryMerge } from '../../core/merge-digests.js';
import type { Digest, Paper } from '../../core/types.js';
import type { createSearchEngineAsync, SearchEngine } from '../../search/engine.js';
import { abstractRanges, type AbstractRange } from '../../search/abstract-ranges.js';
import { Browse } from './browse.js';
import { DetailHold } from './detail-hold.js';
import { digestsArrived } from './digest-arrival.js';
import { dispatchKey, modeNow, type Parts } from './dispatch.js';
import { IndexBuild } from './index-build.js';
import { LibraryGrowth } from './library-growth.js';
import { numberedLinks, type NumberedLink } from './link-copy.js';
import { LinkKeys } from './link-keys.js';
import { MarkActions } from './mark-actions.js';
import { pointerAction, type Pointer } from './pointer.js';
import { ReaderModel } from './model.js';
import type { ReaderState } from './navigation.js';
import { SearchFetch } from './search-fetch.js';
import { defaultSimilarSource, SimilarPapers } from './similar-list.js';
import { mark } from '../../core/timeline.js';
import { StoreLink } from './store-link.js';
import type { Effect, LibraryUpdate, Measure, SessionOptions, SessionSnapshot } from './types.js';
import { summarize } from './words.js';

export type { Pointer } from './pointer.js';
export type { CopyEffect, NumberedLink, OpenEffect } from './link-copy.js';
export type { SimilarLookup, SimilarSource } from './similar-list.js';
export type { SearchHistory } from './history-walk.js';
export type { Effect, LibraryUpdate, MarkStore, Measure, SessionOptions, SessionSnapshot, Status } from './types.js';

/**
 * One reader session: the library, the marks store, the search engine, and the reader state
 * (selection, view, search line, undo steps). Plain TypeScript; the Ink app only feeds it keys and
 * sizes and draws its snapshots. The work is done by one part per concern, all over one shared
 * ReaderModel:
 *
 *   keys ─ dispatch.ts ─┬─ navigation.ts (reduce)   the selection, scroll, focus, help
 *                       ├─ mark-actions.ts          marks and undo (store-link.ts: the store)
 *                       ├─ browse.ts                views, days, order, the next unread paper
 *                       ├─ link-keys.ts             o y Y c: Effects the app performs, then notify()
 *                       ├─ similar-list.ts          r: a list of the most similar papers, Esc back
 *                       └─ search-fetch.ts          the search line, results fetched as needed
 *   libraryGrew ─ library-growth.ts     buildIndex ─ index-build.ts     detail-hold.ts: held keys
 *   digestsArrived ─ digest-arrival.ts (live digests merged in place)
 *
 * Behaviour worth knowing:
 * - A paper that leaves the view because it was marked (read in the unread view, unstarred in the
 *   starred view) stays in the list until the list is rebuilt: the view is chosen again (1/2/3/d),
 *   the search changes, or the search is cleared. Nothing jumps away from under the cursor, and u
 *   can take the mark back in place.
 * - Typing in the search line changes the line at once; the search runs later for the newest text.
 */
export class ReaderSession {
  readonly #model: ReaderModel;
  readonly #marks: MarkActions;
  readonly #search: SearchFetch;
  readonly #browse: Browse;
  readonly #growth: LibraryGrowth;
  readonly #hold: DetailHold;
  readonly #index: IndexBuild;
  /** The index builder last given to buildIndex: used again when digests arrive. */
  #builder: typeof createSearchEngineAsync | undefined;
  readonly #links: LinkKeys;
  readonly #similar: SimilarPapers;
  #newOf: { ids: ReadonlySet<string>; papers: readonly Paper[]; count: number; isNew: (p: Paper) => boolean } | undefined;
  readonly #parts: Parts;
  #numbered: { paper: Paper | undefined; links: readonly NumberedLink[] } = { paper: undefined, links: [] };
  #marked: { paper: Paper | undefined; query: string; ranges: readonly AbstractRange[] } = { paper: undefined, query: '', ranges: [] };
  readonly #listeners = new Set<() => void>();
  #snapshot: SessionSnapshot | undefined;

  constructor(options: SessionOptions) {
    const store = new StoreLink(options.store, options.papers);
    const model = new ReaderModel({ ...options, loading: options.loading ?? null, store });
    this.#model = model;
    this.#index = new IndexBuild(options.searchCache);
    this.#marks = new MarkActions(model);
    this.#search = new SearchFetch(model, options.schedule ?? ((run) => void setImmediate(run)), () => this.#changed(), options.history, options.now, options.indexCached, options.libraryCached);
    this.#growth = new LibraryGrowth(model, this.#search, options.notices?.[0]);
    this.#hold = new DetailHold(options.holdDetailMs ?? 0, () => this.#changed());
    this.#browse = new Browse(model, this.#search, this.#marks);
    this.#links = new LinkKeys(model, options.now);
    this.#similar = new SimilarPapers(model, options.similar ?? defaultSimilarSource, () => this.#changed());
    this.#parts = { model, marks: this.#marks, search: this.#search, browse: this.#browse, links: this.#links, similar: this.#similar };
    const notices = [...(options.notices ?? []), ...store.takeWarnings()];
    if (notices.length > 0) model.status = { text: summarize(notices), warning: true };
    if (options.query) this.#search.start(options.query);
  }

  // ── for the renderer ──────────────────────────────────────────────────────────────────────────

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => {
    const model = this.#model;
    const search = this.#search;
    const detail = this.#hold.detail(model.list, model.selected);
    if (this.#numbered.paper !== detail) this.#numbered = { paper: detail, links: numberedLinks(detail) };
    this.#snapshot ??= {
      nav: model.nav,
      mode: modeNow(this.#parts),
      list: model.list,
      detail,
      links: this.#numbered.links,
      abstractRanges: this.#abstractRanges(detail),
      view: model.view,
      order: model.order,
      day: this.#browse.day(),
      dateOf: model.dateOf,
      ...this.#news(),
      similar: this.#similar.shown,
      query: search.query,
      line: search.line,
      indexing: search.indexing,
      searching: search.searching,
      interim: search.interim,
      partial: search.partial,
      confirm: this.#marks.confirm,
      status: model.status,
      marks: model.store.marks(),
      saving: model.store.saving,
      total: model.papers.length,
      loading: model.loading,
    };
    return this.#snapshot;
  };

  /** The whole library, in library order (a new array when it grew). */
  get papers(): readonly Paper[] {
    return this.#model.papers;
  }

  /** The paper under the cursor, if the list has any. */
  get selected(): Paper | undefined {
    return this.#model.selected;
  }

  get undoSteps(): number {
    return this.#marks.undoSteps;
  }

  // ── input ─────────────────────────────────────────────────────────────────────────────────────

  resize(cols: number, rows: number): void {
    const before = this.#model.nav;
    this.#model.navigate({ type: 'resize', cols, rows });
    if (this.#model.nav === before) return;
    this.#search.fetchAhead();
    this.#changed();
  }

  /** Applies keys (canonical names: 'j', 'escape', 'ctrl+d', 'pageup'…) in order; returns what the terminal must do. */
  keys(names: readonly string[], measure: Measure): Effect[] {
    const effects: Effect[] = [];
    const shown = this.getSnapshot().detail;
    const list = this.#model.list;
    const selected = this.selected;
    for (const name of names) {
      const effect = dispatchKey(this.#parts, name, measure);
      if (effect) effects.push(effect);
      if (effect === 'quit') break;
    }
    this.#search.settle();
    if (this.#model.list === list && this.selected !== selected) this.#hold.moved(shown, list);
    else this.#hold.release();
    this.#changed();
    return effects;
  }

  /** A mouse report (see pointer.ts); returns what the terminal must do (a link to open). */
  pointer(event: Pointer, measure: Measure): Effect[] {
    const shown = this.getSnapshot().detail;
    const list = this.#model.list;
    const selected = this.selected;
    const effect = pointerAction(this.#parts, event, measure);
    // A spun wheel moves the selection as a held key does: the detail catches up when it stops.
    // A click shows its paper at once.
    if (event.action === 'wheel' && this.#model.list === list && this.selected !== selected) this.#hold.moved(shown, list);
    else this.#hold.release();
    this.#changed();
    return effect ? [effect] : [];
  }

  // ── the search index ──────────────────────────────────────────────────────────────────────────

  /** Uses a ready engine (built over exactly `papers`); a search waiting for it runs now. */
  attachEngine(engine: SearchEngine): void {
    this.#search.attach(engine);
    this.#changed();
  }

  /**
   * Builds the search index a slice at a time between key events, so the reader draws and reads
   * keys while it is built. Call after the first frame is out, and once the library is complete (a
   * search typed while it loads waits for the index, as at startup).
   */
  async buildIndex(build?: typeof createSearchEngineAsync): Promise<void> {
    if (build) this.#builder = build;
    // A scan that grew with the loading library is no index: it answers until the index is built.
    if ((this.#search.engine && !this.#search.growing) || this.#index.running) return;
    const papers = this.papers;
    // A scan that answered while the library loaded has scanned all of it by now, unless it stopped
    // following the load for a cached index: it answers until the index is there.
    const whole = this.#search.growing?.papers === papers;
    let scanned = this.#search.growing !== undefined;
    const engine = await this.#index.run(papers, this.#builder, (scan) => {
      if (whole) return;
      // Answers the search typed so far, and the next ones, until the index is there.
      scanned = true;
      this.#search.attach(scan, true);
      this.#changed();
    });
    if (this.#model.disposed) return;
    // The library changed while it was built (digests arrived): built again over the new one.
    if (this.papers !== papers) return this.buildIndex();
    if (!engine) return;
    mark('index ready');
    this.#search.attach(engine);
    // Better results for the search the scan answered: the best one selected if the cursor is
    // still on the top row, else the paper the user moved to stays selected.
    if (scanned && this.#search.query.trim() !== '') {
      this.#search.rebuild(this.#model.nav.cursor === 0 ? { first: true } : { keep: this.selected });
    }
    mark('index searched');
    this.#changed();
  }

  /**
   * For a search pending before the first frame (given with --query, or typed before it): the index
   * built or read from the cache at once when that is quick (IndexBuild.now), and the search run
   * with it, so the first frame shows its results. Otherwise nothing: buildIndex after the first
   * frame does it.
   */
  async indexNow(): Promise<void> {
    if (this.#builder || this.#search.engine || this.#index.running || this.#search.query.trim() === '') return;
    const engines = await import('../../search/engine.js');
    if (this.#model.disposed || this.#search.engine || this.#index.running) return;
    const engine = this.#index.now(this.papers, engines);
    if (!engine) return;
    this.#search.attach(engine);
    this.#search.runNow();
    this.#changed();
  }

  /**
   * A large library still loading answers a search from the papers read so far, growing with them
   * (SearchFetch.useScanner). Call before the first frame: a search given at launch is answered
   * from the newest papers in it, the header saying the library is still loading.
   */
  async searchWhileLoading(): Promise<void> {
    if (this.#model.loading === null) return;
    const { createScanEngine } = await import('../../search/scan-engine.js');
    if (this.#model.disposed) return;
    this.#search.useScanner(createScanEngine);
    this.#search.runNow();
    this.#changed();
  }

  /** Builds the similar-papers index in the background now (r then answers at once): see SimilarPapers.prepare. */
  prepareSimilar(): void {
    this.#similar.prepare();
  }

  // ── the library and the store ─────────────────────────────────────────────────────────────────

  /** More of the library was read: see LibraryGrowth. */
  libraryGrew(update: LibraryUpdate): void {
    this.#growth.grew(update);
    this.#changed();
  }

  /** A line for the status bar from outside any key: what an Effect did ("copied …", "opened in the browser"). */
  notify(text: string, warning = false): void {
    if (this.#model.disposed) return;
    this.#model.status = { text, warning };
    this.#changed();
  }

  /**
   * The papers new since the reader was last opened, when they are known only after the session
   * started (recordOpened waits for a large library to be read whole). Replaces SessionOptions.newIds.
   */
  setNewIds(ids: ReadonlySet<string>): void {
    const model = this.#model;
    model.newIds = ids;
    if (model.view.kind === 'new') this.#browse.show({ kind: 'new', ids });
    this.#changed();
  }

  /**
   * Digests arrived while the reader runs (core/watch-digests.ts): merged in without moving the
   * selection or the scroll; the status line says "12 new papers (Mar 19)"; the new papers count
   * as new. The search index, if there was one, is rebuilt in the background. Returns the merge:
   * the app records `added` as seen (state/seen.ts recordSeen).
   */
  digestsArrived(digests: readonly Digest[]): LibraryMerge {
    const indexed = this.#search.engine !== undefined || this.#index.running;
    const merge = digestsArrived(this.#model, this.#search, this.#similar, digests);
    if (indexed) {
      this.buildIndex().catch((err: unknown) => this.notify(`Cannot index the new papers: ${err instanceof Error ? err.message : String(err)}`, true));
    }
    this.#changed();
    return merge;
  }

  /** The store's marks or warnings changed outside any key (it finished opening): show them. */
  marksChanged(): void {
    this.#model.takeWarnings();
    this.#changed();
  }

  dispose(): void {
    this.#model.disposed = true;
    this.#hold.release();
    this.#index.stop();
    this.#similar.dispose();
    this.#listeners.clear();
  }

  /** The search's matches in the detail's abstract, worked out again only when the paper or the query changes. */
  #abstractRanges(paper: Paper | undefined): readonly AbstractRange[] {
    // A similar-papers list is not the search's: nothing in it is a match.
    const query = this.#similar.shown ? '' : this.#search.query.trim();
    const m = this.#marked;
    if (m.paper === paper && m.query === query) return m.ranges;
    const ranges = paper && query ? abstractRanges(paper, query) : [];
    this.#marked = { paper, query, ranges: ranges.length === 0 && m.ranges.length === 0 ? m.ranges : ranges };
    return this.#marked.ranges;
  }

  /** The count of new papers and the row marker's test, kept while the new ids and the library stay. */
  #news(): { newCount: number; isNew: (p: Paper) => boolean } {
    const { newIds, papers } = this.#model;
    const c = this.#newOf;
    if (c?.ids === newIds && c.papers === papers) return { newCount: c.count, isNew: c.isNew };
    let count = 0;
    if (newIds.size > 0) for (const p of papers) if (newIds.has(p.id)) count++;
    const isNew = (p: Paper) => newIds.has(p.id);
    this.#newOf = { ids: newIds, papers, count, isNew };
    return { newCount: count, isNew };
  }

  /** Tells the renderer, unless nothing it draws from changed (a j on the last paper, say). */
  #changed(): void {
    const old = this.#snapshot;
    this.#snapshot = undefined;
    if (old && sameSnapshot(old, this.getSnapshot())) {
      this.#snapshot = old;
      return;
    }
    for (const l of this.#listeners) l();
  }
}

function sameSnapshot(a: SessionSnapshot, b: SessionSnapshot): boolean {
  for (const key of Object.keys(a) as (keyof SessionSnapshot)[]) {
    if (key === 'nav') continue;
    if (a[key] !== b[key]) return false;
  }
  for (const key of Object.keys(a.nav) as (keyof ReaderState)[]) if (a.nav[key] !== b.nav[key]) return false;
  return true;
}
