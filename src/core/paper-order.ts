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

// Titles compare as a reader expects in an index: case and accents aside, numbers by value
// ("GPT-4" before "GPT-35"), punctuation counted.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

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
  const keyed = papers.map((p, i) => ({ p, i }));
  keyed.sort((a, b) => collator.compare(a.p.title, b.p.title) || a.i - b.i);
  return keyed.map((k) => k.p);
}
