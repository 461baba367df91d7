import type { Style } from './style.js';

/**
 * Text styles by role (Ink Text props, see style.ts): the one place the reader's look is decided.
 * In monochrome (NO_COLOR, --no-color) only bold, underline and inverse remain, so the selection
 * still shows and nothing depends on colour; search matches are bold there.
 */
export interface Theme {
  appName: Style;
  header: Style;
  selected: Style;
  /** The selected row while the detail pane has focus. */
  selectedIdle: Style;
  unread: Style;
  /** The marker of a paper new since the reader was last opened. */
  fresh: Style;
  /** Titles of unread papers: bold, so unread reads at a glance without colour too. */
  unreadTitle: Style;
  starred: Style;
  /** Characters a search matched, in list and detail titles. */
  match: Style;
  /** The rest of a title that has matches (so that bold matches stand out of a bold title). */
  matchRest: Style;
  /** Status-line problems (marks not saved, a damaged state file, load warnings). */
  warning: Style;
  date: Style;
  rule: Style;
  title: Style;
  meta: Style;
  heading: Style;
  link: Style;
  muted: Style;
  key: Style;
  hint: Style;
}

export function makeTheme(color: boolean): Theme {
  if (!color) {
    return {
      appName: { bold: true },
      header: {},
      selected: { inverse: true },
      selectedIdle: { bold: true },
      unread: {},
      fresh: { bold: true },
      unreadTitle: { bold: true },
      starred: {},
      match: { bold: true },
      matchRest: { bold: false },
      warning: { bold: true },
      date: {},
      rule: {},
      title: { bold: true },
      meta: {},
      heading: { bold: true },
      link: { underline: true },
      muted: {},
      key: { bold: true },
      hint: {},
    };
  }
  return {
    appName: { bold: true, color: 'cyan' },
    header: {},
    selected: { inverse: true },
    selectedIdle: { bold: true, color: 'cyan' },
    unread: { color: 'cyan' },
    fresh: { color: 'green', bold: true },
    unreadTitle: { bold: true },
    starred: { color: 'yellow' },
    match: { color: 'green', underline: true },
    matchRest: {},
    warning: { color: 'yellow', bold: true },
    date: { color: 'gray' },
    rule: { color: 'gray' },
    title: { bold: true },
    meta: { color: 'yellow' },
    heading: { bold: true },
    link: { color: 'blue', underline: true },
    muted: { color: 'gray' },
    key: { bold: true, color: 'cyan' },
    hint: { color: 'gray' },
  };
}
