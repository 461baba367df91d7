import type { LineState } from '../reader/line-edit.js';
import { displayWidth, sanitize, truncate } from '../terminal/text.js';
import type { Styled } from './segments.js';
import type { Theme } from './theme.js';

/**
 * The search line's pieces: "/" and the text, the cursor as an inverse cell, scrolled sideways so
 * the cursor stays in view when the query is longer than the room. Drawn inside the footer.
 */
export function searchLineSegments(state: LineState, room: number, theme: Theme): Styled[] {
  const before = sanitize(state.text.slice(0, state.cursor));
  const under = [...state.text.slice(state.cursor)][0];
  const after = sanitize(state.text.slice(state.cursor + (under?.length ?? 0)));
  const cursor = under === undefined ? ' ' : sanitize(under) || ' ';
  const space = Math.max(1, room - 1 - displayWidth(cursor));
  // Keep the end of what precedes the cursor when it does not fit.
  let shown = before;
  while (displayWidth(shown) > space) shown = [...shown].slice(1).join('');
  return [
    { text: '/', style: theme.key },
    { text: shown, style: {} },
    { text: cursor, style: { inverse: true } },
    { text: truncate(after, Math.max(0, space - displayWidth(shown))), style: {} },
  ];
}
