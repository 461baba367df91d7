import { footerHints, type Mode } from '../reader/keymap.js';
import type { LineState } from '../reader/line-edit.js';
import type { Status } from '../reader/session.js';
import { displayWidth, fitSegments, sanitize } from '../terminal/text.js';
import { confirmSegments } from './ConfirmPrompt.js';
import { searchLineSegments } from './SearchLine.js';
import { Line, type Styled } from './segments.js';
import type { Style } from './style.js';
import type { Theme } from './theme.js';

export interface FooterProps {
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

/** Hints kept however narrow the terminal: how to get help and how to leave. */
const ALWAYS = new Set(['help', 'quit']);

/**
 * Hints as "key label" pairs in the keymap's order, as many as fit in `room` columns: help and
 * quit first, then the others by importance.
 */
function hints(mode: Mode, room: number, theme: Theme): Styled[] {
  const all = footerHints(mode).map((h) => ({ ...h, width: 1 + displayWidth(h.keys) + 1 + displayWidth(h.label) + 1 }));
  const shown = new Set<(typeof all)[number]>();
  let used = 0;
  for (const pass of [true, false]) {
    for (const h of all) {
      if (ALWAYS.has(h.label) !== pass || shown.has(h)) continue;
      if (used + h.width > room) {
        if (pass) continue;
        break;
      }
      shown.add(h);
      used += h.width;
    }
  }
  return all.filter((h) => shown.has(h)).flatMap((h) => [
    { text: ` ${h.keys}`, style: theme.key },
    { text: ` ${h.label} `, style: theme.hint },
  ]);
}

/** The bottom line: key hints, or the search line, a y/n question or a message. */
export function Footer(p: FooterProps) {
  return <Line segments={footerSegments(p)} />;
}

function footerSegments(p: FooterProps): Styled[] {
  const room = p.width - displayWidth(p.right);
  let left: Styled[];
  if (p.confirm !== undefined) {
    left = confirmSegments(p.confirm, p.theme);
  } else if (p.line) {
    const tail = hints('search', Math.floor(room / 2), p.theme);
    const tailWidth = tail.reduce((n, s) => n + displayWidth(s.text), 0);
    left = [...fitSegments<Style>(searchLineSegments(p.line, room - tailWidth, p.theme), room - tailWidth, {}), ...tail];
  } else if (p.status) {
    left = [{ text: ` ${sanitize(p.status.text)}`, style: p.status.warning ? p.theme.warning : p.theme.hint }];
  } else {
    left = hints(p.mode, room, p.theme);
  }
  return [...fitSegments<Style>(left, room, {}), { text: p.right, style: p.theme.hint }];
}
