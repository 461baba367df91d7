import type { Paper } from '../../core/types.js';
import type { createSearchEngineAsync, SearchEngine, SearchResult } from '../../search/engine.js';
import type { ApplyResult, StateWarning } from '../../state/store.js';
import type { MarkEdit, MarkField, MarkMap } from '../../state/types.js';
import { commandFor, type Command, type Mode } from './keymap.js';
import { extendForSearch, growView, listForSearch, listForView, unreadIds, viewSize, type VisibleList } from './library-view.js';
import { editLine, insertText, lineOf, typedText, type LineState } from './line-edit.js';
import { paperMarks, type PaperMarks } from './marks.js';
import { initialState, layoutOf, modeOf, reduce, REDUCED_COMMANDS, type ReaderState } from './navigation.js';
import { popUndo, pushUndo, type UndoStack } from './undo.js';
import { ALL, nextDateView, sameView, type View } from './views.js';

/** The part of the state store the reader uses (StateStore has it all). */
export interface MarkStore {
  readonly marks: MarkMap;
  /** False while marks cannot be written (they are kept in memory). */
  readonly saving: boolean;
  apply(edits: readonly MarkEdit[]): ApplyResult;
  refresh(): MarkMap;
  takeWarnings(): StateWarning[];
}

/** Sizes only the renderer knows: how many lines the detail of a paper and the help take now. */
export interface Measure {
  detailLines(paper: Paper | undefined, nav: ReaderState): number;
  helpLines(nav: ReaderState): number;
}

/** What the terminal has to do after keys: the session itself never touches it. */
export type Effect = 'quit' | 'redraw' | 'suspend';

export interface Status {
  text: string;
  warning: boolean;
}

/** Everything a frame is drawn from. A new object after every change, the same one until then. */
export interface SessionSnapshot {
  nav: ReaderState;
  mode: Mode;
  list: VisibleList;
  /**
   * The paper whose detail is shown: the selected one, except while a key held down moves the
   * selection (see SessionOptions.holdDetailMs).
   */
  detail: Paper | undefined;
  view: View;
  /** The search the list is (or is about to be) narrowed by; '' for none. */
  query: string;
  /** The search line, while it is open. */
  line: LineState | undefined;
  /** The search index is still being built: results come when it is ready. */
  indexing: boolean;
  /** The y/n question being asked, e.g. "Mark 12 papers read?". */
  confirm: string | undefined;
  status: Status | undefined;
  marks: PaperMarks;
  /** False while marks cannot be saved. */
  saving: boolean;
  /** Papers loaded in all. */
  total: number;
  /** Share of the library read while it is still loading (see libraryGrew); null once it is all in. */
  loading: number | null;
}

export interface SessionOptions {
  /** The whole library, in library order. */
  papers: readonly Paper[];
  /** Digest labels, newest first (views.digestDates). */
  dates: readonly string[];
  store: MarkStore;
  cols: number;
  rows: number;
  /** Start with this search applied (paperterm --query). */
  query?: string;
  /** Problems found while loading, shown in the status line (the first one, and how many). */
  notices?: readonly string[];
  /** The library is still being read, this share of it so far: more comes through libraryGrew. */
  loading?: number;
  /**
   * Runs a search later, off the key path. Keys that arrive meanwhile only change the query, so a
   * burst of typing costs one search, for its last state. Default: setImmediate (after pending I/O).
   */
  schedule?: (run: () => void) => void;
  /**
   * While moves come less than this many ms apart (a key held down), the detail pane keeps the
   * paper it shows and follows the selection this long after the last move: a held j over SSH then
   * sends the list rows per move and one abstract at the end, not an abstract (~2 KB) per move.
   * A move after a pause shows its paper at once. 0 (the default) never holds.
   */
  holdDetailMs?: number;
}

/** Fewest results fetched per search; more when the screen is tall (see fetchLimit). */
const MIN_FETCH = 100;
/** Fetch again when the selection gets within this many screens of the end of what was fetched. */
const FETCH_AHEAD_SCREENS = 2;
/**
 * Bounds on one key's fetching: hits at most this many, or this many times what was fetched.
 * Ranking 1,600 hits costs ~50–130 ms at 100,000 papers; ranking every match of a broad query 1–2 s.
 */
const FETCH_STEP_MAX = 1600;
const FETCH_GROWTH = 4;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first of several messages, and how many more there are. */
function summarize(messages: readonly string[]): string {
  const [first] = messages;
  return messages.length > 1 ? `${first} (+${messages.length - 1} more)` : (first ?? '');
}

/**
 * One reader session: the library, the marks store, the search engine, and the reader state
 * (selection, view, search line, undo steps). Plain TypeScript; the Ink app only feeds it keys and
 * sizes and draws its snapshots.
 *
 * Behaviour worth knowing:
 * - A paper that leaves the view because it was marked (read in the unread view, unstarred in the
 *   starred view) stays in the list until the list is rebuilt: the view is chosen again (1/2/3/d),
 *   the search changes, or the search is cleared. Nothing jumps away from under the cursor, and u
 *   can take the mark back in place.
 * - Typing in the search line changes the line at once; the search runs later for the newest text.
 */
export class ReaderSession {
  #papers: readonly Paper[];
  #dates: readonly string[];
  readonly #store: MarkStore;
  readonly #loaded: Set<string>;
  #loading: number | null;
  /** The loading problems last shown (libraryGrew shows new ones). */
  #notice: string | undefined;
  readonly #schedule: (run: () => void) => void;
  readonly #listeners = new Set<() => void>();

  #nav: ReaderState;
  #view: View = ALL;
  #query = '';
  #line: LineState | undefined;
  /** Where the search line was opened from: Esc goes back there. */
  #before: { query: string; list: VisibleList; cursor: number; top: number; selected: Paper | undefined } | undefined;
  #list: VisibleList;
  /** The search behind the current list, and how many hits it fetched. */
  #result: SearchResult | undefined;
  #engine: SearchEngine | undefined;
  #building: AbortController | undefined;
  /** The query changed since the list was last built for it. */
  #stale = false;
  #scheduled = false;
  #confirm: { ids: string[]; text: string } | undefined;
  #status: Status | undefined;
  #undo: UndoStack = [];
  #marksOf: { map: MarkMap; marks: PaperMarks } | undefined;
  #sizeOf: { view: View; map: MarkMap; size: number } | undefined;
  #snapshot: SessionSnapshot | undefined;
  #disposed = false;
  readonly #holdMs: number;
  /** When keys last moved the selection (performance.now()). */
  #movedAt = -Infinity;
  /** The detail kept on screen while moves repeat, for the list it was shown in. */
  #hold: { paper: Paper | undefined; list: VisibleList; timer: NodeJS.Timeout } | undefined;

  constructor(options: SessionOptions) {
    this.#papers = options.papers;
    this.#dates = options.dates;
    this.#loading = options.loading ?? null;
    this.#store = options.store;
    this.#loaded = new Set(options.papers.map((p) => p.id));
    this.#schedule = options.schedule ?? ((run) => void setImmediate(run));
    this.#holdMs = options.holdDetailMs ?? 0;
    this.#list = listForView(this.papers, this.#store.marks, this.#view);
    this.#nav = initialState(options.cols, options.rows, this.#list.papers.length);
    this.#notice = options.notices?.[0];
    const notices = [...(options.notices ?? []), ...this.#store.takeWarnings().map((w) => w.message)];
    if (notices.length > 0) this.#status = { text: summarize(notices), warning: true };
    if (options.query?.trim()) {
      this.#query = options.query;
      this.#requestSearch();
    }
  }

  // ── for the renderer ──────────────────────────────────────────────────────────────────────────

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => {
    this.#snapshot ??= {
      nav: this.#nav,
      mode: this.#mode(),
      list: this.#list,
      detail: this.#hold?.list === this.#list ? this.#hold.paper : this.selected,
      view: this.#view,
      query: this.#query,
      line: this.#line,
      indexing: this.#stale && !this.#engine && this.#query.trim() !== '',
      confirm: this.#confirm?.text,
      status: this.#status,
      marks: this.#marks(),
      saving: this.#store.saving,
      total: this.papers.length,
      loading: this.#loading,
    };
    return this.#snapshot;
  };

  /** The whole library, in library order (a new array when it grew). */
  get papers(): readonly Paper[] {
    return this.#papers;
  }

  /** The paper under the cursor, if the list has any. */
  get selected(): Paper | undefined {
    return this.#list.papers[this.#nav.cursor];
  }

  get undoSteps(): number {
    return this.#undo.length;
  }

  resize(cols: number, rows: number): void {
    const next = reduce(this.#nav, { type: 'resize', cols, rows });
    if (next === this.#nav) return;
    this.#nav = next;
    this.#fetchAhead();
    this.#changed();
  }

  /** Applies keys (canonical names from keymap.keyNames) in order; returns what the terminal must do. */
  keys(names: readonly string[], measure: Measure): Effect[] {
    const effects: Effect[] = [];
    const shown = this.getSnapshot().detail;
    const list = this.#list;
    const selected = this.selected;
    for (const name of names) {
      const effect = this.#key(name, measure);
      if (effect) effects.push(effect);
      if (effect === 'quit') break;
    }
    if (this.#list === list && this.selected !== selected) this.#moved(shown);
    else this.#release();
    this.#changed();
    return effects;
  }

  /** Keys moved the selection within the same list: hold the detail if they are repeating. */
  #moved(shown: Paper | undefined): void {
    if (this.#holdMs <= 0) return;
    const now = performance.now();
    const repeating = now - this.#movedAt < this.#holdMs;
    this.#movedAt = now;
    if (!repeating) return this.#release();
    const paper = this.#hold ? this.#hold.paper : shown;
    clearTimeout(this.#hold?.timer);
    const timer = setTimeout(() => {
      this.#hold = undefined;
      this.#changed();
    }, this.#holdMs);
    this.#hold = { paper, list: this.#list, timer };
  }

  #release(): void {
    if (!this.#hold) return;
    clearTimeout(this.#hold.timer);
    this.#hold = undefined;
  }

  // ── the search index ──────────────────────────────────────────────────────────────────────────

  /** Uses a ready engine (built over exactly `papers`); a search waiting for it runs now. */
  attachEngine(engine: SearchEngine): void {
    this.#engine = engine;
    if (this.#stale) this.#requestSearch();
    this.#changed();
  }

  /**
   * Builds the search index a slice at a time between key events, so the reader draws and reads
   * keys while it is built. Call after the first frame is out, and once the library is complete (a
   * search typed while it loads waits for the index, as at startup).
   */
  async buildIndex(build?: typeof createSearchEngineAsync): Promise<void> {
    if (this.#engine || this.#building) return;
    this.#building = new AbortController();
    try {
      // Loaded here, not at startup: the engine and Fuse.js take ~50 ms to load, after the first frame.
      const create = build ?? (await import('../../search/engine.js')).createSearchEngineAsync;
      const engine = await create(this.papers, { signal: this.#building.signal });
      if (!this.#disposed) this.attachEngine(engine);
    } catch (err) {
      if (!this.#disposed) throw err;
    } finally {
      this.#building = undefined;
    }
  }

  /**
   * More of the library was read (it loads newest digest first while the reader runs): papers were
   * appended, and papers already shown may have gained older dates in place. The list grows by the
   * new papers of its view, everything shown stays where it is (selection, scroll, the detail's
   * scroll), and new loading problems become the status line.
   */
  libraryGrew(update: { papers: readonly Paper[]; dates: readonly string[]; loading: number | null; notice?: string | undefined }): void {
    const before = this.#papers;
    const from = before.length;
    this.#papers = update.papers;
    this.#dates = update.dates;
    this.#loading = update.loading;
    // Papers only ever append, unless a digest turned out older than its first lines said and the
    // library was rebuilt: then every list is made afresh.
    const appended = from === 0 || update.papers[from - 1] === before[from - 1];
    if (!appended) this.#loaded.clear();
    for (let i = appended ? from : 0; i < update.papers.length; i++) this.#loaded.add(update.papers[i]!.id);
    this.#marksOf = undefined;
    this.#sizeOf = undefined;
    if (update.notice !== undefined && update.notice !== this.#notice) {
      this.#notice = update.notice;
      this.#status = { text: update.notice, warning: true };
    }
    // Without the index (it is built once the library is complete) every list is a view's.
    if (!this.#engine) {
      const marks = this.#store.marks;
      const selected = this.selected;
      if (appended) {
        this.#list = growView(this.#list, update.papers, from, marks, this.#view);
        // Every index the reader holds still points at the same paper.
        this.#nav = { ...this.#nav, count: this.#list.papers.length };
        if (this.#before?.query === '') this.#before = { ...this.#before, list: growView(this.#before.list, update.papers, from, marks, this.#view) };
      } else {
        const list = listForView(update.papers, marks, this.#view);
        const at = selected ? list.papers.findIndex((p) => p.id === selected.id) : -1;
        this.#setList(list, at >= 0 ? at : 0);
        if (this.#before) this.#before = { ...this.#before, list, cursor: 0, top: 0, selected: undefined };
      }
    }
    this.#changed();
  }

  /** The store's marks or warnings changed outside any key (it finished opening): show them. */
  marksChanged(): void {
    this.#takeWarnings();
    this.#changed();
  }

  dispose(): void {
    this.#disposed = true;
    this.#release();
    this.#building?.abort();
    this.#listeners.clear();
  }

  // ── keys ──────────────────────────────────────────────────────────────────────────────────────

  #mode(): Mode {
    const nav = modeOf(this.#nav);
    if (nav === 'too-small') return nav;
    if (this.#confirm) return 'confirm';
    if (this.#line) return 'search';
    return nav;
  }

  #key(name: string, measure: Measure): Effect | undefined {
    const mode = this.#mode();
    const command = commandFor(mode, name);
    if (command === 'quit' || command === 'redraw' || command === 'suspend') return command;
    if (mode === 'confirm') {
      const asked = this.#confirm!;
      this.#confirm = undefined;
      if (command === 'confirmYes') this.#markAllRead(asked.ids);
      else this.#status = { text: 'Nothing marked', warning: false };
      return undefined;
    }
    this.#status = undefined;
    if (mode === 'search' && command === undefined) {
      const typed = typedText(name);
      if (typed !== undefined) this.#edit(insertText(this.#line!, typed));
      return undefined;
    }
    if (command !== undefined) this.#command(command, measure);
    return undefined;
  }

  #command(command: Command, measure: Measure): void {
    const paper = this.selected;
    switch (command) {
      case 'toggleRead':
        if (paper) this.#mark(paper, 'read', !this.#isRead(paper));
        return;
      case 'toggleStar':
        if (paper) this.#mark(paper, 'starred', !this.#store.marks.get(paper.id)?.starred);
        return;
      case 'markUnread':
        if (paper) this.#mark(paper, 'read', false);
        return;
      case 'markAllRead':
        this.#askMarkAllRead();
        return;
      case 'undo':
        this.#undoLast();
        return;
      case 'viewAll':
        return this.#setView(ALL);
      case 'viewUnread':
        return this.#setView({ kind: 'unread' });
      case 'viewStarred':
        return this.#setView({ kind: 'starred' });
      case 'viewNextDate':
        return this.#setView(nextDateView(this.#view, this.#dates));
      case 'openSearch':
        return this.#openSearch();
      case 'clearSearch':
        if (this.#query) this.#showQuery('', { keep: this.selected });
        return;
      case 'searchSubmit':
        this.#line = undefined;
        this.#before = undefined;
        return;
      case 'searchCancel':
        return this.#cancelSearch();
      case 'cursorLeft':
      case 'cursorRight':
      case 'lineStart':
      case 'lineEnd':
      case 'deleteBack':
      case 'deleteForward':
      case 'deleteWord':
      case 'clearLine':
        if (this.#line) this.#edit(editLine(this.#line, command));
        return;
      default:
        if (REDUCED_COMMANDS.has(command)) this.#navigate(command, measure);
    }
  }

  #navigate(command: Command, measure: Measure): void {
    if (command === 'bottom' && this.#nav.focus === 'list' && !this.#nav.help) this.#fetch(Infinity);
    const before = this.#nav;
    const mode = modeOf(before);
    this.#nav = reduce(before, {
      type: 'command',
      command,
      detailLines: mode === 'detail' ? measure.detailLines(this.selected, before) : 0,
      helpLines: mode === 'help' ? measure.helpLines(before) : 0,
    });
    if (before.focus === 'list' && this.#nav.focus === 'detail' && this.selected) {
      // Opening a paper is reading it.
      this.#mark(this.selected, 'read', true, 'opened a paper (marked read)');
    }
    this.#fetchAhead();
  }

  // ── marks ─────────────────────────────────────────────────────────────────────────────────────

  #isRead(paper: Paper): boolean {
    return this.#store.marks.get(paper.id)?.read ?? false;
  }

  #mark(paper: Paper, field: MarkField, value: boolean, what?: string): void {
    const label = what ?? (field === 'read' ? (value ? 'marked read' : 'marked unread') : value ? 'starred' : 'unstarred');
    this.#apply([{ id: paper.id, field, value }], label);
  }

  #apply(edits: readonly MarkEdit[], what: string): ApplyResult {
    const result = this.#store.apply(edits);
    this.#undo = pushUndo(this.#undo, { edits: result.undo, what });
    this.#takeWarnings();
    return result;
  }

  #askMarkAllRead(): void {
    this.#fetch(Infinity);
    const marks = this.#marks();
    const ids = unreadIds(this.#list.papers, marks.isUnread);
    if (ids.length === 0) {
      this.#status = { text: 'Every paper here is read already', warning: false };
      return;
    }
    this.#confirm = { ids, text: `Mark ${plural(ids.length, 'paper')} read?` };
  }

  #markAllRead(ids: readonly string[]): void {
    const what = `marked ${plural(ids.length, 'paper')} read`;
    this.#apply(
      ids.map((id) => ({ id, field: 'read' as const, value: true })),
      what,
    );
    // A warning from the store (cannot save) matters more than the confirmation.
    if (!this.#status?.warning) this.#status = { text: `Marked ${plural(ids.length, 'paper')} read · u undoes`, warning: false };
  }

  #undoLast(): void {
    const { entry, rest } = popUndo(this.#undo);
    if (!entry) {
      this.#status = { text: 'Nothing to undo', warning: false };
      return;
    }
    this.#undo = rest;
    this.#store.apply(entry.edits);
    this.#status = { text: `Undone: ${entry.what}`, warning: false };
    this.#takeWarnings();
  }

  /** Store problems (cannot save, a damaged file moved aside) become the status line. */
  #takeWarnings(): void {
    const warnings = this.#store.takeWarnings();
    if (warnings.length > 0) this.#status = { text: summarize(warnings.map((w) => w.message)), warning: true };
  }

  #marks(): PaperMarks {
    const map = this.#store.marks;
    if (this.#marksOf?.map !== map) this.#marksOf = { map, marks: paperMarks(map, this.#loaded) };
    return this.#marksOf.marks;
  }

  // ── views and search ──────────────────────────────────────────────────────────────────────────

  #setView(view: View): void {
    // Choosing a view (again) is when it is rebuilt: pick up marks other paperterm processes saved.
    this.#store.refresh();
    this.#takeWarnings();
    this.#view = view;
    this.#rebuild({ keep: this.selected });
  }

  #openSearch(): void {
    this.#before = { query: this.#query, list: this.#list, cursor: this.#nav.cursor, top: this.#nav.top, selected: this.selected };
    this.#line = lineOf(this.#query);
    if (this.#nav.focus !== 'list') this.#nav = { ...this.#nav, focus: 'list' };
  }

  #cancelSearch(): void {
    const before = this.#before;
    this.#line = undefined;
    this.#before = undefined;
    this.#query = '';
    this.#stale = false;
    if (before && before.query === '') {
      // Exactly the list and place the search started from.
      this.#result = undefined;
      this.#setList(before.list, before.cursor, before.top);
      return;
    }
    this.#showQuery('', { keep: before?.selected });
  }

  #edit(line: LineState): void {
    const changed = line.text !== this.#line?.text;
    this.#line = line;
    if (!changed) return;
    this.#query = line.text;
    this.#requestSearch();
  }

  /** The list must follow `#query`: now if that needs no engine, else on the next turn. */
  #requestSearch(): void {
    this.#stale = true;
    if (this.#scheduled) return;
    if (this.#query.trim() !== '' && !this.#engine) return; // attachEngine runs it
    this.#scheduled = true;
    this.#schedule(() => {
      this.#scheduled = false;
      if (this.#disposed || !this.#stale) return;
      this.#runSearch();
      this.#changed();
    });
  }

  /** A search's results (or the plain view, for an empty query): the best match is selected. */
  #runSearch(): void {
    this.#stale = false;
    const before = this.#before;
    if (this.#query.trim() === '' && before?.query === '') {
      // The line was emptied again: back to the list and place it was opened from.
      this.#result = undefined;
      this.#setList(before.list, before.cursor, before.top);
      return;
    }
    if (this.#query.trim() === '') this.#showQuery(this.#query, { keep: before?.selected ?? this.selected });
    else this.#showQuery(this.#query, { first: true });
  }

  #showQuery(query: string, select: { keep?: Paper; first?: boolean }): void {
    this.#query = query;
    this.#result = undefined;
    this.#rebuild(select);
  }

  /** Rebuilds the list for the current view and query; the selection stays on `keep` if it is still there. */
  #rebuild(select: { keep?: Paper; first?: boolean }): void {
    const marks = this.#store.marks;
    let list: VisibleList;
    if (this.#query.trim() === '') {
      this.#result = undefined;
      this.#stale = false;
      list = listForView(this.papers, marks, this.#view);
    } else if (!this.#engine) {
      // The index is not ready: keep showing the view until it is (the header says so).
      this.#stale = true;
      list = listForView(this.papers, marks, this.#view);
    } else {
      const limit = Math.max(this.#fetchLimit(0), this.#result?.hits.length ?? 0);
      this.#result = this.#engine.search(this.#query, { limit });
      list = listForSearch(this.papers, marks, this.#view, this.#result, this.#viewSize());
    }
    const kept = select.keep && !select.first ? list.papers.indexOf(select.keep) : -1;
    this.#setList(list, kept >= 0 ? kept : 0);
    this.#fetchAhead();
  }

  #viewSize(): number {
    const map = this.#store.marks;
    const cached = this.#sizeOf;
    if (cached && cached.map === map && sameView(cached.view, this.#view)) return cached.size;
    const size = viewSize(this.papers, map, this.#view);
    this.#sizeOf = { view: this.#view, map, size };
    return size;
  }

  /** How many hits to ask for so that `cursor` and a few screens below it are fetched. */
  #fetchLimit(cursor: number): number {
    const layout = layoutOf(this.#nav);
    const screen = layout.kind === 'too-small' ? 1 : layout.list.height;
    return Math.max(MIN_FETCH, cursor + (FETCH_AHEAD_SCREENS + 1) * screen);
  }

  /**
   * Fetches more of the current search when the selection nears the end of what is fetched. One
   * key asks the engine for at most a few times what it fetched before: in a view that keeps few
   * of the hits (unread, when most papers are read) the list fills over several keys instead of
   * one key ranking every match (seconds at 100,000 papers).
   */
  #fetchAhead(): void {
    if (!this.#list.more || !this.#result) return;
    const layout = layoutOf(this.#nav);
    const screen = layout.kind === 'too-small' ? 1 : layout.list.height;
    if (this.#nav.cursor + FETCH_AHEAD_SCREENS * screen < this.#list.papers.length) return;
    this.#fetch(this.#fetchLimit(this.#nav.cursor), Math.max(FETCH_STEP_MAX, this.#result.hits.length * FETCH_GROWTH));
  }

  /**
   * Makes the list hold at least `want` papers (Infinity: every match, for G and A) by asking the
   * engine for more hits, but never for more than `maxHits`. Selection and scroll stay.
   */
  #fetch(want: number, maxHits = Infinity): void {
    if (!this.#engine || !this.#result) return;
    const marks = this.#store.marks;
    let result = this.#result;
    let list = this.#list;
    while (list.more && list.papers.length < want && result.hits.length < maxHits) {
      let limit = want === Infinity ? Infinity : Math.max(want, result.hits.length * FETCH_GROWTH);
      limit = Math.min(limit, maxHits);
      const next = this.#engine.search(this.#query, { limit: limit >= result.total ? Infinity : limit });
      list = extendForSearch(list, this.papers, marks, this.#view, next);
      result = next;
    }
    if (list === this.#list) return;
    this.#result = result;
    this.#list = list;
    // Selection, scroll and the detail's scroll all stay.
    const nav = reduce(this.#nav, { type: 'listChanged', count: list.papers.length, cursor: this.#nav.cursor });
    this.#nav = { ...nav, detailTop: this.#nav.detailTop };
  }

  #setList(list: VisibleList, cursor: number, top?: number): void {
    this.#list = list;
    const base = top === undefined ? this.#nav : { ...this.#nav, top };
    this.#nav = reduce(base, { type: 'listChanged', count: list.papers.length, cursor });
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
