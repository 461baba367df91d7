import type { Command, Mode } from './key/bindings.js';
import { computeLayout, type Layout } from './layout.js';

/**
 * Everything the reader's screen depends on besides the papers themselves. Changed only by
 * `reduce`, which is pure: every key and resize goes through it, so it is what the unit tests drive.
 */
export interface ReaderState {
  cols: number;
  rows: number;
  /** Papers in the current view. */
  count: number;
  /** Index of the selected paper in the view (0 when the view is empty). */
  cursor: number;
  /** Index of the first paper drawn in the list pane. */
  top: number;
  focus: 'list' | 'detail';
  /** First line of the selected paper's detail shown in the detail pane. */
  detailTop: number;
  help: boolean;
  helpTop: number;
}

export type ReaderAction =
  | { type: 'resize'; cols: number; rows: number }
  /**
   * A key's command. `detailLines` / `helpLines` are how many lines the detail of the selected paper
   * and the help overlay take at the current width: scrolling stops at their end.
   */
  | { type: 'command'; command: Command; detailLines: number; helpLines: number }
  /**
   * The view's papers changed (a search, a filter); keeps `cursor` when given, else the old index,
   * and the list's scroll at `top` when given, else where it was. The detail starts at its top, or
   * at `detailTop` when given (the same paper stays selected).
   */
  | { type: 'listChanged'; count: number; cursor?: number; top?: number; detailTop?: number }
  /** Papers were appended to the list (more of a search fetched, more of the library read): nothing shown moves. */
  | { type: 'listGrew'; count: number }
  /** Selects the paper at `cursor` (n and p: the next unread paper), scrolling only as far as needed. */
  | { type: 'select'; cursor: number }
  /** Gives a pane the focus (the search line works on the list); the detail only when there is a paper. */
  | { type: 'focus'; focus: 'list' | 'detail' }
  /**
   * The mouse wheel over a pane, whichever has the focus: the list moves its selection by `delta`
   * (as j / k do), the detail and the help scroll by `delta` lines of their `lines`.
   */
  | { type: 'wheel'; pane: 'list' | 'detail' | 'help'; delta: number; lines: number };

export function initialState(cols: number, rows: number, count: number): ReaderState {
  return { cols, rows, count, cursor: 0, top: 0, focus: 'list', detailTop: 0, help: false, helpTop: 0 };
}

export function modeOf(state: ReaderState): Mode {
  if (layoutOf(state).kind === 'too-small') return 'too-small';
  return state.help ? 'help' : state.focus;
}

/** The commands `reduce` handles; dispatch.ts runs the rest (marks, views, search) and the app quit, redraw and suspend. */
export const REDUCED_COMMANDS: ReadonlySet<Command> = new Set<Command>([
  'down',
  'up',
  'top',
  'bottom',
  'pageDown',
  'pageUp',
  'halfPageDown',
  'halfPageUp',
  'focusDetail',
  'focusList',
  'toggleFocus',
  'toggleHelp',
  'closeHelp',
]);

export function layoutOf(state: ReaderState): Layout {
  return computeLayout(state.cols, state.rows);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** Rows of the list pane (and detail pane) for the current size; 1 while the terminal is too small. */
function paneHeights(state: ReaderState): { list: number; detail: number } {
  const layout = layoutOf(state);
  if (layout.kind === 'too-small') return { list: 1, detail: 1 };
  return { list: layout.list.height, detail: layout.detail.height };
}

/** The help overlay's visible rows (it sits inside the body, inside a border). */
export function helpViewHeight(state: ReaderState): number {
  const layout = layoutOf(state);
  return Math.max(1, layout.height - 2 - 2);
}

/** Keeps the cursor inside the list and the list window around the cursor. */
function settleList(state: ReaderState, cursor: number, top: number): ReaderState {
  const h = paneHeights(state).list;
  const last = Math.max(0, state.count - 1);
  const c = clamp(cursor, 0, last);
  let t = clamp(top, 0, Math.max(0, state.count - h));
  if (c < t) t = c;
  if (c >= t + h) t = c - h + 1;
  const moved = c !== state.cursor;
  return { ...state, cursor: c, top: t, detailTop: moved ? 0 : state.detailTop };
}

/** Moves the cursor by `delta` rows and the window by `scroll` rows (paging keeps the cursor's screen row). */
function moveList(state: ReaderState, delta: number, scroll: number): ReaderState {
  return settleList(state, state.cursor + delta, state.top + scroll);
}

/**
 * j / k: one paper down or up. When that leaves the window, the window jumps by half a pane (vim's
 * `scrolljump`, less's half-screen), not by one row: the next paper is shown at once, and a held
 * key scrolls once every half pane instead of on every step. Side by side, a scroll rewrites every
 * list row (the terminal cannot scroll half a screen's width), so scrolling by one row would cost a
 * pane of bytes per key.
 */
function stepList(state: ReaderState, delta: 1 | -1): ReaderState {
  const h = paneHeights(state).list;
  const cursor = clamp(state.cursor + delta, 0, Math.max(0, state.count - 1));
  const jump = Math.max(1, Math.floor(h / 2));
  let top = state.top;
  if (cursor >= top + h) top = cursor - h + jump;
  else if (cursor < top) top = cursor - jump + 1;
  return settleList(state, cursor, top);
}

function scrollTo(top: number, lines: number, height: number): number {
  return clamp(top, 0, Math.max(0, lines - height));
}

function listCommand(state: ReaderState, command: Command): ReaderState {
  const h = paneHeights(state).list;
  const half = Math.max(1, Math.floor(h / 2));
  switch (command) {
    case 'down':
      return stepList(state, 1);
    case 'up':
      return stepList(state, -1);
    case 'top':
      return settleList(state, 0, 0);
    case 'bottom':
      return settleList(state, state.count - 1, state.count);
    case 'pageDown':
      return moveList(state, h, h);
    case 'pageUp':
      return moveList(state, -h, -h);
    case 'halfPageDown':
      return moveList(state, half, half);
    case 'halfPageUp':
      return moveList(state, -half, -half);
    default:
      return state;
  }
}

/** Scrolling commands over a block of `lines` shown `height` at a time, starting at `top`. */
function scrollCommand(command: Command, from: number, lines: number, height: number): number {
  // A resize may have left `from` past the end; start from where the view really is.
  const top = scrollTo(from, lines, height);
  const half = Math.max(1, Math.floor(height / 2));
  const page = Math.max(1, height - 1); // keep one line of context, as less does
  switch (command) {
    case 'down':
      return scrollTo(top + 1, lines, height);
    case 'up':
      return scrollTo(top - 1, lines, height);
    case 'top':
      return 0;
    case 'bottom':
      return scrollTo(lines, lines, height);
    case 'pageDown':
      return scrollTo(top + page, lines, height);
    case 'pageUp':
      return scrollTo(top - page, lines, height);
    case 'halfPageDown':
      return scrollTo(top + half, lines, height);
    case 'halfPageUp':
      return scrollTo(top - half, lines, height);
    default:
      return top;
  }
}

function command(state: ReaderState, cmd: Command, detailLines: number, helpLines: number): ReaderState {
  if (layoutOf(state).kind === 'too-small') return state; // nothing to see: moving blind would surprise
  if (state.help) {
    if (cmd === 'toggleHelp' || cmd === 'closeHelp') return { ...state, help: false };
    return { ...state, helpTop: scrollCommand(cmd, state.helpTop, helpLines, helpViewHeight(state)) };
  }
  switch (cmd) {
    case 'toggleHelp':
      return { ...state, help: true, helpTop: 0 };
    case 'focusDetail':
      return state.count > 0 ? { ...state, focus: 'detail' } : state;
    case 'focusList':
      return { ...state, focus: 'list' };
    case 'toggleFocus':
      return state.focus === 'list' ? command(state, 'focusDetail', detailLines, helpLines) : { ...state, focus: 'list' };
    default:
      break;
  }
  if (state.focus === 'detail') {
    return { ...state, detailTop: scrollCommand(cmd, state.detailTop, detailLines, paneHeights(state).detail) };
  }
  return listCommand(state, cmd);
}

export function reduce(state: ReaderState, action: ReaderAction): ReaderState {
  switch (action.type) {
    case 'resize': {
      if (action.cols === state.cols && action.rows === state.rows) return state;
      const resized = { ...state, cols: action.cols, rows: action.rows };
      // Nothing is drawn while too small: keep the window where it was for when the terminal grows.
      if (layoutOf(resized).kind === 'too-small') return resized;
      // Keep the selection in view; the detail keeps its scroll (clamped when drawn, as the width changes wrapping).
      return { ...settleList(resized, resized.cursor, resized.top), detailTop: state.detailTop };
    }
    case 'command':
      return command(state, action.command, action.detailLines, action.helpLines);
    case 'listChanged': {
      const next = { ...state, count: action.count, focus: action.count === 0 ? ('list' as const) : state.focus };
      return { ...settleList(next, action.cursor ?? state.cursor, action.top ?? state.top), detailTop: action.detailTop ?? 0 };
    }
    case 'listGrew':
      return action.count === state.count ? state : settleList({ ...state, count: action.count }, state.cursor, state.top);
    case 'select':
      return settleList(state, action.cursor, state.top);
    case 'wheel':
      if (layoutOf(state).kind === 'too-small') return state;
      if (action.pane === 'help') return { ...state, helpTop: scrollTo(scrollTo(state.helpTop, action.lines, helpViewHeight(state)) + action.delta, action.lines, helpViewHeight(state)) };
      if (action.pane === 'detail') {
        const h = paneHeights(state).detail;
        return { ...state, detailTop: scrollTo(scrollTo(state.detailTop, action.lines, h) + action.delta, action.lines, h) };
      }
      return moveList(state, action.delta, 0);
    case 'focus':
      if (action.focus === state.focus || (action.focus === 'detail' && state.count === 0)) return state;
      return { ...state, focus: action.focus };
  }
}
