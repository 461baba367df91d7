import { Box, Text } from 'ink';
import { keysFor } from '../reader/keymap.js';
import { displayWidth, fitSegments } from '../terminal/text.js';
import type { HelpLine } from './help-content.js';
import { paintRow } from './segments.js';
import type { Theme } from './theme.js';

export interface HelpProps {
  /** Every documented key (helpContent), for the box's inner width. */
  lines: readonly HelpLine[];
  /** First line shown: the box scrolls (j/k) when the terminal is too short for it. */
  top: number;
  width: number;
  height: number;
  theme: Theme;
}

/** The help box over the panes, with its title and how to scroll or close it in the border. */
export function Help(p: HelpProps) {
  const inner = p.height - 2;
  const visible = p.lines.slice(p.top, p.top + inner);
  const more = p.top + inner < p.lines.length;
  const title = ' Keys ';
  const hint = more ? ` more: ${keysFor('help', 'down')} ` : ` ${keysFor('help', 'closeHelp')} close `;
  const ruleWidth = Math.max(0, p.width - 2 - displayWidth(title) - displayWidth(hint) - 1);
  const rows = [paintRow([{ text: `╭─${title}${'─'.repeat(ruleWidth)}${hint}╮`, style: p.theme.rule }])];
  for (let i = 0; i < inner; i++) {
    rows.push(paintRow([{ text: '│ ', style: p.theme.rule }, ...fitSegments(visible[i] ?? [], p.width - 4, {}), { text: ' │', style: p.theme.rule }]));
  }
  rows.push(paintRow([{ text: `╰${'─'.repeat(Math.max(0, p.width - 2))}╯`, style: p.theme.rule }]));
  // One Text for the whole box (see Rows): its rows are cut to its width by construction.
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Text wrap="truncate-end">{rows.join('\n')}</Text>
    </Box>
  );
}
