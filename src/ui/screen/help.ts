import type { TextProps } from 'ink';
import { helpSections, keysFor } from '../reader/keymap.js';
import type { Theme } from '../theme.js';
import { displayWidth, fit, fitSegments, type Segment } from '../text.js';
import { line } from './ansi.js';

const KEY_COL = 14;
/** Two sections side by side from this inner width on, one column below it. */
const TWO_COLUMNS = 64;

export type HelpLine = Segment<TextProps>[];

function sectionLines(theme: Theme, section: ReturnType<typeof helpSections>[number], width: number): HelpLine[] {
  return [
    [{ text: fit(section.title, width), style: theme.heading }],
    ...section.entries.map((e) => fitSegments<TextProps>([{ text: fit(e.keys, KEY_COL), style: theme.key }, { text: e.help, style: {} }], width, {})),
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

export interface HelpBoxInfo {
  lines: readonly HelpLine[];
  top: number;
  width: number;
  height: number;
  theme: Theme;
}

/** The help box over the panes, `height` lines of `width` columns; scrolls (j/k) when the terminal is too short for it. */
export function helpBoxLines(p: HelpBoxInfo): string[] {
  const inner = p.height - 2;
  const visible = p.lines.slice(p.top, p.top + inner);
  const more = p.top + inner < p.lines.length;
  const title = ' Keys ';
  const hint = more ? ` more: ${keysFor('help', 'down')} ` : ` ${keysFor('help', 'closeHelp')} close `;
  const ruleWidth = Math.max(0, p.width - 2 - displayWidth(title) - displayWidth(hint) - 1);
  const out = [line([{ text: `╭─${title}${'─'.repeat(ruleWidth)}${hint}╮`, style: p.theme.rule }])];
  for (let i = 0; i < inner; i++) {
    out.push(line([{ text: '│ ', style: p.theme.rule }, ...fitSegments(visible[i] ?? [], p.width - 4, {}), { text: ' │', style: p.theme.rule }]));
  }
  out.push(line([{ text: `╰${'─'.repeat(Math.max(0, p.width - 2))}╯`, style: p.theme.rule }]));
  return out;
}
