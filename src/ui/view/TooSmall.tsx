import { Box, Text } from 'ink';
import { keysFor } from '../reader/keymap.js';
import { MIN_COLS, MIN_ROWS } from '../reader/layout.js';

/** Shown instead of the panes when the terminal is below the minimum; every key but q / Ctrl-C waits. */
export function TooSmall({ cols, rows }: { cols: number; rows: number }) {
  const text = `Terminal too small (${cols}×${rows}). paperterm needs ${MIN_COLS}×${MIN_ROWS}: enlarge it, or press ${keysFor('too-small', 'quit', 1)} to quit.`;
  return (
    <Box width={cols} height={rows} alignItems="center" justifyContent="center" paddingX={1}>
      <Text wrap="wrap">{text}</Text>
    </Box>
  );
}
