import type { Paper } from '../../core/types.js';
import type { SearchResult, TitleRange } from '../../search/engine.js';
import type { MarkMap } from '../../state/types.js';
import { inView, type View } from './views.js';

/** What the list pane shows: a view of the library, narrowed and ordered by a search when there is one. */
export interface VisibleList {
  /** In display order: library order, or best match first. */
  papers: readonly Paper[];
  /** Matched characters of each shown title (search results only). */
  ranges: ReadonlyMap<Paper, readonly TitleRange[]>;
  /** Papers the list stands for; more than papers.length when further matches were not fetched yet. */
  count: number;
  /** False when `count` is only a lower bound (a filtered view over a search cut at its limit). */
  countExact: boolean;
  /** Further matches exist beyond `papers`: fetch them before paging past the end. */
  more: boolean;
  /** Papers in the view before the search: the "total" of matches/total. */
  viewSize: number;
}

const NO_RANGES: ReadonlyMap<Paper, readonly TitleRange[]> = new Map();

/** Every paper of the view, in library order. */
export function listForView(papers: readonly Paper[], marks: MarkMap, view: View): VisibleList {
  const shown = view.kind === 'all' ? papers : papers.filter((p) => inView(view, p, marks));
  return { papers: shown, ranges: NO_RANGES, count: shown.length, countExact: true, more: false, viewSize: shown.length };
}

/**
 * A view's list after papers were appended to the library (from index `from` on): the papers listed
 * stay as they are (even one that has left the view since, marked read in the unread view), the new
 * ones of the view go after them.
 */
export function growView(list: VisibleList, papers: readonly Paper[], from: number, marks: MarkMap, view: View): VisibleList {
  const added = papers.slice(from).filter((p) => inView(view, p, marks));
  const shown = view.kind === 'all' && list.papers.length === from ? papers : [...list.papers, ...added];
  return { ...list, papers: shown, count: shown.length, viewSize: list.viewSize + added.length };
}

/** How many papers are in the view (the whole library for "all", without a pass over it). */
export function viewSize(papers: readonly Paper[], marks: MarkMap, view: View): number {
  if (view.kind === 'all') return papers.length;
  let n = 0;
  for (const p of papers) if (inView(view, p, marks)) n++;
  return n;
}

/**
 * A search's hits (over the whole library) that are in the view, best first. `size` is the view's
 * size, passed in so a keystroke does not cost a pass over the library.
 */
export function listForSearch(papers: readonly Paper[], marks: MarkMap, view: View, result: SearchResult, size: number): VisibleList {
  const empty: VisibleList = { papers: [], ranges: NO_RANGES, count: 0, countExact: true, more: false, viewSize: size };
  return extendForSearch(empty, papers, marks, view, result);
}

/**
 * The list with a bigger fetch of the same search appended: hits not listed yet go after the papers
 * already listed, which stay as they are (even one that has left the view since, marked read in the
 * unread view), so nothing moves under the cursor.
 */
export function extendForSearch(
  list: VisibleList,
  papers: readonly Paper[],
  marks: MarkMap,
  view: View,
  result: SearchResult,
): VisibleList {
  const shown = list.papers.slice();
  const listed = new Set(shown);
  const ranges = new Map(list.ranges);
  for (const hit of result.hits) {
    const paper = papers[hit.index]!;
    // A bigger fetch ranks more candidates, so the order of the first hits may shift a little.
    if (listed.has(paper) || !inView(view, paper, marks)) continue;
    shown.push(paper);
    if (hit.titleRanges.length > 0) ranges.set(paper, hit.titleRanges);
  }
  const more = result.hits.length < result.total;
  if (view.kind === 'all') return { papers: shown, ranges, count: result.total, countExact: true, more, viewSize: list.viewSize };
  return { papers: shown, ranges, count: shown.length, countExact: !more, more, viewSize: list.viewSize };
}

/** The unread papers among those shown, for "mark all read". */
export function unreadIds(list: readonly Paper[], isUnread: (p: Paper) => boolean): string[] {
  return list.filter(isUnread).map((p) => p.id);
}
