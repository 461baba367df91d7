import type { Command } from './key/bindings.js';

/**
 * The search line's text and cursor. Edited by `editLine`, which is pure: the session applies every
 * key of a burst to the newest line in order, so fast typing and pastes never lose or reorder a key
 * (ink-text-input computes each key from the value of the last render, and drops keys that arrive
 * before React has re-rendered).
 */
export interface LineState {
  text: string;
  /** Index into `text` (UTF-16 units, always on a code point boundary), 0 … text.length. */
  cursor: number;
}

export function lineOf(text: string): LineState {
  return { text, cursor: text.length };
}

/** Inserts typed or pasted text at the cursor. */
export function insertText(line: LineState, typed: string): LineState {
  if (!typed) return line;
  return { text: line.text.slice(0, line.cursor) + typed + line.text.slice(line.cursor), cursor: line.cursor + typed.length };
}

/** Length of the code point before / at `i` (surrogate pairs move as one). */
function before(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  return i >= 2 && low >= 0xdc00 && low <= 0xdfff && isHigh(text.charCodeAt(i - 2)) ? 2 : 1;
}
function at(text: string, i: number): number {
  if (i >= text.length) return 0;
  return isHigh(text.charCodeAt(i)) && i + 1 < text.length ? 2 : 1;
}
function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The start of the word before the cursor, as Ctrl-W in a shell: spaces first, then non-spaces. */
function wordStart(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}

/** Applies one line-editing command; anything else leaves the line as it is. */
export function editLine(line: LineState, command: Command): LineState {
  const { text, cursor } = line;
  switch (command) {
    case 'cursorLeft':
      return { text, cursor: cursor - before(text, cursor) };
    case 'cursorRight':
      return { text, cursor: cursor + at(text, cursor) };
    case 'lineStart':
      return { text, cursor: 0 };
    case 'lineEnd':
      return { text, cursor: text.length };
    case 'deleteBack': {
      const n = before(text, cursor);
      return n ? { text: text.slice(0, cursor - n) + text.slice(cursor), cursor: cursor - n } : line;
    }
    case 'deleteForward': {
      const n = at(text, cursor);
      return n ? { text: text.slice(0, cursor) + text.slice(cursor + n), cursor } : line;
    }
    case 'deleteWord': {
      const start = wordStart(text, cursor);
      return start === cursor ? line : { text: text.slice(0, start) + text.slice(cursor), cursor: start };
    }
    case 'clearLine':
      return cursor === 0 ? line : { text: text.slice(cursor), cursor: 0 };
    default:
      return line;
  }
}

/**
 * What a key name inserts into the line, if it is text: a printable character, or a space.
 * Named keys (Ctrl-x, arrows, Tab) insert nothing.
 */
export function typedText(name: string): string | undefined {
  if (name === 'space') return ' ';
  if ([...name].length !== 1) return undefined;
  return /^\p{Cc}$/u.test(name) ? undefined : name;
}
