import type { Paper } from '../../core/types.js';

/**
 * The order of a view's papers (S cycles through them): newest digest first (the library's own
 * order, trending rank within a digest), most digests first (papers that keep trending), title A–Z.
 * A search's results are always best match first.
 */
export type Order = 'newest' | 'recurring' | 'title';

export const ORDERS: readonly Order[] = ['newest', 'recurring', 'title'];

export function orderLabel(order: Order): string {
  switch (order) {
    case 'newest':
      return 'newest first';
    case 'recurring':
      return 'most digests first';
    case 'title':
      return 'title A–Z';
  }
}

export function nextOrder(order: Order): Order {
  return ORDERS[(ORDERS.indexOf(order) + 1) % ORDERS.length]!;
}

/**
 * A title as it sorts: case and accents folded, leading quotes and brackets skipped. Computed once
 * per paper and compared as plain strings: Intl.Collator.compare over 100,000 titles takes seconds.
 */
function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+/u, '');
}

/** The library in `order` (sorting is stable: ties keep the library's order). */
export function sortPapers(papers: readonly Paper[], order: Order): readonly Paper[] {
  switch (order) {
    case 'newest':
      return papers;
    case 'recurring':
      return [...papers].sort((a, b) => b.dates.length - a.dates.length);
    case 'title': {
      const keyed = papers.map((paper) => ({ paper, key: titleKey(paper.title) }));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return keyed.map((k) => k.paper);
    }
  }
}
