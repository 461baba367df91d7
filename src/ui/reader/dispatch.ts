import type { Browse } from './browse.js';
import type { Command, Mode } from './key/bindings.js';
import { commandFor } from './key/match.js';
import { typedText } from './line-edit.js';
import type { LinkKeys } from './link-keys.js';
import type { MarkActions } from './mark-actions.js';
import type { ReaderModel } from './model.js';
import { modeOf, REDUCED_COMMANDS } from './navigation.js';
import type { SearchFetch } from './search-fetch.js';
import type { SimilarPapers } from './similar-list.js';
import type { Effect, Measure } from './types.js';
import { ALL, nextDateView } from './views.js';

/** The concerns a key can reach. */
export interface Parts {
  model: ReaderModel;
  marks: MarkActions;
  search: SearchFetch;
  browse: Browse;
  links: LinkKeys;
  similar: SimilarPapers;
}

/** Where keys go now: the pane with focus, unless a question, the search line or the help is up. */
export function modeNow({ model, marks, search, links }: Parts): Mode {
  const nav = modeOf(model.nav);
  if (nav === 'too-small') return nav;
  if (marks.confirm !== undefined) return 'confirm';
  if (links.choosing) return 'link';
  if (search.line) return 'search';
  return nav;
}

/** One key: its command in the current mode, run by the concern it belongs to. */
export function dispatchKey(parts: Parts, name: string, measure: Measure): Effect | void {
  if (parts.links.absorbs(name)) return undefined;
  const mode = modeNow(parts);
  const command = commandFor(mode, name);
  if (command === 'quit' || command === 'redraw' || command === 'suspend') return command;
  if (mode === 'confirm') {
    // The key that answers does nothing else.
    parts.marks.answer(command === 'confirmYes');
    return undefined;
  }
  parts.model.status = undefined;
  if (mode === 'link') {
    // The key that answers o does nothing else; one that is not an answer cancels.
    if (command === 'openNthLink') return parts.links.choose(Number(name));
    if (command === 'openFirstLink') return parts.links.choose(1);
    return parts.links.cancel();
  }
  if (mode === 'search' && command === undefined) {
    const typed = typedText(name);
    if (typed !== undefined) parts.search.type(typed);
    return undefined;
  }
  if (command !== undefined) return runCommand(parts, command, measure);
  return undefined;
}

function runCommand(parts: Parts, command: Command, measure: Measure): Effect | void {
  const { model, marks, search, browse, links, similar } = parts;
  const paper = model.selected;
  switch (command) {
    case 'toggleRead':
      if (paper) marks.toggleRead(paper);
      return;
    case 'toggleStar':
      if (paper) marks.toggleStar(paper);
      return;
    case 'markUnread':
      if (paper) marks.markUnread(paper);
      return;
    case 'markAllRead':
      search.fetch(Infinity);
      return marks.askMarkAllRead();
    case 'undo':
      return marks.undo();
    case 'viewAll':
      return browse.show(ALL);
    case 'viewUnread':
      return browse.show({ kind: 'unread' });
    case 'viewStarred':
      return browse.show({ kind: 'starred' });
    case 'viewNew':
      browse.show({ kind: 'new', ids: model.newIds });
      if (model.newIds.size === 0) model.say('No new papers since the reader was last opened');
      return;
    case 'similarPapers':
      return similar.open();
    case 'viewNextDate':
      return browse.show(nextDateView(model.view, model.days));
    case 'olderDay':
      return browse.stepDay('older');
    case 'newerDay':
      return browse.stepDay('newer');
    case 'nextUnread':
      return browse.jumpUnread(1);
    case 'previousUnread':
      return browse.jumpUnread(-1);
    case 'cycleOrder':
      return browse.cycleOrder();
    case 'copyLink':
      return links.copy('link');
    case 'copyMarkdown':
      return links.copy('markdown');
    case 'copyBibtex':
      return links.copy('bibtex');
    case 'openLink':
      return links.open();
    case 'openSearch':
      return search.open();
    case 'clearSearch':
      // Esc leaves a similar-papers list first (back where r was pressed), then the search.
      if (similar.back()) return;
      return search.clear();
    case 'searchSubmit':
      return search.submit();
    case 'searchCancel':
      return search.cancel();
    case 'historyBack':
      if (!search.recall(true)) navigate(parts, 'up', measure);
      return;
    case 'historyForward':
      if (!search.recall(false)) navigate(parts, 'down', measure);
      return;
    case 'cursorLeft':
    case 'cursorRight':
    case 'lineStart':
    case 'lineEnd':
    case 'deleteBack':
    case 'deleteForward':
    case 'deleteWord':
    case 'clearLine':
      return search.editCommand(command);
    default:
      if (REDUCED_COMMANDS.has(command)) navigate(parts, command, measure);
      return undefined;
  }
}

function navigate({ model, marks, search }: Parts, command: Command, measure: Measure): void {
  if (command === 'bottom' && model.nav.focus === 'list' && !model.nav.help) search.fetch(Infinity);
  const before = model.nav;
  const mode = modeOf(before);
  model.navigate({
    type: 'command',
    command,
    detailLines: mode === 'detail' ? measure.detailLines(model.selected, before) : 0,
    helpLines: mode === 'help' ? measure.helpLines(before) : 0,
  });
  // Opening a paper is reading it; Tab only moves the focus (to scroll, or to look before deciding).
  if (command === 'focusDetail' && before.focus === 'list' && model.nav.focus === 'detail' && model.selected) marks.opened(model.selected);
  search.fetchAhead();
}
