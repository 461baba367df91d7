import type { Paper } from '../../core/types.js';
import type { createSearchEngineAsync, SearchEngine } from '../../search/engine.js';
import { Browse } from './browse.js';
import { DetailHold } from './detail-hold.js';
import { dispatchKey, modeNow, type Parts } from './dispatch.js';
import { IndexBuild } from './index-build.js';
import { LibraryGrowth } from './library-growth.js';
import { MarkActions } from './mark-actions.js';
import { ReaderModel } from './model.js';
import type { ReaderState } from './navigation.js';
import { SearchFetch } from './search-fetch.js';
import { StoreLink } from './store-link.js';
import type { Effect, LibraryUpdate, Measure, SessionOptions, SessionSnapshot } from './types.js';
import { summarize } from './words.js';

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
 *                       └─ search-fetch.ts          the search line, results fetched as needed
 *   libraryGrew ─ library-growth.ts     buildIndex ─ index-build.ts     detail-hold.ts: held keys
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
  readonly #index = new IndexBuild();
  readonly #parts: Parts;
  readonly #listeners = new Set<() => void>();
  #snapshot: SessionSnapshot | undefined;

  constructor(options: SessionOptions) {
    const store = new StoreLink(options.store, options.papers);
    const model = new ReaderModel({ ...options, loading: options.loading ?? null, store });
    this.#model = model;
    this.#marks = new MarkActions(model);
    this.#search = new SearchFetch(model, options.schedule ?? ((run) => void setImmediate(run)), () => this.#changed(), options.now);
    this.#growth = new LibraryGrowth(model, this.#search, options.notices?.[0]);
    this.#hold = new DetailHold(options.holdDetailMs ?? 0, () => this.#changed());
    this.#browse = new Browse(model, this.#search, this.#marks);
    this.#parts = { model, marks: this.#marks, search: this.#search, browse: this.#browse };
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
    this.#snapshot ??= {
      nav: model.nav,
      mode: modeNow(this.#parts),
      list: model.list,
      detail: this.#hold.detail(model.list, model.selected),
      view: model.view,
      order: model.order,
      day: this.#browse.day(),
      dateOf: model.dateOf,
      query: search.query,
      line: search.line,
      indexing: search.indexing,
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
    if (this.#search.engine || this.#index.running) return;
    const engine = await this.#index.run(this.papers, build);
    if (engine && !this.#model.disposed) this.attachEngine(engine);
  }

  // ── the library and the store ─────────────────────────────────────────────────────────────────

  /** More of the library was read: see LibraryGrowth. */
  libraryGrew(update: LibraryUpdate): void {
    this.#growth.grew(update);
    this.#changed();
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
    this.#listeners.clear();
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
