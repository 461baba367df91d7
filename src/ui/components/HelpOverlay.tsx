import { Box, type TextProps } from 'ink';
import { memo } from 'react';
import { helpSections, keysFor } from '../keymap.js';
import type { Theme } from '../theme.js';
import { displayWidth, fit, fitSegments, type Segment } from '../text.js';
import { Line } from './Line.js';

const KEY_COL = 12;
/** Two sections side by side from this inner width on, one column below it. */
const TWO_COLUMNS = 64;

type HelpLine = Segment<TextProps>[];

function sectionLines(theme: Theme, section: ReturnType<typeof helpSections>[number], width: number): HelpLine[] {
  return [
    [{ text: fit(section.title, width), style: theme.heading }],
    ...section.entries.map((e) => fitSegments<TextProps>([{ text: fit(e.keys, KEY_COL), style: theme.key }, { text: e.help, style: {} }], width, {})),
  ];
}

/**
 * Every documented key, generated from the keymap. Lines for a width; cached by the caller. List and
 * Detail side by side when there is room, Anywhere below.
 */
export function helpContent(theme: Theme, width: number): HelpLine[] {
  const two = width >= TWO_COLUMNS;
  const colWidth = two ? Math.floor((width - 2) / 2) : width;
  const [listSection, detailSection, anywhereSection] = helpSections();
  const list = listSection ? sectionLines(theme, listSection, colWidth) : [];
  const detail = detailSection ? sectionLines(theme, detailSection, colWidth) : [];
  const anywhere = anywhereSection ? sectionLines(theme, anywhereSection, width) : [];
  const out: HelpLine[] = [];
  if (two) {
    for (let i = 0; i < Math.max(list.length, detail.length); i++) {
      out.push([...(list[i] ?? [{ text: ' '.repeat(colWidth), style: {} }]), { text: '  ', style: {} }, ...(detail[i] ?? [])]);
    }
  } else {
    out.push(...list, [], ...detail);
  }
  out.push([], ...anywhere);
  return out.map((l) => fitSegments(l, width, {}));
}

export interface HelpOverlayProps {
  lines: readonly HelpLine[];
  top: number;
  width: number;
  height: number;
  theme: Theme;
}

/** The help box over the panes; scrolls (j/k) when the terminal is too short for it. */
export const HelpOverlay = memo(function HelpOverlay(p: HelpOverlayProps) {
  const inner = p.height - 2;
  const visible = p.lines.slice(p.top, p.top + inner);
  const more = p.top + inner < p.lines.length;
  const title = ' Keys ';
  const hint = more ? ` more: ${keysFor('help', 'down')} ` : ` ${keysFor('help', 'closeHelp')} close `;
  const ruleWidth = Math.max(0, p.width - 2 - displayWidth(title) - displayWidth(hint) - 1);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Line segments={[{ text: `╭─${title}${'─'.repeat(ruleWidth)}${hint}╮`, style: p.theme.rule }]} />
      {Array.from({ length: inner }, (_, i) => (
        <Line
          key={i}
          segments={[
            { text: '│ ', style: p.theme.rule },
            ...fitSegments(visible[i] ?? [], p.width - 4, {}),
            { text: ' │', style: p.theme.rule },
          ]}
        />
      ))}
      <Line segments={[{ text: `╰${'─'.repeat(Math.max(0, p.width - 2))}╯`, style: p.theme.rule }]} />
    </Box>
  );
});
