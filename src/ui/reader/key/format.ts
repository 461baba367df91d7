import { BINDINGS, FOOTER_HINTS, type Command, type Mode, type Section } from './bindings.js';

const KEY_LABELS: Record<string, string> = {
  down: '↓',
  up: '↑',
  left: '←',
  right: '→',
  pagedown: 'PgDn',
  pageup: 'PgUp',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  space: 'Space',
  backspace: 'Backspace',
  delete: 'Del',
};

/** How a key is written for people: "Ctrl-d", "PgDn", "↓", "G". */
export function keyLabel(key: string): string {
  if (key.startsWith('ctrl+')) return `Ctrl-${key.slice(5)}`;
  return KEY_LABELS[key] ?? key;
}

/**
 * The room of one help entry: the help shows two sections side by side from 80 columns, where the
 * box takes 4 (borders and padding), the last column stays empty and 2 separate the halves:
 * floor((80 - 5 - 2) / 2) = 36, of which the keys take HELP_KEYS_WIDTH. The keymap's texts fit
 * (a test holds them to it), so nothing in the help is cut at 80 columns.
 */
export const HELP_ENTRY_WIDTH = 36;
export const HELP_KEYS_WIDTH = 14;

export interface HelpEntry {
  keys: string;
  help: string;
}

/**
 * Sections in the order the help overlay shows them, two side by side where there is room: at
 * 80×24 the first four fit without scrolling, the search keys are a j away.
 */
export const SECTION_ORDER: readonly Section[] = ['List', 'Detail', 'Marks', 'Anywhere', 'Views and search', 'Links', 'Search line'];

/** The help overlay's content: every documented binding, by section. */
export function helpSections(): { title: Section | 'Mouse'; entries: HelpEntry[] }[] {
  const keys = SECTION_ORDER.map((title) => ({
    title,
    entries: BINDINGS.filter((b) => b.section === title && b.help).map((b) => ({
      keys: b.keys.map(keyLabel).join(' '),
      help: b.help,
    })),
  }));
  return [...keys, { title: 'Mouse' as const, entries: [...MOUSE_HELP] }];
}

/** What the mouse does (pointer.ts), said in the help after the keys; off with --no-mouse. */
export const MOUSE_HELP: readonly HelpEntry[] = [
  { keys: 'wheel', help: 'scroll pane under it' },
  { keys: 'click row', help: 'select; again: open' },
  { keys: 'click detail', help: 'focus; link: open it' },
];

/** How to type a command in a mode, e.g. keysFor('help', 'closeHelp') → "Esc/q". */
export function keysFor(mode: Mode, command: Command, max = Infinity): string {
  return BINDINGS.filter((b) => b.command === command && b.modes.includes(mode))
    .flatMap((b) => b.keys)
    .slice(0, max)
    .map(keyLabel)
    .join('/');
}

/** Footer hints for a mode, e.g. [{ keys: 'j/k', label: 'move' }, …]: each command's first key. */
export function footerHints(mode: Mode): { keys: string; label: string }[] {
  return FOOTER_HINTS[mode].map((hint) => ({
    keys: hint.commands.map((c) => keysFor(mode, c, 1)).filter(Boolean).join('/'),
    label: hint.label,
  }));
}
