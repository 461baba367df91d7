import { Box, Text } from 'ink';
import { keysFor } from '../keymap.js';
import { MIN_COLS, MIN_ROWS } from '../layout.js';
import { wrap } from '../text.js';

/** Shown instead of the panes when the terminal is below the minimum; every key but q / Ctrl-C waits. */
export function TooSmall({ cols, rows, height }: { cols: number; rows: number; height: number }) {
  const text = `Terminal too small (${cols}×${rows}). paperterm needs ${MIN_COLS}×${MIN_ROWS}: enlarge it, or press ${keysFor('too-small', 'quit', 1)} to quit.`;
  const lines = wrap(text, Math.max(1, cols - 2)).slice(0, height);
  return (
    <Box flexDirection="column" width={cols} height={height} justifyContent="center" alignItems="center">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}
