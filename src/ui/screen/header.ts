import type { TextProps } from 'ink';
import type { Theme } from '../theme.js';
import { displayWidth, fitSegments, sanitize, type Segment } from '../text.js';
import { line } from './ansi.js';

export interface HeaderInfo {
  width: number;
  total: number;
  unread: number;
  starred: number;
  /** The view's name ("Unread") and how many papers it has. */
  view: string;
  viewSize: number;
  /** The search, '' for none. */
  query: string;
  /** Papers the list stands for (the matches, with a search). */
  count: number;
  /** False when `count` is a lower bound ("40+"). */
  countExact: boolean;
  /** The search waits for the index. */
  indexing: boolean;
  /** Share of the library read while it still loads; null (or absent) once it is all in. */
  loading?: number | null;
  /** False while marks cannot be saved. */
  saving: boolean;
  /** 1-based position of the selection in the view, 0 when the view is empty. */
  position: number;
  theme: Theme;
}

/**
 * What is loaded and where you are: the view and its search with matches/total, the library's
 * counts (dropped first when the line is short), the position on the right.
 */
export function headerLine(p: HeaderInfo): string {
  const count = `${p.count}${p.countExact ? '' : '+'}`;
  const right = ` ${p.position}/${count} `;
  const t = p.theme;
  const counts: Segment<TextProps> = { text: `  ${p.total} papers · ${p.unread} unread · ${p.starred} starred`, style: t.header };
  const where: Segment<TextProps>[] = [];
  if (p.query) {
    where.push({ text: `  │ ${p.view}`, style: t.header }, { text: `  /${sanitize(p.query)}`, style: t.key });
    where.push({ text: p.indexing ? '  indexing…' : `  ${count}/${p.viewSize} ${p.count === 1 ? 'match' : 'matches'}`, style: t.header });
  } else {
    where.push({ text: `  │ ${p.view} ${p.viewSize}`, style: t.header });
  }
  if (p.loading !== undefined && p.loading !== null) where.push({ text: `  loading ${Math.floor(p.loading * 100)}%…`, style: t.header });
  if (!p.saving) where.push({ text: '  marks not saved', style: t.warning });
  const name: Segment<TextProps> = { text: ' paperterm', style: t.appName };
  const room = Math.max(0, p.width - displayWidth(right));
  let left = [name, counts, ...where];
  if (left.reduce((n, s) => n + displayWidth(s.text), 0) > room) left = [name, ...where];
  return line([...fitSegments(left, room, {}), { text: right, style: t.header }]);
}
