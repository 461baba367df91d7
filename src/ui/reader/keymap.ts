/**
 * The reader's keys: the table (key/bindings.ts), key to command (key/match.ts), and how keys are
 * written in the help and the footer (key/format.ts), re-exported here; and the decoding of Ink's
 * input events into key names, which stays here until the terminal layer decodes keys itself.
 */

export { BINDINGS, FOOTER_HINTS, MODES, type Binding, type Command, type Mode, type Section } from './key/bindings.js';
export { commandFor } from './key/match.js';
export { footerHints, HELP_ENTRY_WIDTH, HELP_KEYS_WIDTH, helpSections, keyLabel, keysFor, SECTION_ORDER, type HelpEntry } from './key/format.js';

/** The subset of Ink's Key this module reads. */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

const CONTROL_CHARS: Record<string, string> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  ' ': 'space',
  '\u001b': 'escape',
  '\u007f': 'backspace',
  '\b': 'backspace',
};

function charName(ch: string): string {
  const named = CONTROL_CHARS[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  // Ctrl-A … Ctrl-Z arrive as 0x01 … 0x1a.
  if (ch.length === 1 && code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  return ch;
}

/**
 * Canonical key names for one Ink input event. Ink hands over a burst of typed characters (fast
 * typing, or several keys in one read over SSH) as a single string: it is split so each key counts.
 */
export function keyNames(input: string, key: KeyFlags): string[] {
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.pageUp) return ['pageup'];
  if (key.pageDown) return ['pagedown'];
  if (key.home) return ['home'];
  if (key.end) return ['end'];
  if (key.return) return ['enter'];
  if (key.tab) return [key.shift ? 'shift+tab' : 'tab'];
  if (key.backspace) return ['backspace'];
  if (key.delete) return ['delete'];
  if (key.escape && input === '') return ['escape'];
  if (key.ctrl && input.length === 1) return [`ctrl+${input.toLowerCase()}`];
  if (key.meta && input.length > 0) return [`meta+${input}`];
  return [...input].map(charName);
}

