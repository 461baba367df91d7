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
  #detailFor = memoizeLast(detailLines);
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
    return this.#detailFor(paper, detailWidth(s), ranges, abstractRanges);
  }

  help(s: ReaderState): HelpLine[] {
    return this.#helpFor(helpWidth(s));
  }

  #library(): void {
    const papers = this.#source.papers;
    if (papers === this.#papers) return;
    this.#papers = papers;
    this.#dateWidth = dateColumnWidth(papers);
    // A library still loading updates papers already shown in place (older dates added), which a
    // cache keyed on the paper would not see.
    this.#detailFor = memoizeLast(detailLines);
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
