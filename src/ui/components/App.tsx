import { Box, Text, useApp, useInput, useStdout, type Key } from 'ink';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { Paper } from '../../core/types.js';
import { DETAIL_PADDING, detailLines } from '../detail-lines.js';
import { keyNames } from '../keymap.js';
import { dateColumnWidth } from '../list-row.js';
import { memoizeLast } from '../memo.js';
import type { Measure, ReaderSession } from '../session.js';
import type { SizeSource } from '../size.js';
import { layoutOf, type ReaderState } from '../state.js';
import { makeTheme } from '../theme.js';
import { viewLabel } from '../views.js';
import { DetailPane } from './DetailPane.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { helpContent, HelpOverlay } from './HelpOverlay.js';
import { Line, styled } from './Line.js';
import { ListPane } from './ListPane.js';
import { TooSmall } from './TooSmall.js';

/** Clear the screen and home the cursor; Ink then rewrites its whole last frame after it. */
const CLEAR_SCREEN = '\u001b[2J\u001b[H';
/** After the last resize event, wait this long (more than Ink's 33 ms frame throttle) and repaint. */
const RESIZE_REPAINT_MS = 60;

export interface ReaderProps {
  /** The library, the marks and everything the keys change (see session.ts). */
  session: ReaderSession;
  color?: boolean;
  size: SizeSource;
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

/** Draws the session's snapshots and feeds it keys and sizes; all behaviour lives in the session. */
export function ReaderApp(props: ReaderProps) {
  const { session, size, color = true, fullscreen = false } = props;
  const { exit } = useApp();
  const { write } = useStdout();
  const theme = useMemo(() => makeTheme(color), [color]);
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const { nav: state, list } = snap;
  const papers = list.papers;
  // Over the whole library, so the column does not jump as searches and views change the list.
  const dateWidth = useMemo(() => dateColumnWidth(session.papers), [session.papers]);
  // Afresh whenever the library grew: a library still loading updates papers already shown in place
  // (older dates added), which a memo keyed on the paper would not see.
  const detailFor = useMemo(() => memoizeLast(detailLines), [session.papers]);
  const helpFor = useMemo(() => memoizeLast((width: number) => helpContent(theme, width)), [theme]);

  const detailWidth = (s: ReaderState) => {
    const l = layoutOf(s);
    return l.kind === 'too-small' ? 1 : l.detail.width - 2 * DETAIL_PADDING;
  };
  // Inner width of the help box: borders and padding take 4 columns, and the last column stays empty.
  const helpWidth = (s: ReaderState) => s.cols - 5;
  const measure: Measure = {
    detailLines: (paper, s) => detailFor(paper, detailWidth(s), paper ? session.getSnapshot().list.ranges.get(paper) : undefined).length,
    helpLines: (s) => helpFor(helpWidth(s)).length,
  };

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
    for (const effect of session.keys(keyNames(input, key), measure)) {
      if (effect === 'quit') {
        exit();
        return;
      }
      if (effect === 'redraw' && fullscreen) write(CLEAR_SCREEN);
      if (effect === 'suspend') props.onSuspend?.(() => write(CLEAR_SCREEN));
    }
  });

  const layout = layoutOf(state);
  if (layout.kind === 'too-small') {
    return <TooSmall cols={layout.cols} rows={layout.rows} height={layout.height} />;
  }

  const paper: Paper | undefined = papers[state.cursor];
  const lines = detailFor(paper, detailWidth(state), paper ? list.ranges.get(paper) : undefined);
  const bodyHeight = layout.height - 2;
  const detailTop = Math.min(state.detailTop, Math.max(0, lines.length - layout.detail.height));
  const mode = snap.mode;
  const scrollInfo =
    mode === 'detail' && lines.length > layout.detail.height
      ? `${detailTop + 1}-${Math.min(lines.length, detailTop + layout.detail.height)}/${lines.length} `
      : '';

  let body;
  if (state.help) {
    const help = helpFor(helpWidth(state));
    body = <HelpOverlay lines={help} top={state.helpTop} width={helpWidth(state) + 4} height={bodyHeight} theme={theme} />;
  } else {
    const list = (
      <ListPane
        papers={papers}
        top={state.top}
        cursor={state.cursor}
        width={layout.list.width}
        height={layout.list.height}
        focused={state.focus === 'list'}
        marks={snap.marks}
        ranges={snap.list.ranges}
        dateWidth={dateWidth}
        theme={theme}
        emptyText={snap.query.trim() ? (snap.indexing ? 'Building the search index…' : 'No matches.') : 'No papers here.'}
      />
    );
    const detail = <DetailPane lines={lines} top={detailTop} width={layout.detail.width} height={layout.detail.height} theme={theme} />;
    const ruleStyle = state.focus === 'detail' ? theme.key : theme.rule;
    body =
      layout.kind === 'split' ? (
        <Box flexDirection="row" height={bodyHeight}>
          {list}
          <Box width={1}>
            <Text>{Array.from({ length: bodyHeight }, () => styled('│', ruleStyle)).join('\n')}</Text>
          </Box>
          {detail}
        </Box>
      ) : (
        <Box flexDirection="column" height={bodyHeight}>
          {list}
          <Line segments={[{ text: '─'.repeat(layout.list.width), style: ruleStyle }]} />
          {detail}
        </Box>
      );
  }

  return (
    <Box flexDirection="column" width={layout.cols} height={layout.height}>
      <Header
        width={layout.cols}
        total={snap.total}
        unread={snap.marks.unreadCount}
        starred={snap.marks.starredCount}
        view={viewLabel(snap.view)}
        viewSize={list.viewSize}
        query={snap.query}
        count={list.count}
        countExact={list.countExact}
        indexing={snap.indexing}
        loading={snap.loading}
        saving={snap.saving}
        position={papers.length > 0 ? state.cursor + 1 : 0}
        theme={theme}
      />
      {body}
      <Footer mode={mode} width={layout.cols} right={scrollInfo} line={snap.line} confirm={snap.confirm} status={snap.status} theme={theme} />
    </Box>
  );
}
