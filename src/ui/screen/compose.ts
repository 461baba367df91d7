import type { Paper } from '../../core/types.js';
import { DETAIL_PADDING, detailLines } from '../detail-lines.js';
import { dateColumnWidth } from '../list-row.js';
import { memoizeLast } from '../memo.js';
import type { Measure, SessionSnapshot } from '../reader/session.js';
import { layoutOf, type ReaderState } from '../reader/navigation.js';
import type { Theme } from '../theme.js';
import { viewLabel } from '../reader/views.js';
import { styled } from './ansi.js';
import { detailPaneLines } from './detail.js';
import { footerLine } from './footer.js';
import { headerLine } from './header.js';
import { helpBoxLines, helpContent } from './help.js';
import { listLines } from './list.js';
import { tooSmallLines } from './too-small.js';

/** Where the renderer reads the library from (the session). */
export interface LibrarySource {
  readonly papers: readonly Paper[];
  getSnapshot(): SessionSnapshot;
}

/**
 * The whole screen as text lines, a pure function of the session's snapshot: one line per terminal
 * row, top to bottom, each with its styles as escape codes. Ink draws these lines (components/App),
 * and the painter draws the same lines the moment a key changed them (see painter.ts), so both
 * always agree on what the screen holds. Work per frame is proportional to the screen, not the
 * library: only rows in view are built, and the selected paper's wrapped detail is cached.
 */
export class ScreenRenderer {
  readonly #source: LibrarySource;
  readonly #theme: Theme;
  #papers: readonly Paper[] | undefined;
  #dateWidth = 0;
  #detailFor = memoizeLast(detailLines);
  readonly #helpFor: (width: number) => ReturnType<typeof helpContent>;
  readonly #lines = memoizeLast((snap: SessionSnapshot, papers: readonly Paper[]) => this.#compose(snap, papers));

  constructor(source: LibrarySource, theme: Theme) {
    this.#source = source;
    this.#theme = theme;
    this.#helpFor = memoizeLast((width: number) => helpContent(theme, width));
  }

  /** Sizes the session needs for scrolling: the detail's and the help's line counts. */
  readonly measure: Measure = {
    detailLines: (paper, s) => this.#detail(paper, s, paper ? this.#source.getSnapshot().list.ranges.get(paper) : undefined).length,
    helpLines: (s) => this.#helpFor(helpWidth(s)).length,
  };

  /** The screen for a snapshot (the same array for the same snapshot). */
  lines(snap: SessionSnapshot): string[] {
    return this.#lines(snap, this.#library());
  }

  #library(): readonly Paper[] {
    const papers = this.#source.papers;
    if (papers !== this.#papers) {
      this.#papers = papers;
      // Over the whole library, so the column does not jump as searches and views change the list.
      this.#dateWidth = dateColumnWidth(papers);
      // A library still loading updates papers already shown in place (older dates added), which a
      // cache keyed on the paper would not see.
      this.#detailFor = memoizeLast(detailLines);
    }
    return papers;
  }

  #detail(paper: Paper | undefined, s: ReaderState, ranges: Parameters<typeof detailLines>[2]) {
    this.#library();
    return this.#detailFor(paper, detailWidth(s), ranges);
  }

  #compose(snap: SessionSnapshot, papers: readonly Paper[]): string[] {
    const state = snap.nav;
    const layout = layoutOf(state);
    if (layout.kind === 'too-small') return tooSmallLines(layout.cols, layout.rows, layout.height);
    const theme = this.#theme;
    const { list } = snap;
    const paper = snap.detail;
    const lines = this.#detail(paper, state, paper ? list.ranges.get(paper) : undefined);
    const bodyHeight = layout.height - 2;
    const detailTop = Math.min(state.detailTop, Math.max(0, lines.length - layout.detail.height));
    const scrollInfo =
      snap.mode === 'detail' && lines.length > layout.detail.height
        ? `${detailTop + 1}-${Math.min(lines.length, detailTop + layout.detail.height)}/${lines.length} `
        : '';

    const out = [
      headerLine({
        width: layout.cols,
        total: snap.total,
        unread: snap.marks.unreadCount,
        starred: snap.marks.starredCount,
        view: viewLabel(snap.view),
        viewSize: list.viewSize,
        query: snap.query,
        count: list.count,
        countExact: list.countExact,
        indexing: snap.indexing,
        loading: snap.loading,
        saving: snap.saving,
        position: list.papers.length > 0 ? state.cursor + 1 : 0,
        theme,
      }),
    ];
    if (state.help) {
      out.push(...helpBoxLines({ lines: this.#helpFor(helpWidth(state)), top: state.helpTop, width: helpWidth(state) + 4, height: bodyHeight, theme }));
    } else {
      const left = listLines({
        papers: list.papers,
        top: state.top,
        cursor: state.cursor,
        width: layout.list.width,
        height: layout.list.height,
        focused: state.focus === 'list',
        marks: snap.marks,
        ranges: list.ranges,
        dateWidth: this.#dateWidth,
        theme,
        emptyText: snap.query.trim() ? (snap.indexing ? 'Building the search index…' : 'No matches.') : 'No papers here.',
      });
      const right = detailPaneLines({ lines, top: detailTop, width: layout.detail.width, height: layout.detail.height, theme });
      const rule = state.focus === 'detail' ? theme.key : theme.rule;
      if (layout.kind === 'split') {
        const bar = styled('│', rule);
        for (let y = 0; y < bodyHeight; y++) out.push(left[y]! + bar + right[y]!);
      } else {
        out.push(...left, styled('─'.repeat(layout.list.width), rule), ...right);
      }
    }
    out.push(footerLine({ mode: snap.mode, width: layout.cols, right: scrollInfo, line: snap.line, confirm: snap.confirm, status: snap.status, theme }));
    return out;
  }
}

function detailWidth(s: ReaderState): number {
  const l = layoutOf(s);
  return l.kind === 'too-small' ? 1 : l.detail.width - 2 * DETAIL_PADDING;
}

/** Inner width of the help box: borders and padding take 4 columns, and the last column stays empty. */
function helpWidth(s: ReaderState): number {
  return s.cols - 5;
}
