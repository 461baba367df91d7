import type { Paper } from '../../core/types.js';
import type { AbstractRange } from '../../search/abstract-ranges.js';
import type { TitleRange } from '../../search/engine.js';
import type { ReaderState } from '../reader/navigation.js';
import { layoutOf } from '../reader/navigation.js';
import type { Measure, SessionSnapshot } from '../reader/session.js';
import { DETAIL_PADDING, detailLines, type StyledLine } from './detail-lines.js';
import { helpContent, type HelpLine } from './help-content.js';
import type { View } from '../reader/views.js';
import { dateColumnWidth, widenedFor } from './list-row.js';
import { memoizeLast } from './memo.js';
import type { Theme } from './theme.js';

/**
 * What the view works out from the library for drawing, kept between frames: the selected paper's
 * wrapped detail, the help text for a width, the date column's width. The session asks it how many
 * lines the detail and the help take (its Measure), so scrolling stops where the text ends.
 */
export class ViewCache {
  readonly #theme: Theme;
  readonly #source: { readonly papers: readonly Paper[]; getSnapshot(): SessionSnapshot };
  #papers: readonly Paper[] | undefined;
  #dateWidth = 0;
  // Keyed on the paper's dates and abstract too: a library still loading adds older dates (or a
  // missing abstract) to papers already shown, in place.
  #detailFor = memoizeLast((paper: Paper | undefined, width: number, ranges: readonly TitleRange[] | undefined, abstractRanges: readonly AbstractRange[] | undefined, _dates: number, _abstract: number) =>
    detailLines(paper, width, ranges, abstractRanges),
  );
  readonly #helpFor: (width: number) => HelpLine[];
  /** Links in the detail as OSC 8 hyperlinks (off with --no-hyperlinks or TERM=dumb). */
  readonly hyperlinks: boolean;

  constructor(source: { readonly papers: readonly Paper[]; getSnapshot(): SessionSnapshot }, theme: Theme, options: { hyperlinks?: boolean } = {}) {
    this.#source = source;
    this.#theme = theme;
    this.hyperlinks = options.hyperlinks ?? false;
    this.#helpFor = memoizeLast((width: number) => helpContent(theme, width));
  }

  get theme(): Theme {
    return this.#theme;
  }

  readonly measure: Measure = {
    detailLines: (paper, s) => {
      const snap = this.#source.getSnapshot();
      return this.detail(paper, s, paper ? snap.list.ranges.get(paper) : undefined, paper === snap.detail ? snap.abstractRanges : undefined).length;
    },
    helpLines: (s) => this.help(s).length,
    linkAt: (paper, s, line) => this.detail(paper, s, paper ? this.#source.getSnapshot().list.ranges.get(paper) : undefined)[line]?.link,
  };

  /**
   * The date column's width, over the whole library so it does not jump as views change; wider in
   * a one-day view whose label is longer (Mar 18 2025: another year has a Mar 18 too).
   */
  dateWidth(view?: View): number {
    this.#library();
    return view?.kind === 'date' ? widenedFor(this.#dateWidth, view.label) : this.#dateWidth;
  }

  detail(paper: Paper | undefined, s: ReaderState, ranges: readonly TitleRange[] | undefined, abstractRanges?: readonly AbstractRange[]): StyledLine[] {
    this.#library();
    return this.#detailFor(paper, detailWidth(s), ranges, abstractRanges, paper?.dates.length ?? 0, paper?.abstract.length ?? 0);
  }

  help(s: ReaderState): HelpLine[] {
    return this.#helpFor(helpWidth(s));
  }

  #library(): void {
    const papers = this.#source.papers;
    const before = this.#papers;
    if (papers === before) return;
    this.#papers = papers;
    // A library growing as it loads only appends papers (a paper's first date never changes): only
    // the new ones are measured, not 100,000 papers per growth.
    const n = before?.length ?? 0;
    const appended = n > 0 && papers.length >= n && papers[n - 1] === before![n - 1];
    this.#dateWidth = appended ? dateColumnWidth(papers, n, this.#dateWidth) : dateColumnWidth(papers);
  }
}

function detailWidth(s: ReaderState): number {
  const l = layoutOf(s);
  return l.kind === 'too-small' ? 1 : l.detail.width - 2 * DETAIL_PADDING;
}

/** Inner width of the help box: borders and padding take 4 columns, and the last column stays empty. */
export function helpWidth(s: ReaderState): number {
  return s.cols - 5;
}
