import type { Parts } from './dispatch.js';
import { modeNow } from './dispatch.js';
import { paneAt } from './layout.js';
import { layoutOf } from './navigation.js';
import type { Effect, Measure } from './types.js';

/** A mouse report in screen cells (0-based), as the terminal's key decoder gives it. */
export type Pointer = { x: number; y: number } & (
  | { action: 'press' | 'release' | 'drag'; button: 'left' | 'middle' | 'right' | 'none' }
  | { action: 'wheel'; direction: 'up' | 'down' | 'left' | 'right' }
);

/** Rows one notch of the wheel moves, as in most terminal programs (less, vim). */
export const WHEEL_STEP = 3;

/**
 * What the mouse does, hit-tested on the pane geometry the view draws (layout.ts):
 * - the wheel moves the pane under the pointer, whichever has the focus: the list's selection by
 *   three rows (as three j / k), the detail by three lines; with the help up, the help;
 * - a left click on a list row selects its paper and focuses the list; on the selected row it opens
 *   the paper, as Enter does (so it is read);
 * - a left click in the detail focuses it, as Tab does; on a link line it opens that link, as `o`.
 * Other buttons, releases and drags do nothing (no motion is asked of the terminal, so Shift-drag
 * selection stays the terminal's). While a y/n question or the search line is up, the mouse does
 * nothing: the keyboard is being asked for an answer or text. A click on the help closes it.
 */
export function pointerAction(parts: Parts, event: Pointer, measure: Measure): Effect | undefined {
  const { model, marks, search } = parts;
  const mode = modeNow(parts);
  if (mode !== 'list' && mode !== 'detail' && mode !== 'help') return undefined;
  if (event.action === 'wheel') {
    if (event.direction !== 'up' && event.direction !== 'down') return undefined;
    const delta = event.direction === 'down' ? WHEEL_STEP : -WHEEL_STEP;
    if (mode === 'help') {
      model.navigate({ type: 'wheel', pane: 'help', delta, lines: measure.helpLines(model.nav) });
      return undefined;
    }
    const hit = paneAt(layoutOf(model.nav), event.x, event.y);
    if (!hit) return undefined;
    model.status = undefined;
    const lines = hit.pane === 'detail' ? measure.detailLines(model.selected, model.nav) : 0;
    model.navigate({ type: 'wheel', pane: hit.pane, delta, lines });
    search.fetchAhead();
    return undefined;
  }
  if (event.action !== 'press' || event.button !== 'left') return undefined;
  if (mode === 'help') {
    model.navigate({ type: 'command', command: 'closeHelp', detailLines: 0, helpLines: 0 });
    return undefined;
  }
  const layout = layoutOf(model.nav);
  const hit = paneAt(layout, event.x, event.y);
  if (!hit || layout.kind === 'too-small') return undefined;
  const nav = model.nav;
  if (hit.pane === 'list') {
    const index = nav.top + hit.row;
    if (index >= nav.count) return undefined;
    model.status = undefined;
    if (index === nav.cursor) {
      model.navigate({ type: 'focus', focus: 'detail' });
      // Opening a paper is reading it, as with Enter.
      if (nav.focus === 'list' && model.nav.focus === 'detail' && model.selected) marks.opened(model.selected);
      return undefined;
    }
    model.navigate({ type: 'select', cursor: index });
    model.navigate({ type: 'focus', focus: 'list' });
    search.fetchAhead();
    return undefined;
  }
  const paper = model.selected;
  if (!paper) return undefined;
  model.status = undefined;
  model.navigate({ type: 'focus', focus: 'detail' });
  // The line under the pointer: the detail's scroll as the view clamps it.
  const lines = measure.detailLines(paper, model.nav);
  const top = Math.min(model.nav.detailTop, Math.max(0, lines - layout.detail.height));
  const n = measure.linkAt?.(paper, model.nav, top + hit.row);
  const url = n === undefined ? undefined : paper.links[n - 1];
  return url === undefined || n === undefined ? undefined : { kind: 'open', url, n };
}
