/**
 * The reader's keys: the table (key/bindings.ts), key to command (key/match.ts), and how keys are
 * written in the help and the footer (key/format.ts), re-exported here. Key names come from the
 * terminal's one key decoder (ui/terminal/keys.ts).
 */

export { BINDINGS, FOOTER_HINTS, MODES, type Binding, type Command, type Mode, type Section } from './key/bindings.js';
export { commandFor } from './key/match.js';
export { footerHints, HELP_ENTRY_WIDTH, HELP_KEYS_WIDTH, helpSections, keyLabel, keysFor, SECTION_ORDER, type HelpEntry } from './key/format.js';
