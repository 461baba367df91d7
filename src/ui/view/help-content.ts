import { helpSections, keysFor } from '../reader/keymap.js';
import { displayWidth, fit, fitSegments, type Segment } from '../terminal/text.js';
import type { Style } from './style.js';
import type { Theme } from './theme.js';

/** Fewest columns between the start of a section's keys and its help texts. */
const KEY_GAP = 2;
/** Two sections side by side from this inner width on, one column below it. */
const TWO_COLUMNS = 64;

export type HelpLine = Segment<Style>[];

/** A section's lines: its keys in a column as wide as its widest keys, so the help texts keep the rest (whole at 80 columns). */
function sectionLines(theme: Theme, section: ReturnType<typeof helpSections>[number], width: number): HelpLine[] {
  const keys = Math.max(...section.entries.map((e) => displayWidth(e.keys)));
  const help = Math.max(...section.entries.map((e) => displayWidth(e.help)));
  // Two spaces after the keys, or one where the longest help text would not fit otherwise.
  const keyCol = Math.max(keys + 1, Math.min(keys + KEY_GAP, width - help));
  return [
    [{ text: fit(section.title, width), style: theme.heading }],
    ...section.entries.map((e) => fitSegments<Style>([{ text: fit(e.keys, keyCol), style: theme.key }, { text: e.help, style: {} }], width, {})),
  ];
}

/**
 * Every documented key, generated from the keymap. Lines for a width; cached by the caller. Sections
 * go two side by side (List beside Detail, Marks beside Views…) when there is room, else one under
 * the other.
 */
export function helpContent(theme: Theme, width: number): HelpLine[] {
  const two = width >= TWO_COLUMNS;
  const colWidth = two ? Math.floor((width - 2) / 2) : width;
  const sections = helpSections()
    .filter((s) => s.entries.length > 0)
    .map((s) => sectionLines(theme, s, colWidth));
  const out: HelpLine[] = [];
  const step = two ? 2 : 1;
  for (let i = 0; i < sections.length; i += step) {
    if (i > 0) out.push([]);
    const left = sections[i]!;
    const right = two ? (sections[i + 1] ?? []) : [];
    for (let r = 0; r < Math.max(left.length, right.length); r++) {
      const l = left[r] ?? [{ text: ' '.repeat(colWidth), style: {} }];
      out.push(two ? [...l, { text: '  ', style: {} }, ...(right[r] ?? [])] : l);
    }
  }
  return out.map((l) => fitSegments(l, width, {}));
}
