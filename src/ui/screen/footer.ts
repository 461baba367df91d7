import type { TextProps } from 'ink';
import { footerHints, keysFor, type Mode } from '../reader/keymap.js';
import type { LineState } from '../reader/line-edit.js';
import type { Status } from '../reader/session.js';
import type { Theme } from '../theme.js';
import { displayWidth, fitSegments, sanitize, truncate, type Segment } from '../text.js';
import { line } from './ansi.js';

export interface FooterInfo {
  mode: Mode;
  width: number;
  /** Shown on the far right (the detail's scroll position). */
  right: string;
  /** The search line, drawn here while it is open. */
  line: LineState | undefined;
  /** A y/n question, drawn here while it is asked. */
  confirm: string | undefined;
  /** The last message (until the next key). */
  status: Status | undefined;
  theme: Theme;
}

/** Hints as "key label" pairs, as many as fit in `room` columns, most useful first. */
function hints(mode: Mode, room: number, theme: Theme): Segment<TextProps>[] {
  const segments: Segment<TextProps>[] = [];
  let used = 0;
  for (const hint of footerHints(mode)) {
    const w = 1 + displayWidth(hint.keys) + 1 + displayWidth(hint.label) + 1;
    if (used + w > room) break;
    segments.push({ text: ` ${hint.keys}`, style: theme.key }, { text: ` ${hint.label} `, style: theme.hint });
    used += w;
  }
  return segments;
}

/**
 * The search line: "/" and the text, the cursor as an inverse cell, scrolled sideways so the
 * cursor stays in view when the query is longer than the room.
 */
function searchLine(state: LineState, room: number, theme: Theme): Segment<TextProps>[] {
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

/** The bottom line: key hints, or the search line, a y/n question or a message. */
export function footerLine(p: FooterInfo): string {
  const room = p.width - displayWidth(p.right);
  let left: Segment<TextProps>[];
  if (p.confirm !== undefined) {
    left = [
      { text: ` ${p.confirm} `, style: p.theme.warning },
      { text: `${keysFor('confirm', 'confirmYes', 1)}/${keysFor('confirm', 'confirmNo', 1)}`, style: p.theme.key },
    ];
  } else if (p.line) {
    const tail = hints('search', Math.floor(room / 2), p.theme);
    const tailWidth = tail.reduce((n, s) => n + displayWidth(s.text), 0);
    left = [...fitSegments(searchLine(p.line, room - tailWidth, p.theme), room - tailWidth, {}), ...tail];
  } else if (p.status) {
    left = [{ text: ` ${sanitize(p.status.text)}`, style: p.status.warning ? p.theme.warning : p.theme.hint }];
  } else {
    left = hints(p.mode, room, p.theme);
  }
  return line([...fitSegments(left, room, {}), { text: p.right, style: p.theme.hint }]);
}
