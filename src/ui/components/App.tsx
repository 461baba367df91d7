import { Box, Text, useApp, useInput, useStdout, type Key } from 'ink';
import { memo, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { keyNames } from '../reader/keymap.js';
import { ScreenRenderer } from '../screen/compose.js';
import type { ReaderSession } from '../reader/session.js';
import type { SizeSource } from '../size.js';
import { makeTheme } from '../theme.js';

/** Clear the screen and home the cursor; Ink then rewrites its whole last frame after it. */
const CLEAR_SCREEN = '\u001b[2J\u001b[H';
/** After the last resize event, wait this long and repaint (see the resize effect below). */
const RESIZE_REPAINT_MS = 60;

export interface ReaderProps {
  /** The library, the marks and everything the keys change (see session.ts). */
  session: ReaderSession;
  color?: boolean;
  size: SizeSource;
  /**
   * What turns snapshots into screen lines; pass the one the painter uses (start.tsx) so both share
   * their caches. Made here when absent.
   */
  renderer?: ScreenRenderer;
  /**
   * Running on a real terminal: Ctrl-L and resizes repaint the whole screen. Off in component
   * tests, whose fake stdout would record the escape codes.
   */
  fullscreen?: boolean;
  /**
   * Ctrl-Z: hand the terminal back to the shell and stop; `repaint` redraws the whole screen once
   * the process is continued. Without it (tests) the key does nothing.
   */
  onSuspend?: (repaint: () => void) => void;
}

/** One screen row; unchanged rows are not rendered again. */
const Row = memo(function Row({ text }: { text: string }) {
  // Lines are exactly as wide as the screen; truncate only guards against a miscount.
  return <Text wrap="truncate">{text}</Text>;
});

/**
 * Feeds the session keys and sizes and draws its snapshots: the lines come from the ScreenRenderer,
 * all behaviour lives in the session.
 */
export function ReaderApp(props: ReaderProps) {
  const { session, size, color = true, fullscreen = false } = props;
  const { exit } = useApp();
  const { write } = useStdout();
  const renderer = useMemo(() => props.renderer ?? new ScreenRenderer(session, makeTheme(color)), [props.renderer, session, color]);
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const state = snap.nav;

  useEffect(() => {
    const resize = () => {
      const { cols, rows } = size.get();
      session.resize(cols, rows);
    };
    resize();
    return size.subscribe(resize);
  }, [size, session]);

  // A resize can leave the terminal showing something other than what Ink last drew (lines it
  // reflowed or scrolled away), and Ink only rewrites lines it believes changed: repaint it all.
  const firstSize = useRef(true);
  useEffect(() => {
    if (firstSize.current) {
      firstSize.current = false;
      return;
    }
    if (!fullscreen) return;
    const t = setTimeout(() => write(CLEAR_SCREEN), RESIZE_REPAINT_MS);
    return () => clearTimeout(t);
  }, [state.cols, state.rows]);

  useInput((input: string, key: Key) => {
    // Keys in one burst are applied one after another to the newest state, in the session.
    for (const effect of session.keys(keyNames(input, key), renderer.measure)) {
      if (effect === 'quit') {
        exit();
        return;
      }
      if (effect === 'redraw' && fullscreen) write(CLEAR_SCREEN);
      if (effect === 'suspend') props.onSuspend?.(() => write(CLEAR_SCREEN));
    }
  });

  const lines = renderer.lines(snap);
  return (
    <Box flexDirection="column" width={state.cols} height={lines.length}>
      {lines.map((text, i) => (
        <Row key={i} text={text} />
      ))}
    </Box>
  );
}
