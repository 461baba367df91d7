import { keysFor } from '../reader/keymap.js';
import { MIN_COLS, MIN_ROWS } from '../reader/layout.js';
import { displayWidth, wrap } from '../text.js';

/** Shown instead of the panes when the terminal is below the minimum, centred; every key but q / Ctrl-C waits. */
export function tooSmallLines(cols: number, rows: number, height: number): string[] {
  const text = `Terminal too small (${cols}×${rows}). paperterm needs ${MIN_COLS}×${MIN_ROWS}: enlarge it, or press ${keysFor('too-small', 'quit', 1)} to quit.`;
  const lines = wrap(text, Math.max(1, cols - 2)).slice(0, height);
  const above = Math.floor((height - lines.length) / 2);
  const out: string[] = Array.from({ length: above }, () => ' ');
  for (const l of lines) out.push(' '.repeat(Math.max(0, Math.floor((cols - displayWidth(l)) / 2))) + l);
  while (out.length < height) out.push(' ');
  return out;
}
