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

const titles = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The library in `order` (sorting is stable: ties keep the library's order). */
export function sortPapers(papers: readonly Paper[], order: Order): readonly Paper[] {
  switch (order) {
    case 'newest':
      return papers;
    case 'recurring':
      return [...papers].sort((a, b) => b.dates.length - a.dates.length);
    case 'title':
      return [...papers].sort((a, b) => titles.compare(a.title, b.title));
  }
}
