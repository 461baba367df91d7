import type { Paper } from '../../core/types.js';
import { listForView, type VisibleList } from './library-view.js';
import { initialState, reduce, type ReaderAction, type ReaderState } from './navigation.js';
import { sortPapers, type Order } from './order.js';
import type { StoreLink } from './store-link.js';
import type { Status } from './types.js';
import { ALL, dateIn, distinctLabels, indexOfDay, type DigestDay, type View } from './views.js';
import { summarize } from './words.js';

/**
 * The state the concerns of a session share: the library, the list shown and the place in it, the
 * view, the status line. The place (`nav`) changes only through the navigation reducer.
 */
export class ReaderModel {
  papers: readonly Paper[];
  loading: number | null;
  readonly store: StoreLink;
  view: View = ALL;
  /** Papers first seen since the reader was last opened, and those that arrived while it runs (view 4). */
  newIds: ReadonlySet<string>;
  /** The order of a view's papers (S); a search's results are best match first whatever it is. */
  order: Order = 'newest';
  list: VisibleList;
  status: Status | undefined;
  disposed = false;
  #nav: ReaderState;
  #days: readonly DigestDay[] = [];
  #dateOf: { view: View; of: (paper: Paper) => string | undefined } | undefined;
  /** The library in `order`, kept while neither changes (sorting 100,000 titles takes ~0.2 s). */
  #sorted: { papers: readonly Paper[]; order: Order; sorted: readonly Paper[] } | undefined;

  constructor(o: {
    papers: readonly Paper[];
    days: readonly DigestDay[];
    loading: number | null;
    store: StoreLink;
    cols: number;
    rows: number;
    newIds?: ReadonlySet<string> | undefined;
  }) {
    this.papers = o.papers;
    this.newIds = o.newIds ?? new Set();
    this.days = o.days;
    this.loading = o.loading;
    this.store = o.store;
    this.list = this.viewList();
    this.#nav = initialState(o.cols, o.rows, this.list.papers.length);
  }

  /** The digest days, newest first, each labelled as shown (views.distinctLabels). */
  get days(): readonly DigestDay[] {
    return this.#days;
  }

  /**
   * The library's days changed (more loaded, a digest arrived). A day shown keeps being shown; its
   * label follows, should another year's digest of the same label have come in.
   */
  set days(days: readonly DigestDay[]) {
    this.#days = distinctLabels(days);
    const view = this.view;
    if (view.kind !== 'date') return;
    const now = this.#days[indexOfDay(this.#days, view.day)];
    if (now && now.label !== view.label) this.view = { kind: 'date', day: view.day, label: now.label };
  }

  get nav(): ReaderState {
    return this.#nav;
  }

  /** The one way the selection, scroll, focus and help change. */
  navigate(action: ReaderAction): void {
    this.#nav = reduce(this.#nav, action);
  }

  /** The paper under the cursor, if the list has any. */
  get selected(): Paper | undefined {
    return this.list.papers[this.#nav.cursor];
  }

  /** Shows `list` with the paper at `cursor` selected (and the list scrolled to `top`, when given). */
  setList(list: VisibleList, cursor: number, top?: number): void {
    this.list = list;
    this.navigate({ type: 'listChanged', count: list.papers.length, cursor, top });
  }

  /**
   * Shows `list` without moving what is on screen: the selected paper (found by id: it may be a
   * new object with more dates) stays selected on the same row, the detail keeps its scroll.
   */
  replaceList(list: VisibleList): void {
    const { cursor, top, detailTop } = this.#nav;
    const id = this.selected?.id;
    const at = id === undefined ? -1 : list.papers.findIndex((p) => p.id === id);
    const next = at >= 0 ? at : Math.min(cursor, Math.max(0, list.papers.length - 1));
    this.list = list;
    this.navigate({ type: 'listChanged', count: list.papers.length, cursor: next, top: next - (cursor - top), detailTop: at >= 0 ? detailTop : 0 });
  }

  /** The date shown beside a paper in the current view (the same function while the view stays). */
  get dateOf(): (paper: Paper) => string | undefined {
    if (this.#dateOf?.view !== this.view) this.#dateOf = { view: this.view, of: dateIn(this.view) };
    return this.#dateOf.of;
  }

  /** Every paper of the current view, in the current order, before any search. */
  viewList(): VisibleList {
    return listForView(this.#inOrder(), this.store.map, this.view);
  }

  #inOrder(): readonly Paper[] {
    const cached = this.#sorted;
    if (cached?.papers === this.papers && cached.order === this.order) return cached.sorted;
    const sorted = sortPapers(this.papers, this.order);
    this.#sorted = { papers: this.papers, order: this.order, sorted };
    return sorted;
  }

  say(text: string): void {
    this.status = { text, warning: false };
  }

  /** Store problems (cannot save, a damaged file moved aside) become the status line. */
  takeWarnings(): void {
    const warnings = this.store.takeWarnings();
    if (warnings.length > 0) this.status = { text: summarize(warnings), warning: true };
  }
}
