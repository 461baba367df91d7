import { Box, Text, useApp, useInput, useStdout, type Key } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Paper } from '../../core/types.js';
import { DETAIL_PADDING, detailLines } from '../detail-lines.js';
import { commandFor, keyNames, type Command } from '../keymap.js';
import { dateColumnWidth } from '../list-row.js';
import { allUnread, type PaperMarks } from '../marks.js';
import { memoizeLast } from '../memo.js';
import type { SizeSource } from '../size.js';
import { initialState, layoutOf, modeOf, reduce, REDUCED_COMMANDS, type ReaderAction, type ReaderState } from '../state.js';
import { makeTheme } from '../theme.js';
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
  /** The papers of the current view, in display order. */
  papers: readonly Paper[];
  /** Papers loaded in all (the header's count); defaults to papers.length. */
  total?: number;
  marks?: PaperMarks;
  /** Name of the current view and the active search, for the header. */
  view?: string;
  query?: string;
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
  /** Commands of later features (bound in keymap.ts, not reduced in state.ts), with the selected paper. */
  onCommand?: (command: Command, paper: Paper | undefined) => void;
}

export function ReaderApp(props: ReaderProps) {
  const { papers, size, color = true, view = 'All papers', query = '', fullscreen = false } = props;
  const { exit } = useApp();
  const { write } = useStdout();
  const theme = useMemo(() => makeTheme(color), [color]);
  const marks = useMemo(() => props.marks ?? allUnread(props.total ?? papers.length), [props.marks, props.total, papers.length]);
  const dateWidth = useMemo(() => dateColumnWidth(papers), [papers]);
  // Afresh for each list: a library still loading (LibraryBuilder) hands out new lists whose papers
  // it has updated in place (older dates added), which a memo keyed on the paper would not see.
  const detailFor = useMemo(() => memoizeLast(detailLines), [papers]);
  const helpFor = useMemo(() => memoizeLast((width: number) => helpContent(theme, width)), [theme]);

  const [state, setState] = useState<ReaderState>(() => {
    const { cols, rows } = size.get();
    return initialState(cols, rows, papers.length);
  });
  // Keys in one burst are reduced one after another against the newest state, not a stale render's.
  const stateRef = useRef(state);
  const apply = (update: (s: ReaderState) => ReaderState) => {
    const next = update(stateRef.current);
    if (next !== stateRef.current) {
      stateRef.current = next;
      setState(next);
    }
  };

  const detailWidth = (s: ReaderState) => {
    const l = layoutOf(s);
    return l.kind === 'too-small' ? 1 : l.detail.width - 2 * DETAIL_PADDING;
  };
  // Inner width of the help box: borders and padding take 4 columns, and the last column stays empty.
  const helpWidth = (s: ReaderState) => s.cols - 5;

  useEffect(
    () =>
      size.subscribe(() => {
        const { cols, rows } = size.get();
        apply((s) => reduce(s, { type: 'resize', cols, rows }));
      }),
    [size],
  );

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

  const lastPapers = useRef(papers);
  useEffect(() => {
    if (lastPapers.current === papers) return;
    const selected = lastPapers.current[stateRef.current.cursor];
    lastPapers.current = papers;
    const kept = selected ? papers.indexOf(selected) : -1;
    apply((s) => reduce(s, { type: 'listChanged', count: papers.length, cursor: kept >= 0 ? kept : 0 }));
  }, [papers]);

  useInput((input: string, key: Key) => {
    apply((start) => {
      let s = start;
      for (const name of keyNames(input, key)) {
        const command = commandFor(modeOf(s), name);
        if (!command) continue;
        if (command === 'quit') {
          exit();
          return s;
        }
        if (command === 'redraw') {
          if (fullscreen) write(CLEAR_SCREEN);
          continue;
        }
        if (command === 'suspend') {
          props.onSuspend?.(() => write(CLEAR_SCREEN));
          continue;
        }
        if (!REDUCED_COMMANDS.has(command)) {
          props.onCommand?.(command, papers[s.cursor]);
          continue;
        }
        const mode = modeOf(s);
        const action: ReaderAction = {
          type: 'command',
          command,
          detailLines: mode === 'detail' ? detailFor(papers[s.cursor], detailWidth(s)).length : 0,
          helpLines: mode === 'help' ? helpFor(helpWidth(s)).length : 0,
        };
        s = reduce(s, action);
      }
      return s;
    });
  });

  const layout = layoutOf(state);
  if (layout.kind === 'too-small') {
    return <TooSmall cols={layout.cols} rows={layout.rows} height={layout.height} />;
  }

  const paper = papers[state.cursor];
  const lines = detailFor(paper, detailWidth(state));
  const bodyHeight = layout.height - 2;
  const detailTop = Math.min(state.detailTop, Math.max(0, lines.length - layout.detail.height));
  const mode = modeOf(state);
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
        marks={marks}
        dateWidth={dateWidth}
        theme={theme}
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
        total={props.total ?? papers.length}
        unread={marks.unreadCount}
        starred={marks.starredCount}
        view={view}
        query={query}
        position={papers.length > 0 ? state.cursor + 1 : 0}
        count={papers.length}
        theme={theme}
      />
      {body}
      <Footer mode={mode} width={layout.cols} right={scrollInfo} theme={theme} />
    </Box>
  );
}
