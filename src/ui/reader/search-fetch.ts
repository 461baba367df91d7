import type { Paper } from '../../core/types.js';
import type { SearchEngine, SearchResult } from '../../search/engine.js';
import type { GrowingScanEngine } from '../../search/scan-engine.js';
import type { Command } from './key/bindings.js';
import { HistoryWalk, type SearchHistory } from './history-walk.js';
import { extendForSearch, growView, listForSearch, viewSize, type VisibleList } from './library-view.js';
import { editLine, insertText, lineOf, type LineState } from './line-edit.js';
import type { ReaderModel } from './model.js';
import { layoutOf } from './navigation.js';
import { scansWhileLoading } from './index-build.js';

/** Fewest results fetched per search; more when the screen is tall (see fetchLimit). */
const MIN_FETCH = 100;
/** Fetch again when the selection gets within this many screens of the end of what was fetched. */
const FETCH_AHEAD_SCREENS = 2;
/**
 * Bounds on one key's fetching: hits at most this many, or this many times what was fetched.
 * Ranking 1,600 hits costs ~50–130 ms at 100,000 papers; ranking every match of a broad query 1–2 s.
 */
const FETCH_STEP_MAX = 1600;
/** A search that took at most this long (ms) runs in the same turn as the next key (see settle). */
const SAME_TURN_MS = 12;
/** A scan of this many papers takes a few ms (~2.5 µs a paper on a loaded 2-core machine). */
const SAME_TURN_SCAN = 2000;
const FETCH_GROWTH = 4;
/** While a large library loads, a search's results are made again from the papers read so far at most this often (ms). */
const GROWN_RESULTS_MS = 250;
/** …and once the papers read are this many times as many as the last answer's. */
const GROWN_RESULTS_FACTOR = 1.5;

/** Which paper to select in a rebuilt list: `keep` if it is still there, else the first. */
export interface Selection {
  keep?: Paper | undefined;
  first?: boolean;
  /** With `first`: this many papers below the first (moves made while the results were on their way). */
  moved?: number;
}

/**
 * The search line and the list it narrows: the query, its results fetched a few screens at a time,
 * and where the line was opened from. Typing changes the line at once; the search runs later (see
 * SessionOptions.schedule) for the newest text, or when the index is attached.
 */
export class SearchFetch {
  readonly #model: ReaderModel;
  readonly #schedule: (run: () => void) => void;
  readonly #changed: () => void;
  #query = '';
  #line: LineState | undefined;
  /** Where the search line was opened from: Esc goes back there. */
  #before: { query: string; list: VisibleList; cursor: number; top: number; selected: Paper | undefined } | undefined;
  /** The search behind the current list, and how many hits it fetched. */
  #result: SearchResult | undefined;
  #engine: SearchEngine | undefined;
  /** The engine is a scan standing in until the index is ready (verbatim words: typos come with the index). */
  #interim = false;
  /** The engine is a scan over the library as read so far: it grows with the library (libraryGrew). */
  #growing: GrowingScanEngine | undefined;
  /** SessionOptions.indexCached, asked once (#indexSoon). */
  readonly #indexCached: (() => boolean) | undefined;
  /** SessionOptions.libraryCached. */
  readonly #libraryCached: boolean;
  #indexSoon: boolean | undefined;
  /** Makes the scan that searches a large library while it loads, once its module is loaded (useScanner). */
  #scanner: ((papers: readonly Paper[]) => GrowingScanEngine) | undefined;
  /** The list shown when the library was replaced under the engine (see libraryChanged). */
  #refresh: VisibleList | undefined;
  /** The query changed since the list was last built for it. */
  #stale = false;
  #scheduled = false;
  readonly #now: () => number;
  /** When the list was last made from a search (see libraryGrew). */
  #builtAt = -Infinity;
  /** The library's size then. */
  #builtOver = 0;
  /** How long the last search took (ms; unknown before the first): see settle. */
  #lastCost = Infinity;
  readonly #history: HistoryWalk;
  /**
   * The cursor when the query last changed: moves made after it, before the results came (keys
   * typed right after launch, while the index is built, or in the same burst as the query), are
   * moves in the results and are kept when they arrive.
   */
  #anchor = 0;

  /** `changed` is called after a search ran off the key path (the screen must follow). */
  constructor(
    model: ReaderModel,
    schedule: (run: () => void) => void,
    changed: () => void,
    history?: SearchHistory,
    now: () => number = () => performance.now(),
    indexCached?: () => boolean,
    libraryCached = false,
  ) {
    this.#indexCached = indexCached;
    this.#libraryCached = libraryCached;
    this.#history = new HistoryWalk(history);
    this.#now = now;
    this.#model = model;
    this.#schedule = schedule;
    this.#changed = changed;
  }

  get query(): string {
    return this.#query;
  }

  get line(): LineState | undefined {
    return this.#line;
  }

  get engine(): SearchEngine | undefined {
    return this.#engine;
  }

  /** A search waits for the index. */
  get indexing(): boolean {
    return this.#stale && !this.#engine && this.#query.trim() !== '';
  }

  /** A search is on its way: the list shown is not its answer yet (it was the previous query's, or the view's). */
  get searching(): boolean {
    return this.#stale && this.#engine !== undefined && this.#query.trim() !== '';
  }

  /** The results shown come from a scan (verbatim words), the index's are still to come. */
  get interim(): boolean {
    return this.#interim && this.#query.trim() !== '';
  }

  /** The results are from part of the library (a scan of the papers read so far, or of those read when it stopped following the load). */
  get partial(): boolean {
    return this.#growing !== undefined && this.#query.trim() !== '' && (this.#model.loading !== null || this.#growing.papers.length < this.#model.papers.length);
  }

  /** The scan over the library as read so far, while one answers the search. */
  get growing(): GrowingScanEngine | undefined {
    return this.#growing;
  }

  /**
   * From now on a search in a large library still loading is answered from the papers read so far
   * (a scan that grows with the library, see libraryGrew) instead of waiting for the whole library
   * and its index. A search already waiting starts now.
   */
  useScanner(scanner: (papers: readonly Paper[]) => GrowingScanEngine): void {
    this.#scanner = scanner;
    if (this.#stale && !this.#engine && this.#query.trim() !== '') {
      this.#stale = false;
      this.#request();
    }
  }

  /** Attaches a growing scan when the library is still loading and large enough; false when not. */
  #scanLoaded(): boolean {
    const model = this.#model;
    if (!this.#scanner || !scansWhileLoading(model.papers.length, model.loading)) return false;
    this.#growing = this.#scanner(model.papers);
    this.#engine = this.#growing;
    this.#interim = true;
    return true;
  }

  /** Starts with this search (paperterm --query). */
  start(query: string): void {
    if (!query.trim()) return;
    this.#query = query;
    this.#request();
  }

  /** Uses a ready engine (`interim`: a scan until the index is ready); a search waiting for it runs now. */
  attach(engine: SearchEngine, interim = false): void {
    this.#engine = engine;
    this.#interim = interim;
    if (engine !== this.#growing) this.#growing = undefined;
    const refresh = this.#refresh;
    this.#refresh = undefined;
    if (this.#stale) return this.#request();
    // After digests arrived: the results shown then are ranked again over the new library, the
    // selected paper kept on its row.
    if (refresh && refresh === this.#model.list && this.#query.trim() !== '') {
      const model = this.#model;
      this.#result = engine.search(this.#query, { limit: this.#fetchLimit(model.nav.cursor) });
      model.replaceList(listForSearch(model.papers, model.store.map, model.view, this.#result, model.store.viewSize(model.papers, model.view)));
    }
  }

  /**
   * The library was replaced (digests arrived): the engine indexes the old one, so it goes until
   * a new one is attached; the list shown now is refreshed then.
   */
  libraryChanged(): void {
    if (!this.#engine) return;
    this.#engine = undefined;
    this.#growing = undefined;
    this.#interim = false;
    this.#result = undefined;
    this.#refresh = this.#model.list;
  }

  open(): void {
    const model = this.#model;
    this.#before = { query: this.#query, list: model.list, cursor: model.nav.cursor, top: model.nav.top, selected: model.selected };
    this.#line = lineOf(this.#query);
    this.#history.opened(this.#query);
    model.navigate({ type: 'focus', focus: 'list' });
  }

  /**
   * ↑ (older) or ↓ in the search line: an earlier query when the line is empty or untouched (see
   * HistoryWalk), searched at once as if typed. False when the key should move in the results.
   */
  recall(older: boolean): boolean {
    if (!this.#line) return false;
    const text = this.#history.step(older, this.#line.text);
    if (text === undefined) return false;
    if (text !== this.#line.text) {
      this.#line = lineOf(text);
      this.#query = text;
      this.#anchor = this.#model.nav.cursor;
      this.#request();
    }
    return true;
  }

  /** Enter: the line closes, the search stays (and joins the search history). */
  submit(): void {
    this.#history.kept(this.#query);
    this.#line = undefined;
    this.#before = undefined;
  }

  /** Esc on the line: no search, back where the line was opened. */
  cancel(): void {
    const before = this.#before;
    this.#line = undefined;
    this.#before = undefined;
    this.#query = '';
    this.#stale = false;
    if (before && before.query === '') {
      // Exactly the list and place the search started from.
      this.#result = undefined;
      this.#model.setList(before.list, before.cursor, before.top);
      return;
    }
    this.#show('', { keep: before?.selected });
  }

  /** Esc in the list: the kept search goes, the selected paper stays selected. */
  clear(): void {
    if (this.#query) this.#show('', { keep: this.#model.selected });
  }

  type(text: string): void {
    if (this.#line) this.#edit(insertText(this.#line, text));
  }

  editCommand(command: Command): void {
    if (this.#line) this.#edit(editLine(this.#line, command));
  }

  #edit(line: LineState): void {
    const changed = line.text !== this.#line?.text;
    this.#line = line;
    if (!changed) return;
    this.#history.edited();
    this.#query = line.text;
    this.#anchor = this.#model.nav.cursor;
    this.#request();
  }

  /** The list must follow `#query`: now if that needs no engine, else on the next turn. */
  #request(): void {
    this.#stale = true;
    if (this.#scheduled) return;
    if (this.#query.trim() !== '' && !this.#engine && !this.#scanLoaded()) return; // attach runs it
    this.#scheduled = true;
    this.#schedule(() => {
      this.#scheduled = false;
      if (this.#model.disposed || !this.#stale) return;
      this.#run();
      this.#changed();
    });
  }

  /**
   * After a batch of keys: runs the search they asked for now, with them, when the last search was
   * cheap, so a keystroke draws one frame (the line and its results) instead of two, a turn later.
   * A search that cost more than SAME_TURN_MS keeps running off the key path, after the key's echo.
   */
  settle(): void {
    if (!this.#scheduled || !this.#stale || !this.#engine) return;
    // A scan of the few papers read at launch is cheap even before any search was timed.
    const cheap = this.#lastCost <= SAME_TURN_MS || (this.#growing !== undefined && this.#growing.papers.length <= SAME_TURN_SCAN);
    if (!cheap) return;
    this.#run();
  }

  /** Runs the search waiting for the engine now, not on the next turn (a search given at launch, before the first frame). */
  runNow(): void {
    if (this.#stale && this.#engine) this.#run();
  }

  /** A search's results (or the plain view, for an empty query): the best match is selected. */
  #run(): void {
    this.#stale = false;
    const before = this.#before;
    if (this.#query.trim() === '' && before?.query === '') {
      // The line was emptied again: back to the list and place it was opened from.
      this.#result = undefined;
      this.#model.setList(before.list, before.cursor, before.top);
      return;
    }
    if (this.#query.trim() === '') this.#show(this.#query, { keep: before?.selected ?? this.#model.selected });
    else this.#show(this.#query, { first: true, moved: this.#model.nav.cursor - this.#anchor });
  }

  #show(query: string, select: Selection): void {
    this.#query = query;
    this.#result = undefined;
    this.rebuild(select);
  }

  /** Rebuilds the list for the current view and query; the selection stays on `keep` if it is still there. */
  rebuild(select: Selection): void {
    const model = this.#model;
    let list: VisibleList;
    if (this.#query.trim() === '') {
      this.#result = undefined;
      this.#stale = false;
      list = model.viewList();
    } else if (!this.#engine) {
      // The index is not ready: keep showing the view until it is (the header says so).
      this.#stale = true;
      list = model.viewList();
    } else {
      const limit = Math.max(this.#fetchLimit(0), this.#result?.hits.length ?? 0);
      const started = this.#now();
      this.#result = this.#engine.search(this.#query, { limit });
      const keep = select.first ? undefined : select.keep;
      if (keep && this.#growing && this.#result.hits.length < this.#result.total && !this.#result.hits.some((h) => model.papers[h.index] === keep)) {
        // The paper the user moved to fell below the first hits of a grown answer: the scan ranks
        // them all (its costs are known, only the order is new), so it stays selected.
        this.#result = this.#engine.search(this.#query);
      }
      this.#builtAt = this.#now();
      this.#builtOver = model.papers.length;
      this.#lastCost = this.#builtAt - started;
      // The matches' share is of the papers searched: a scan that stopped following the load searched fewer than are read.
      const searched = this.#growing?.papers ?? model.papers;
      const size = searched === model.papers ? model.store.viewSize(model.papers, model.view) : viewSize(searched, model.store.map, model.view);
      list = listForSearch(model.papers, model.store.map, model.view, this.#result, size);
    }
    const kept = select.keep && !select.first ? list.papers.indexOf(select.keep) : -1;
    model.setList(list, kept >= 0 ? kept : Math.max(0, select.moved ?? 0));
    this.#anchor = model.nav.cursor;
    this.fetchAhead();
  }

  /** Esc goes back to the view the search line was opened from: it grows with the library too. */
  #growBefore(from: number, appended: boolean): void {
    const model = this.#model;
    if (this.#before?.query !== '') return;
    this.#before =
      appended && model.order === 'newest'
        ? { ...this.#before, list: growView(this.#before.list, model.papers, from, model.store.map, model.view) }
        : { ...this.#before, list: model.viewList(), cursor: 0, top: 0, selected: undefined };
  }

  /** The answer so far fills what is fetched for the screen, and the index is likely cached (asked once). */
  #enoughFromCachedIndex(): boolean {
    const result = this.#result;
    if (!this.#indexCached || this.#stale || !result) return false;
    if (!this.#libraryCached && result.hits.length < this.#fetchLimit(this.#model.nav.cursor)) return false;
    this.#indexSoon ??= this.#indexCached();
    return this.#indexSoon;
  }

  /** How many hits to ask for so that `cursor` and a few screens below it are fetched. */
  #fetchLimit(cursor: number): number {
    return Math.max(MIN_FETCH, cursor + (FETCH_AHEAD_SCREENS + 1) * this.#screen());
  }

  #screen(): number {
    const layout = layoutOf(this.#model.nav);
    return layout.kind === 'too-small' ? 1 : layout.list.height;
  }

  /**
   * Fetches more of the current search when the selection nears the end of what is fetched. One
   * key asks the engine for at most a few times what it fetched before: in a view that keeps few
   * of the hits (unread, when most papers are read) the list fills over several keys instead of
   * one key ranking every match (seconds at 100,000 papers).
   */
  fetchAhead(): void {
    const { list, nav } = this.#model;
    if (!list.more || !this.#result) return;
    if (nav.cursor + FETCH_AHEAD_SCREENS * this.#screen() < list.papers.length) return;
    this.fetch(this.#fetchLimit(nav.cursor), Math.max(FETCH_STEP_MAX, this.#result.hits.length * FETCH_GROWTH));
  }

  /**
   * Makes the list hold at least `want` papers (Infinity: every match, for G and A) by asking the
   * engine for more hits, but never for more than `maxHits`. Selection and scroll stay.
   */
  fetch(want: number, maxHits = Infinity): void {
    const model = this.#model;
    if (!this.#engine || !this.#result) return;
    let result = this.#result;
    let list = model.list;
    while (list.more && list.papers.length < want && result.hits.length < maxHits) {
      let limit = want === Infinity ? Infinity : Math.max(want, result.hits.length * FETCH_GROWTH);
      limit = Math.min(limit, maxHits);
      const next = this.#engine.search(this.#query, { limit: limit >= result.total ? Infinity : limit });
      list = extendForSearch(list, model.papers, model.store.map, model.view, next);
      result = next;
    }
    if (list === model.list) return;
    this.#result = result;
    model.list = list;
    model.navigate({ type: 'listGrew', count: list.papers.length });
  }

  /**
   * The library grew while there is no index (every list is then a view's): papers from `from` on
   * were appended, or (appended false) the library was rebuilt and every list is made afresh.
   */
  libraryGrew(from: number, appended: boolean): void {
    const model = this.#model;
    const marks = model.store.map;
    if (this.#growing && appended && this.#query.trim() !== '' && this.#enoughFromCachedIndex()) {
      // The screen is full of results and the index is cached: the rest of the answer comes from
      // the index once the library is whole, instead of scanning every paper read until then.
      this.#growBefore(from, appended);
      return;
    }
    if (this.#growing) {
      // Papers changed in place as older digests loaded are looked for once, when the library is whole.
      this.#growing = this.#growing.grow(model.papers, appended ? from : 0, model.loading === null);
      this.#engine = this.#growing;
    }
    if (this.#growing && this.#query.trim() !== '') {
      // The search answered from fewer papers: answered again from all read so far (only the new
      // papers are scanned). The paper the user moved to stays selected, else the new best one.
      this.#growBefore(from, appended);
      // Not at every growth: each new list costs a frame of new rows (~25-40 ms on a loaded 2-core
      // machine), which the load waits for. At most every GROWN_RESULTS_MS, and once the papers read
      // grew by half since the last answer (an answer from 10% more papers changes little): about
      // ten answers over a 100,000-paper load. The header's count stays the list's until then.
      const due =
        model.loading === null ||
        (this.#now() - this.#builtAt >= GROWN_RESULTS_MS && model.papers.length >= this.#builtOver * GROWN_RESULTS_FACTOR);
      if (!this.#stale && due) this.rebuild(model.nav.cursor === 0 ? { first: true } : { keep: model.selected });
      return;
    }
    // New papers go after those listed in the library's own order; any other order is made afresh.
    if (appended && model.order === 'newest') {
      model.list = growView(model.list, model.papers, from, marks, model.view);
      // Every index the reader holds still points at the same paper.
      model.navigate({ type: 'listGrew', count: model.list.papers.length });
      if (this.#before?.query === '') this.#before = { ...this.#before, list: growView(this.#before.list, model.papers, from, marks, model.view) };
      return;
    }
    const selected = model.selected;
    const list = model.viewList();
    const at = selected ? list.papers.findIndex((p) => p.id === selected.id) : -1;
    model.setList(list, at >= 0 ? at : 0);
    this.#anchor = model.nav.cursor;
    if (this.#before) this.#before = { ...this.#before, list, cursor: 0, top: 0, selected: undefined };
  }
}
