import type { Paper } from '../../core/types.js';
import type { AbstractRange } from '../../search/abstract-ranges.js';
import type { ApplyResult, StateWarning } from '../../state/store.js';
import type { MarkEdit, MarkMap } from '../../state/types.js';
import type { DayInfo } from './days.js';
import type { Mode } from './key/bindings.js';
import type { VisibleList } from './library-view.js';
import type { LineState } from './line-edit.js';
import type { CopyEffect, NumberedLink, OpenEffect } from './link-copy.js';
import type { PaperMarks } from './marks.js';
import type { ReaderState } from './navigation.js';
import type { SearchHistory } from './history-walk.js';
import type { SimilarSource } from './similar-list.js';
import type { Order } from './order.js';
import type { DigestDay, View } from './views.js';
import type { IndexCacheSource } from './index-build.js';

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
  /** Which of the paper's links (1 for the first) detail line `line` shows, if it shows one (the mouse opens it). */
  linkAt?(paper: Paper | undefined, nav: ReaderState, line: number): number | undefined;
}

/**
 * What the terminal has to do after keys: the session itself never touches it. The app copies
 * (OSC 52) or opens (the platform's opener, or a copy when the browser is elsewhere) and confirms
 * with ReaderSession.notify.
 */
export type Effect = 'quit' | 'redraw' | 'suspend' | CopyEffect | OpenEffect;

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
  /** The detail paper's links, numbered as o 1–9 chooses them. */
  links: readonly NumberedLink[];
  view: View;
  /** The order of the view's papers (S; order.orderLabel words it); a search's matches are best first. */
  order: Order;
  /** The digest day shown ([ and ]), with its place among the days and its counts; undefined in other views. */
  day: DayInfo | undefined;
  /** The date to show beside a paper: in a single-digest view that digest's, else the paper's newest. */
  dateOf: (paper: Paper) => string | undefined;
  /** Papers new since the reader was last opened (SessionOptions.newIds, and arrivals), for the header. */
  newCount: number;
  /** Whether a paper is new: its row carries a marker. The same function until the new papers change. */
  isNew: (paper: Paper) => boolean;
  /** r: the list shows the papers similar to `to` ("similar to …"); `pending` while they are being found. */
  similar: { to: Paper; pending: boolean } | undefined;
  /** What the search matched in the detail paper's abstract (characters, both ends inclusive), to highlight. */
  abstractRanges: readonly AbstractRange[];
  /** The search the list is (or is about to be) narrowed by; '' for none. */
  query: string;
  /** The search line, while it is open. */
  line: LineState | undefined;
  /** The search index is still being built: results come when it is ready. */
  indexing: boolean;
  /** The search is running: the list is not its answer yet (the previous query's, or the view's). */
  searching: boolean;
  /** The results are a scan's (words verbatim: typos not yet matched); the index's come when it is ready. */
  interim: boolean;
  /** The results are from part of the library: the papers read so far, or those read when the scan stopped following the load. */
  partial: boolean;
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
  /** The digest days, newest first, each once (views.digestDays; core's LibraryLoad.days). */
  days: readonly DigestDay[];
  store: MarkStore;
  cols: number;
  rows: number;
  /**
   * Ids of the papers first seen since the reader was last opened (state/seen.ts recordOpened, which
   * the app calls at open): the "new" marker, the header's count and view 4.
   */
  newIds?: ReadonlySet<string>;
  /** Builds the similar-papers index for r (default: search/similar.ts, imported on the first r). */
  similar?: SimilarSource;
  /** Earlier searches for ↑ / ↓ in the search line (the app's, from the state directory); none without it. */
  history?: SearchHistory;
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
   * The clock searches are timed with (ms). A search that took little runs with the next keys that
   * change the query, in the same turn (one frame per keystroke); a slower one runs off the key
   * path as `schedule` says. Also times "o1" (LinkKeys). Default: performance.now.
   */
  now?: () => number;
  /**
   * While moves come less than this many ms apart (a key held down), the detail pane keeps the
   * paper it shows and follows the selection this long after the last move: a held j over SSH then
   * sends the list rows per move and one abstract at the end, not an abstract (~2 KB) per move.
   * A move after a pause shows its paper at once. 0 (the default) never holds.
   */
  holdDetailMs?: number;
  /**
   * Where the library's search index is cached (indexCacheKey from the cache directory and the
   * digest files, as `paperterm search` keys it), asked for when buildIndex starts. Absent: built.
   */
  searchCache?: IndexCacheSource;
  /**
   * Whether the library's index is likely in the cache (asked once, while a large library loads):
   * then a search while loading follows the load only until it has a screenful of results, and the
   * rest of the answer comes from the cached index once the library is whole (reading it costs less
   * than scanning the remaining papers).
   */
  indexCached?: () => boolean;
  /**
   * The library is read from the library cache: whole in a few hundred ms, its abstracts read when
   * asked for. With its index cached too, a search while loading then stops following the load
   * after its first answer, screen full or not: scanning on would read abstracts only the scan
   * needs and hold up the index's whole answer (~0.4 s at 100,000 papers).
   */
  libraryCached?: boolean;
}

/** A library update while it loads (see ReaderSession.libraryGrew). */
export interface LibraryUpdate {
  papers: readonly Paper[];
  days: readonly DigestDay[];
  loading: number | null;
  notice?: string | undefined;
}
