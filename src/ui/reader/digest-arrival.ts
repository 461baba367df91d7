import { orderOfDay } from '../../core/digest-date.js';
import { mergeDigests, type LibraryMerge } from '../../core/merge-digests.js';
import type { Digest, Paper } from '../../core/types.js';
import type { TitleRange } from '../../search/engine.js';
import type { VisibleList } from './library-view.js';
import type { ReaderModel } from './model.js';
import type { SearchFetch } from './search-fetch.js';
import type { SimilarPapers } from './similar-list.js';
import type { DigestDay } from './views.js';

/**
 * The digest days, newest first, each once, of the papers' digests and `digests`, each with the
 * label of its first digest (as views.digestDays gives them from the digests themselves: the reader
 * does not keep its digests).
 */
export function daysAfter(papers: readonly Paper[], digests: readonly Digest[]): DigestDay[] {
  // Per day, the label of its first file in library order (compareDigests: same day, file name).
  const first = new Map<string, { label: string; file: string }>();
  const add = (day: string, label: string, file: string) => {
    const had = first.get(day);
    if (!had || file.localeCompare(had.file) < 0) first.set(day, { label, file });
  };
  // Papers in library order mostly share their newest digest with the paper before: skip repeats cheaply.
  let lastFile = '';
  let lastDay = '';
  for (const p of papers) {
    for (let i = 0; i < p.days.length; i++) {
      const file = p.sources[i] ?? '';
      const day = p.days[i]!;
      if (file === lastFile && day === lastDay) continue;
      lastFile = file;
      lastDay = day;
      add(day, p.dates[i] ?? '', file);
    }
  }
  for (const d of digests) add(d.day, d.label, d.file);
  return [...first]
    .map(([day, { label }]) => ({ day, label, order: orderOfDay(day) }))
    .sort((a, b) => b.order - a.order)
    .map(({ day, label }) => ({ day, label }));
}

/** `list` with each paper replaced by the library's paper of the same id (a merge gives papers new dates). */
function withPapersOf(list: VisibleList, papers: readonly Paper[]): VisibleList {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const now = (p: Paper) => byId.get(p.id) ?? p;
  const ranges = new Map<Paper, readonly TitleRange[]>();
  for (const [p, r] of list.ranges) ranges.set(now(p), r);
  return { ...list, papers: list.papers.map(now), ranges };
}

/**
 * Digests that landed while the reader runs (core/watch-digests.ts): merged into the library
 * without moving the selection or any scroll. A view's list is made again with the new papers in
 * their place; a search's or a similar-papers list stays as it is (its papers given their new
 * dates) until the search index is rebuilt over the new library. The new papers count as new.
 */
export function digestsArrived(model: ReaderModel, search: SearchFetch, similar: SimilarPapers, digests: readonly Digest[]): LibraryMerge {
  const merge = mergeDigests(model.papers, digests);
  model.papers = merge.papers;
  model.days = daysAfter(merge.papers, digests);
  model.store.libraryGrew(merge.papers, 0);
  if (merge.added.length > 0) {
    model.newIds = new Set([...model.newIds, ...merge.added.map((p) => p.id)]);
    if (model.view.kind === 'new') model.view = { kind: 'new', ids: model.newIds };
  }
  // A view that shows a day no longer listed (cannot happen: days only grow) would otherwise stay empty.
  const viewsList = search.query.trim() === '' && !similar.shown;
  similar.libraryChanged();
  if (viewsList) model.replaceList(model.viewList());
  else model.replaceList(withPapersOf(model.list, merge.papers));
  search.libraryChanged();
  model.say(merge.status);
  return merge;
}
