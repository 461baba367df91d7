import type { Paper } from '../../core/types.js';
import type { ApplyResult, StateWarning } from '../../state/store.js';
import type { MarkEdit, MarkMap } from '../../state/types.js';
import type { DayInfo } from './days.js';
import type { Mode } from './key/bindings.js';
import type { VisibleList } from './library-view.js';
import type { LineState } from './line-edit.js';
import type { PaperMarks } from './marks.js';
import type { ReaderState } from './navigation.js';
import type { Order } from './order.js';
import type { View } from './views.js';

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
  /** The order of the view's papers (S; order.orderLabel words it); a search's matches are best first. */
  order: Order;
  /** The digest day shown ([ and ]), with its place among the days and its counts; undefined in other views. */
  day: DayInfo | undefined;
  /** The date to show beside a paper: in a single-digest view that digest's, else the paper's newest. */
  dateOf: (paper: Paper) => string | undefined;
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
   * The clock searches are timed with (ms). A search that took little runs with the next keys that
   * change the query, in the same turn (one frame per keystroke); a slower one runs off the key
   * path as `schedule` says. Default: performance.now.
   */
  now?: () => number;
  /**
   * While moves come less than this many ms apart (a key held down), the detail pane keeps the
   * paper it shows and follows the selection this long after the last move: a held j over SSH then
   * sends the list rows per move and one abstract at the end, not an abstract (~2 KB) per move.
   * A move after a pause shows its paper at once. 0 (the default) never holds.
   */
  holdDetailMs?: number;
}

/** A library update while it loads (see ReaderSession.libraryGrew). */
export interface LibraryUpdate {
  papers: readonly Paper[];
  dates: readonly string[];
  loading: number | null;
  notice?: string | undefined;
}
