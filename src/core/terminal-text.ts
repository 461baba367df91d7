/**
 * The one boundary between untrusted text (digest titles, abstracts, links, file names, anything a
 * user typed into a file) and a terminal. Every human-facing output path (CLI lines, stderr
 * messages, reader cells) passes text through `terminalText` or `terminalLine`; the library and
 * `--json` keep the text byte-exact (JSON goes through `safeJson`, whose escaping is the safety).
 */

// ESC-introduced sequences and their 8-bit (C1) forms, matched whole so that no parameter bytes
// are left behind as text: CSI (cursor moves, SGR, erase), OSC (title, hyperlinks, clipboard),
// DCS / SOS / PM / APC strings (terminated by ST or BEL, or running to the end of the text), and
// the two-character ESC forms (ESC c resets the terminal).
const SEQUENCES =
  /(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]?|(?:\u001B[\]PX^_]|[\u009D\u0090\u0098\u009E\u009F])[\s\S]*?(?:\u0007|\u001B\\|\u009C|$)|\u001B[\u0020-\u002F]*[\u0030-\u007E]?/g;
// What is left that a terminal would act on: C0 controls, DEL, C1 controls.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
// Bidirectional overrides and isolates reorder what follows them on screen (the "trojan source"
// trick): a title could make its own text read as something else.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const SAFE_ASCII = /^[\u0020-\u007E]*$/;
const TAB_STOP = 8;

/** Caret notation for a control character, as less and cat -v show it (^[ for ESC, ^? for DEL). */
function caret(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let col = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const n = TAB_STOP - (col % TAB_STOP);
      out += ' '.repeat(n);
      col += n;
    } else if (ch === '\n') {
      out += ch;
      col = 0;
    } else {
      out += ch;
      col += 1;
    }
  }
  return out;
}

/**
 * Text that can be written to a terminal and only ever shows as characters: escape sequences are
 * removed whole, tabs expanded, other controls shown in caret notation (^G, ^H, ^M), bidi
 * overrides dropped. Newlines are kept when `keepNewlines` (multi-line output the caller lays out).
 */
export function terminalText(text: string, keepNewlines = false): string {
  if (SAFE_ASCII.test(text)) return text;
  let s = text.replace(SEQUENCES, '').replace(BIDI, '');
  s = expandTabs(s);
  s = s.replace(/\r\n/g, '\n');
  return s.replace(CONTROL, (ch) => {
    if (ch === '\n') return keepNewlines ? '\n' : ' ';
    if (ch === '\r') return ' ';
    return caret(ch);
  });
}

/** One line of output: like terminalText, with line breaks inside the text shown as spaces. */
export function terminalLine(text: string): string {
  return terminalText(text, false);
}

/** True when the text holds nothing a terminal would act on (what terminalText leaves unchanged). */
export function isTerminalSafe(text: string): boolean {
  return terminalText(text, true) === text;
}

// JSON.stringify escapes C0 controls but leaves C1 controls (U+009B is a one-byte CSI to some
// terminals), DEL and bidi overrides raw; \u escapes keep the document valid and the text exact.
const JSON_UNSAFE = /[\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u2028\u2029]/g;

/** JSON for a terminal or a pipe: the values exact, no byte a terminal would act on. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    JSON_UNSAFE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
