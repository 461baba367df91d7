/** Where each part of the screen goes for a terminal size. Pure: the reducer and the views share it. */

/** Side by side from this width on; stacked (list above detail) below it. */
export const SPLIT_MIN_COLS = 100;
/** Below either of these the reader shows a "terminal too small" notice instead of panes. */
export const MIN_COLS = 40;
export const MIN_ROWS = 10;


export interface Pane {
  width: number;
  height: number;
}

export type Layout =
  | { kind: 'too-small'; cols: number; rows: number; height: number }
  | {
      kind: 'split' | 'stacked';
      cols: number;
      rows: number;
      /** Lines Ink draws, the whole screen: header + body + footer (see ink-stdout.ts). */
      height: number;
      list: Pane;
      detail: Pane;
    };

export function computeLayout(cols: number, rows: number): Layout {
  const height = Math.max(1, rows);
  if (cols < MIN_COLS || rows < MIN_ROWS) return { kind: 'too-small', cols, rows, height };
  const body = height - 2; // header and footer
  if (cols >= SPLIT_MIN_COLS) {
    const listWidth = Math.floor((cols - 1) * 0.45);
    return {
      kind: 'split',
      cols,
      rows,
      height,
      list: { width: listWidth, height: body },
      detail: { width: cols - 1 - listWidth, height: body },
    };
  }
  const panes = body - 1; // the rule between list and detail
  const listHeight = Math.max(3, Math.round(panes * 0.4));
  return {
    kind: 'stacked',
    cols,
    rows,
    height,
    // The last column stays empty on full-width rows: a line that fills it leaves the terminal in
    // its pending-wrap state, where xterm's erase-to-end-of-line (which Ink sends) eats that cell.
    list: { width: cols - 1, height: listHeight },
    detail: { width: cols, height: panes - listHeight },
  };
}

/** The pane a screen cell (0-based column x, row y) is in, and its row inside that pane. */
export type PaneHit = { pane: 'list' | 'detail'; row: number } | undefined;

/**
 * Hit-testing for the mouse, from the same geometry the view draws: the header is row 0, the body
 * starts on row 1 (split: list, a one-column rule, detail; stacked: list, a one-row rule, detail),
 * the footer is the last row. Rules, header and footer are no pane.
 */
export function paneAt(layout: Layout, x: number, y: number): PaneHit {
  if (layout.kind === 'too-small') return undefined;
  const body = y - 1;
  if (body < 0 || x < 0 || x >= layout.cols) return undefined;
  if (layout.kind === 'split') {
    if (body >= layout.list.height) return undefined;
    if (x < layout.list.width) return { pane: 'list', row: body };
    if (x > layout.list.width) return { pane: 'detail', row: body };
    return undefined;
  }
  if (body < layout.list.height) return { pane: 'list', row: body };
  const row = body - layout.list.height - 1;
  if (row >= 0 && row < layout.detail.height) return { pane: 'detail', row };
  return undefined;
}
