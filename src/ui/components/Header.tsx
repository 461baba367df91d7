import type { TextProps } from 'ink';
import { memo } from 'react';
import type { Theme } from '../theme.js';
import { displayWidth, fitSegments, type Segment } from '../text.js';
import { Line } from './Line.js';

export interface HeaderProps {
  width: number;
  total: number;
  unread: number;
  starred: number;
  view: string;
  query: string;
  /** 1-based position of the selection in the view, 0 when the view is empty. */
  position: number;
  count: number;
  theme: Theme;
}

/** What is loaded and where you are: counts on the left, position on the right. */
export const Header = memo(function Header(p: HeaderProps) {
  const right = p.count > 0 ? ` ${p.position}/${p.count} ` : ' 0/0 ';
  const left: Segment<TextProps>[] = [
    { text: ' paperterm', style: p.theme.appName },
    { text: `  ${p.total} papers · ${p.unread} unread · ${p.starred} starred`, style: p.theme.header },
    { text: `  │ ${p.view}`, style: p.theme.header },
  ];
  if (p.query) left.push({ text: `  /${p.query}`, style: p.theme.header });
  const leftWidth = Math.max(0, p.width - displayWidth(right));
  return <Line segments={[...fitSegments(left, leftWidth, {}), { text: right, style: p.theme.header }]} />;
});
