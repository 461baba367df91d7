/**
 * Every escape sequence the reader writes, by name: the one place to look up what goes to the
 * terminal besides text and the SGR styles Ink puts in its frames.
 */
const ESC = '\u001b';
const CSI = `${ESC}[`;

/** The alternate screen: the shell's screen is kept and comes back untouched on exit. */
export const ENTER_ALT_SCREEN = `${CSI}?1049h`;
export const LEAVE_ALT_SCREEN = `${CSI}?1049l`;
export const HIDE_CURSOR = `${CSI}?25l`;
export const SHOW_CURSOR = `${CSI}?25h`;
/** Bracketed paste: a paste arrives between PASTE_START and PASTE_END, so it can be told from typing. */
export const ENABLE_BRACKETED_PASTE = `${CSI}?2004h`;
export const DISABLE_BRACKETED_PASTE = `${CSI}?2004l`;
export const PASTE_START = `${CSI}200~`;
export const PASTE_END = `${CSI}201~`;
/**
 * Mouse reporting: button presses, releases and the wheel (1000), reported as SGR (1006: any column,
 * press and release told apart). Never motion (1002/1003): with only buttons asked for, terminals
 * keep Shift-drag selection for the user.
 */
export const ENABLE_MOUSE = `${CSI}?1000h${CSI}?1006h`;
export const DISABLE_MOUSE = `${CSI}?1006l${CSI}?1000l`;
/** Synchronized output: the terminal shows a frame's changes at once, never half of them. */
export const BEGIN_SYNC = `${CSI}?2026h`;
export const END_SYNC = `${CSI}?2026l`;
/** Clears the screen and homes the cursor. */
export const CLEAR_SCREEN = `${CSI}2J${CSI}H`;
/** Back to the default style. */
export const RESET_STYLE = `${CSI}m`;
/** Erases from the cursor to the end of its line. */
export const ERASE_TO_EOL = `${CSI}K`;

/** Cursor to row y, column x (0-based). */
export function cursorTo(y: number, x: number): string {
  return x === 0 ? `${CSI}${y + 1}H` : `${CSI}${y + 1};${x + 1}H`;
}

/** Cursor to column x (0-based) of its row. */
export function cursorColumn(x: number): string {
  return `${CSI}${x + 1}G`;
}

/** Cursor n columns right. */
export function cursorForward(n: number): string {
  return `${CSI}${n}C`;
}

/** An SGR sequence with these parameters ('' resets). */
export function sgr(params: string): string {
  return `${CSI}${params}m`;
}

/**
 * Moves rows top..bottom (0-based, inclusive) up by `n` (down when negative) inside a scroll
 * region; the rows that come in are blank. The region is reset afterwards.
 */
export function scrollRows(top: number, bottom: number, n: number): string {
  const region = `${CSI}${top + 1};${bottom + 1}r`;
  const moves = n > 0 ? `${CSI}${bottom + 1}H${`${ESC}D`.repeat(n)}` : `${CSI}${top + 1}H${`${ESC}M`.repeat(-n)}`;
  return `${region}${moves}${CSI}r`;
}

/** Erases the cursor's line and goes to its start. */
export const ERASE_LINE = `\r${CSI}2K`;

/**
 * What the reader switches on when it takes the terminal (left again by LEAVE). First it erases the
 * shell's current line: keys typed between the command's Enter and raw mode were echoed there by
 * the terminal (the reader reads them all the same), and would otherwise still show after it quits.
 */
export const ENTER = ERASE_LINE + ENTER_ALT_SCREEN + HIDE_CURSOR + ENABLE_BRACKETED_PASTE + CLEAR_SCREEN;
/** What gives the shell its terminal back: every mode ENTER set, undone. */
export const LEAVE = RESET_STYLE + DISABLE_BRACKETED_PASTE + SHOW_CURSOR + LEAVE_ALT_SCREEN;
