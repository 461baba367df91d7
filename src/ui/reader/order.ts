import { nextPaperOrder, PAPER_ORDER_LABELS, PAPER_ORDERS, sortPapers as sortInOrder, type PaperOrder } from '../../core/paper-order.js';
import type { Paper } from '../../core/types.js';

/**
 * The order of a view's papers (S cycles through them): the orders of `paperterm list --sort`
 * (core/paper-order.ts, the one implementation). A search's results are always best match first.
 */
export type Order = PaperOrder;

export const ORDERS: readonly Order[] = PAPER_ORDERS;

export function orderLabel(order: Order): string {
  return PAPER_ORDER_LABELS[order];
}

export const nextOrder: (order: Order) => Order = nextPaperOrder;

/** The library in `order`; in the library's own order, the library itself (no copy of 100,000 papers). */
export function sortPapers(papers: readonly Paper[], order: Order): readonly Paper[] {
  return order === 'newest' ? papers : sortInOrder(papers, order);
}
