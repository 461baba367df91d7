/**
 * The one table of keys. Key handling (match.ts), the help overlay and the footer hints (format.ts)
 * are all generated from it, so they cannot disagree. A new key is a Command here, a row in
 * BINDINGS (and, if it belongs in the footer, in FOOTER_HINTS), and a case in ../dispatch.ts.
 */

/** What a key asks for. Navigation commands are reduced in navigation.ts; dispatch.ts runs the rest. */
export type Command =
  | 'down'
  | 'up'
  | 'top'
  | 'bottom'
  | 'pageDown'
  | 'pageUp'
  | 'halfPageDown'
  | 'halfPageUp'
  | 'focusDetail'
  | 'focusList'
  | 'toggleFocus'
  | 'toggleHelp'
  | 'closeHelp'
  | 'redraw'
  | 'suspend'
  | 'quit'
  // Marks (mark-actions.ts runs them against the state store).
  | 'toggleRead'
  | 'toggleStar'
  | 'markUnread'
  | 'markAllRead'
  | 'undo'
  // Views and search.
  | 'viewAll'
  | 'viewUnread'
  | 'viewStarred'
  | 'viewNew'
  | 'similarPapers'
  | 'viewNextDate'
  | 'olderDay'
  | 'newerDay'
  | 'nextUnread'
  | 'previousUnread'
  | 'cycleOrder'
  | 'openSearch'
  | 'clearSearch'
  // Links and the clipboard (link-keys.ts): the app performs what they return.
  | 'copyLink'
  | 'copyMarkdown'
  | 'copyBibtex'
  | 'openLink'
  // After o on a paper with several links: 1–9 that link, o or Enter the first, anything else cancels.
  | 'openNthLink'
  | 'openFirstLink'
  | 'cancelLink'
  // The search line.
  | 'searchSubmit'
  | 'searchCancel'
  // ↑ / ↓: earlier queries while the line is empty or untouched, else a move in the results.
  | 'historyBack'
  | 'historyForward'
  | 'cursorLeft'
  | 'cursorRight'
  | 'lineStart'
  | 'lineEnd'
  | 'deleteBack'
  | 'deleteForward'
  | 'deleteWord'
  | 'clearLine'
  // The one-key confirmation ("Mark 12 papers read? y/n"); any key but y says no.
  | 'confirmYes'
  | 'confirmNo';

/**
 * Where a key is pressed: which pane has focus, the help overlay, the search line, a y/n question,
 * o waiting for a link number, or a terminal too small to draw in.
 */
export type Mode = 'list' | 'detail' | 'help' | 'search' | 'confirm' | 'link' | 'too-small';

export const MODES: readonly Mode[] = ['list', 'detail', 'help', 'search', 'confirm', 'link', 'too-small'];

export type Section = 'List' | 'Detail' | 'Marks' | 'Views and search' | 'Links' | 'Search line' | 'Anywhere';

export interface Binding {
  /** Canonical key names, as produced by keyNames(): 'j', 'G', 'down', 'ctrl+d', 'enter', 'space'… */
  keys: readonly string[];
  command: Command;
  modes: readonly Mode[];
  section: Section;
  /** Shown in the help overlay. */
  help: string;
}

const EVERYWHERE: readonly Mode[] = MODES;
/** Both panes: marks, views and search work the same whichever has focus. */
const PANES: readonly Mode[] = ['list', 'detail'];

export const BINDINGS: readonly Binding[] = [
  { keys: ['j', 'down'], command: 'down', modes: ['list'], section: 'List', help: 'next paper' },
  { keys: ['k', 'up'], command: 'up', modes: ['list'], section: 'List', help: 'previous paper' },
  { keys: ['g', 'home'], command: 'top', modes: ['list'], section: 'List', help: 'first paper' },
  { keys: ['G', 'end'], command: 'bottom', modes: ['list'], section: 'List', help: 'last paper' },
  { keys: ['pagedown'], command: 'pageDown', modes: ['list'], section: 'List', help: 'page down' },
  { keys: ['pageup', 'b'], command: 'pageUp', modes: ['list'], section: 'List', help: 'page up' },
  { keys: ['ctrl+d'], command: 'halfPageDown', modes: ['list'], section: 'List', help: 'half a page down' },
  { keys: ['ctrl+u'], command: 'halfPageUp', modes: ['list'], section: 'List', help: 'half a page up' },
  { keys: ['enter', 'l', 'right'], command: 'focusDetail', modes: ['list'], section: 'List', help: 'open (marks it read)' },

  { keys: ['j', 'down'], command: 'down', modes: ['detail'], section: 'Detail', help: 'scroll down' },
  { keys: ['k', 'up'], command: 'up', modes: ['detail'], section: 'Detail', help: 'scroll up' },
  { keys: ['g', 'home'], command: 'top', modes: ['detail'], section: 'Detail', help: 'to the top' },
  { keys: ['G', 'end'], command: 'bottom', modes: ['detail'], section: 'Detail', help: 'to the end' },
  { keys: ['pagedown', 'space'], command: 'pageDown', modes: ['detail'], section: 'Detail', help: 'page down' },
  { keys: ['pageup', 'b'], command: 'pageUp', modes: ['detail'], section: 'Detail', help: 'page up' },
  { keys: ['ctrl+d'], command: 'halfPageDown', modes: ['detail'], section: 'Detail', help: 'half a page down' },
  { keys: ['ctrl+u'], command: 'halfPageUp', modes: ['detail'], section: 'Detail', help: 'half a page up' },
  { keys: ['h', 'escape', 'left'], command: 'focusList', modes: ['detail'], section: 'Detail', help: 'back to the list' },

  { keys: ['space', 'm'], command: 'toggleRead', modes: ['list'], section: 'Marks', help: 'read / unread (toggle)' },
  // In the detail Space pages, as in less; m still toggles.
  { keys: ['m'], command: 'toggleRead', modes: ['detail'], section: 'Marks', help: '' },
  { keys: ['s', '*'], command: 'toggleStar', modes: PANES, section: 'Marks', help: 'star / unstar (toggle)' },
  { keys: ['U'], command: 'markUnread', modes: PANES, section: 'Marks', help: 'mark unread again' },
  { keys: ['A'], command: 'markAllRead', modes: PANES, section: 'Marks', help: 'all listed read (y/n)' },
  { keys: ['u'], command: 'undo', modes: PANES, section: 'Marks', help: 'undo (step by step)' },

  { keys: ['1'], command: 'viewAll', modes: PANES, section: 'Views and search', help: 'all papers' },
  { keys: ['2'], command: 'viewUnread', modes: PANES, section: 'Views and search', help: 'unread papers' },
  { keys: ['3'], command: 'viewStarred', modes: PANES, section: 'Views and search', help: 'starred papers' },
  { keys: ['4'], command: 'viewNew', modes: PANES, section: 'Views and search', help: 'new since last opened' },
  { keys: ['r'], command: 'similarPapers', modes: PANES, section: 'Views and search', help: 'similar papers' },
  { keys: ['d'], command: 'viewNextDate', modes: PANES, section: 'Views and search', help: 'digest dates (cycles)' },
  { keys: ['S'], command: 'cycleOrder', modes: PANES, section: 'Views and search', help: 'sort order (cycles)' },
  { keys: ['/'], command: 'openSearch', modes: PANES, section: 'Views and search', help: 'search (live)' },
  { keys: ['escape'], command: 'clearSearch', modes: ['list'], section: 'Views and search', help: 'clear search / back' },

  { keys: ['n'], command: 'nextUnread', modes: PANES, section: 'Views and search', help: 'next unread paper' },
  { keys: ['p'], command: 'previousUnread', modes: PANES, section: 'Views and search', help: 'previous unread paper' },
  { keys: ['['], command: 'olderDay', modes: PANES, section: 'Views and search', help: 'day before (older)' },
  { keys: [']'], command: 'newerDay', modes: PANES, section: 'Views and search', help: 'day after (newer)' },

  { keys: ['o'], command: 'openLink', modes: PANES, section: 'Links', help: 'open link (o 2: 2nd)' },
  { keys: ['y'], command: 'copyLink', modes: PANES, section: 'Links', help: 'copy the link (title)' },
  { keys: ['Y'], command: 'copyMarkdown', modes: PANES, section: 'Links', help: 'copy a Markdown link' },
  { keys: ['c'], command: 'copyBibtex', modes: PANES, section: 'Links', help: 'copy a BibTeX entry' },
  { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], command: 'openNthLink', modes: ['link'], section: 'Links', help: '' },
  { keys: ['o', 'enter'], command: 'openFirstLink', modes: ['link'], section: 'Links', help: '' },
  { keys: ['escape'], command: 'cancelLink', modes: ['link'], section: 'Links', help: '' },

  { keys: ['enter'], command: 'searchSubmit', modes: ['search'], section: 'Search line', help: 'keep the search' },
  { keys: ['escape'], command: 'searchCancel', modes: ['search'], section: 'Search line', help: 'clear it, go back' },
  { keys: ['up'], command: 'historyBack', modes: ['search'], section: 'Search line', help: 'earlier query / up' },
  { keys: ['down'], command: 'historyForward', modes: ['search'], section: 'Search line', help: 'later query / down' },
  { keys: ['pagedown'], command: 'pageDown', modes: ['search'], section: 'Search line', help: '' },
  { keys: ['pageup'], command: 'pageUp', modes: ['search'], section: 'Search line', help: '' },
  { keys: ['left'], command: 'cursorLeft', modes: ['search'], section: 'Search line', help: '' },
  { keys: ['right'], command: 'cursorRight', modes: ['search'], section: 'Search line', help: '' },
  { keys: ['home', 'ctrl+a'], command: 'lineStart', modes: ['search'], section: 'Search line', help: 'start of the line' },
  { keys: ['end', 'ctrl+e'], command: 'lineEnd', modes: ['search'], section: 'Search line', help: 'end of the line' },
  // Ink reports the Backspace key (DEL, 0x7f) as "delete", so both erase backwards, as in ink-text-input.
  { keys: ['backspace', 'delete'], command: 'deleteBack', modes: ['search'], section: 'Search line', help: 'erase a character' },
  { keys: ['ctrl+d'], command: 'deleteForward', modes: ['search'], section: 'Search line', help: 'erase under the cursor' },
  { keys: ['ctrl+w'], command: 'deleteWord', modes: ['search'], section: 'Search line', help: 'erase a word' },
  { keys: ['ctrl+u'], command: 'clearLine', modes: ['search'], section: 'Search line', help: 'erase to the start' },

  { keys: ['y'], command: 'confirmYes', modes: ['confirm'], section: 'Anywhere', help: '' },
  { keys: ['n', 'escape'], command: 'confirmNo', modes: ['confirm'], section: 'Anywhere', help: '' },

  { keys: ['tab'], command: 'toggleFocus', modes: ['list', 'detail'], section: 'Anywhere', help: 'switch list / detail' },
  { keys: ['?'], command: 'toggleHelp', modes: ['list', 'detail', 'help'], section: 'Anywhere', help: 'this help (toggle)' },
  { keys: ['ctrl+l'], command: 'redraw', modes: EVERYWHERE, section: 'Anywhere', help: 'redraw the screen' },
  { keys: ['ctrl+z'], command: 'suspend', modes: EVERYWHERE, section: 'Anywhere', help: 'suspend (fg resumes)' },
  { keys: ['q'], command: 'quit', modes: ['list', 'detail', 'too-small'], section: 'Anywhere', help: 'quit' },
  { keys: ['ctrl+c'], command: 'quit', modes: EVERYWHERE, section: 'Anywhere', help: 'quit, from anywhere' },

  // Inside the help overlay: scroll it when it does not fit, leave it with Esc or q.
  { keys: ['j', 'down'], command: 'down', modes: ['help'], section: 'Anywhere', help: '' },
  { keys: ['k', 'up'], command: 'up', modes: ['help'], section: 'Anywhere', help: '' },
  { keys: ['g', 'home'], command: 'top', modes: ['help'], section: 'Anywhere', help: '' },
  { keys: ['G', 'end'], command: 'bottom', modes: ['help'], section: 'Anywhere', help: '' },
  { keys: ['pagedown', 'space'], command: 'pageDown', modes: ['help'], section: 'Anywhere', help: '' },
  { keys: ['pageup', 'b'], command: 'pageUp', modes: ['help'], section: 'Anywhere', help: '' },
  { keys: ['escape', 'q'], command: 'closeHelp', modes: ['help'], section: 'Anywhere', help: '' },
];

/** Footer hints per mode, in order of importance; their keys are looked up in BINDINGS. */
export const FOOTER_HINTS: Readonly<Record<Mode, readonly { commands: readonly Command[]; label: string }[]>> = {
  // Help and quit come right after moving: a narrow footer (60 or 40 columns) still shows how to
  // get help and how to leave.
  list: [
    { commands: ['down', 'up'], label: 'move' },
    { commands: ['toggleHelp'], label: 'help' },
    { commands: ['quit'], label: 'quit' },
    { commands: ['focusDetail'], label: 'open' },
    { commands: ['toggleRead'], label: 'read' },
    { commands: ['toggleStar'], label: 'star' },
    { commands: ['openSearch'], label: 'search' },
    { commands: ['viewAll', 'viewUnread', 'viewStarred'], label: 'views' },
    { commands: ['undo'], label: 'undo' },
    { commands: ['nextUnread'], label: 'next unread' },
  ],
  detail: [
    { commands: ['down', 'up'], label: 'scroll' },
    { commands: ['toggleHelp'], label: 'help' },
    { commands: ['quit'], label: 'quit' },
    { commands: ['focusList'], label: 'back' },
    { commands: ['pageDown'], label: 'page' },
    { commands: ['toggleStar'], label: 'star' },
    { commands: ['toggleRead'], label: 'read' },
  ],
  help: [
    { commands: ['down', 'up'], label: 'scroll' },
    { commands: ['closeHelp'], label: 'close' },
  ],
  search: [
    { commands: ['searchSubmit'], label: 'keep' },
    { commands: ['searchCancel'], label: 'clear' },
    { commands: ['historyForward', 'historyBack'], label: 'move/history' },
  ],
  confirm: [],
  link: [
    { commands: ['openFirstLink'], label: 'first link' },
    { commands: ['cancelLink'], label: 'cancel' },
  ],
  'too-small': [],
};

