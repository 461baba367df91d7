import type { Paper } from '../../core/types.js';

/**
 * The next (or previous) unread paper after index `from` of `papers`, wrapping around the end, as
 * n and p find it; undefined when no other paper is unread. A `from` outside the list (-1, or the
 * length going back) searches the whole list from its start (or its end).
 */
export function findUnread(
  papers: readonly Paper[],
  from: number,
  step: 1 | -1,
  isUnread: (p: Paper) => boolean,
): { index: number; wrapped: boolean } | undefined {
  const n = papers.length;
  const steps = from >= 0 && from < n ? n - 1 : n;
  for (let k = 1; k <= steps; k++) {
    const raw = from + step * k;
    const index = ((raw % n) + n) % n;
    if (isUnread(papers[index]!)) return { index, wrapped: raw < 0 || raw >= n };
  }
  return undefined;
}
