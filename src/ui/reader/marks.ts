import type { Paper } from '../../core/types.js';
import { marksOf, type MarkMap } from '../../state/types.js';

/**
 * Read/star marks as the reader shows them, with the header's counts precomputed so that drawing
 * a frame costs nothing per paper in the library.
 */
export interface PaperMarks {
  isUnread(paper: Paper): boolean;
  isStarred(paper: Paper): boolean;
  unreadCount: number;
  starredCount: number;
}

/**
 * The marks of the loaded papers. The store may hold marks of papers in digests not loaded now;
 * they are not counted. Costs one pass over the marked papers, not the library.
 */
export function paperMarks(marks: MarkMap, loaded: ReadonlySet<string>): PaperMarks {
  let read = 0;
  let starred = 0;
  for (const [id, m] of marks) {
    if (!loaded.has(id)) continue;
    if (m.read) read++;
    if (m.starred) starred++;
  }
  return {
    isUnread: (p) => !marksOf(marks, p.id).read,
    isStarred: (p) => marksOf(marks, p.id).starred,
    unreadCount: loaded.size - read,
    starredCount: starred,
  };
}
