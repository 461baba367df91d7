import { Box, Text } from 'ink';
import { layoutOf } from '../reader/navigation.js';
import type { SessionSnapshot } from '../reader/session.js';
import { viewLabel } from '../reader/views.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { Help } from './Help.js';
import { PaperDetail } from './PaperDetail.js';
import { PaperList } from './PaperList.js';
import { TooSmall } from './TooSmall.js';
import { helpWidth } from './measure.js';
import { useReader } from './use-reader.js';

/**
 * The whole screen: header, the list and the selected paper's detail (side by side from 100
 * columns, stacked below), footer; the help box over the panes; a notice when the terminal is too
 * small. Draws the session's snapshot and nothing else: behaviour lives in the session.
 */
export function Reader() {
  const { snap, view } = useReader();
  const state = snap.nav;
  const layout = layoutOf(state);
  if (layout.kind === 'too-small') return <TooSmall cols={layout.cols} rows={layout.rows} />;
  const theme = view.theme;
  const { list } = snap;
  const paper = snap.detail;
  const lines = view.detail(paper, state, paper ? list.ranges.get(paper) : undefined, snap.abstractRanges);
  const bodyHeight = layout.height - 2;
  const detailTop = Math.min(state.detailTop, Math.max(0, lines.length - layout.detail.height));
  const scrollInfo =
    snap.mode === 'detail' && lines.length > layout.detail.height
      ? `${detailTop + 1}-${Math.min(lines.length, detailTop + layout.detail.height)}/${lines.length} `
      : '';
  const rule = state.focus === 'detail' ? theme.key : theme.rule;
  const split = layout.kind === 'split';

  let body;
  if (state.help) {
    body = <Help lines={view.help(state)} top={state.helpTop} width={helpWidth(state) + 4} height={bodyHeight} theme={theme} />;
  } else {
    body = (
      <Box flexDirection={split ? 'row' : 'column'} height={bodyHeight}>
        <PaperList
          papers={list.papers}
          top={state.top}
          cursor={state.cursor}
          width={layout.list.width}
          height={layout.list.height}
          focused={state.focus === 'list'}
          marks={snap.marks}
          isNew={snap.isNew}
          dateOf={snap.dateOf}
          ranges={list.ranges}
          dateWidth={view.dateWidth(snap.view)}
          theme={theme}
          emptyText={emptyText(snap)}
        />
        <Text {...rule}>{split ? '│\n'.repeat(bodyHeight - 1) + '│' : '─'.repeat(layout.list.width)}</Text>
        <PaperDetail lines={lines} top={detailTop} width={layout.detail.width} height={layout.detail.height} theme={theme} hyperlinks={view.hyperlinks} />
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
        fresh={snap.newCount}
        view={snap.similar ? `Similar to “${snap.similar.to.title}”` : viewLabel(snap.view)}
        viewSize={list.viewSize}
        day={snap.similar ? undefined : snap.day}
        query={snap.query}
        count={list.count}
        countExact={list.countExact}
        indexing={snap.indexing}
        searching={snap.searching}
        interim={snap.interim}
        partial={snap.partial}
        loading={snap.loading}
        saving={snap.saving}
        position={list.papers.length > 0 ? state.cursor + 1 : 0}
        theme={theme}
      />
      {body}
      <Footer mode={snap.mode} width={layout.cols} right={scrollInfo} line={snap.line} confirm={snap.confirm} status={snap.status} theme={theme} />
    </Box>
  );
}

function emptyText(snap: SessionSnapshot): string {
  if (snap.similar) return snap.similar.pending ? 'Finding similar papers…' : 'No similar papers.';
  if (snap.query.trim()) {
    if (snap.indexing) return 'Building the search index…';
    if (snap.searching) return 'Searching…';
    if (snap.partial) return 'No matches in the papers searched so far.';
    return snap.interim ? 'No matches yet: building the search index (it finds typos too)…' : 'No matches.';
  }
  return 'No papers here.';
}
