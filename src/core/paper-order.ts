// The orders a reader can list papers in. The library itself is built newest digest first (see
// library.ts); the other orders are stable re-sorts of it, so ties keep the newest-first order.
import type { Paper } from './types.js';

export type PaperOrder = 'newest' | 'recurring' | 'title';

/** In the order `S` cycles through them; the first is the default. */
export const PAPER_ORDERS: readonly PaperOrder[] = ['newest', 'recurring', 'title'];

/** Short names for a header or a footer note. */
export const PAPER_ORDER_LABELS: Readonly<Record<PaperOrder, string>> = {
  newest: 'newest first',
  recurring: 'most digests first',
  title: 'title A–Z',
};

export function isPaperOrder(value: unknown): value is PaperOrder {
  return typeof value === 'string' && (PAPER_ORDERS as readonly string[]).includes(value);
}

/** The order after `order` in the cycle (`S`). */
export function nextPaperOrder(order: PaperOrder): PaperOrder {
  return PAPER_ORDERS[(PAPER_ORDERS.indexOf(order) + 1) % PAPER_ORDERS.length]!;
}

/**
 * A title as it sorts: case and accents folded, leading quotes and brackets skipped. Computed once
 * per paper and compared as plain strings: Intl.Collator.compare over 100,000 titles takes seconds.
 * (The reader's S order, src/ui/reader/order.ts, sorts with sortPapers below.)
 */
export function titleSortKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+/u, '');
}

/** How many digests a paper was in: how often it trended. */
export function digestCount(p: Paper): number {
  return p.sources.length;
}

/**
 * The papers in the given order; `papers` must be in library order (newest digest first), which
 * `newest` keeps and the others fall back on for ties. Returns a new array; the papers are shared.
 */
export function sortPapers(papers: readonly Paper[], order: PaperOrder): Paper[] {
  if (order === 'newest') return papers.slice();
  // Array.prototype.sort is stable, so equal keys stay in library order.
  if (order === 'recurring') return papers.slice().sort((a, b) => digestCount(b) - digestCount(a));
  const keyed = papers.map((p) => ({ p, key: titleSortKey(p.title) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.p);
}
