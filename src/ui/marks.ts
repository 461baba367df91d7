import type { Paper } from '../core/types.js';

/**
 * Read/star marks as the reader shows them. The reader never computes them: whoever owns the state
 * passes an implementation in (counts precomputed, so the header costs nothing per keypress).
 */
export interface PaperMarks {
  isUnread(paper: Paper): boolean;
  isStarred(paper: Paper): boolean;
  unreadCount: number;
  starredCount: number;
}

/** Until read/star state exists: everything unread, nothing starred. */
export function allUnread(total: number): PaperMarks {
  return { isUnread: () => true, isStarred: () => false, unreadCount: total, starredCount: 0 };
}
