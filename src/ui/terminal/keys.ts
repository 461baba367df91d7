import { PASTE_END, PASTE_START } from './escapes.js';

/**
 * The one key decoder: bytes read from the terminal become key names ('j', 'G', 'space', 'enter',
 * 'escape', 'up', 'pagedown', 'ctrl+d', 'f1'…), as the keymap binds them, and pastes become text.
 *
 * - An Esc that does not start a known sequence is Esc, then whatever follows it (`ESC j` read at
 *   once, as fast typing or an SSH hop delivers it, is Esc then j). Alt-keys are not bound, so
 *   nothing is lost by not reading ESC+key as Alt.
 * - Complete sequences are read whole: CSI (arrows, Home/End, PgUp/PgDn, F-keys, with modifiers),
 *   SS3 (arrows, Home/End, F1–F4 in application mode). Unknown sequences are dropped whole, so
 *   their bytes never act as keys.
 * - Bracketed paste (ESC[200~ … ESC[201~) is text, across as many reads as it takes.
 * - A read that ends inside a sequence (or on a lone Esc) is held until the next read, or until
 *   `flush` (the reader calls it after a short wait): then the Esc is a key after all.
 */
export type KeyEvent = { kind: 'key'; name: string } | { kind: 'paste'; text: string };

const ESC = '\u001b';

const CONTROL_NAMES: Record<string, string> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  ' ': 'space',
  '\u007f': 'backspace',
  '\b': 'backspace',
  '\u0000': 'ctrl+space',
};

/** Final bytes of CSI / SS3 sequences with no number: arrows, Home, End, Shift-Tab, F1–F4. */
const LETTER_KEYS: Record<string, string> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  Z: 'shift+tab',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};

/** `CSI n ~` keys. */
const TILDE_KEYS: Record<string, string> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
  '11': 'f1',
  '12': 'f2',
  '13': 'f3',
  '14': 'f4',
  '15': 'f5',
  '17': 'f6',
  '18': 'f7',
  '19': 'f8',
  '20': 'f9',
  '21': 'f10',
  '23': 'f11',
  '24': 'f12',
};

/** xterm modifier parameter (1 + bits: shift 1, alt 2, ctrl 4) as a name prefix. */
function modifiers(param: string | undefined): string {
  const m = Number(param ?? '1') - 1;
  if (!Number.isInteger(m) || m <= 0) return '';
  return `${m & 4 ? 'ctrl+' : ''}${m & 2 ? 'alt+' : ''}${m & 1 ? 'shift+' : ''}`;
}

/** The name of one character that is not part of an escape sequence. */
function charName(ch: string): string {
  const named = CONTROL_NAMES[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  // Ctrl-A … Ctrl-Z arrive as 0x01 … 0x1a.
  if (ch.length === 1 && code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  if (ch.length === 1 && code >= 0x1c && code <= 0x1f) return `ctrl+${String.fromCharCode(code + 64)}`;
  return ch;
}

// CSI: parameter bytes, intermediate bytes, a final byte. Anchored at the ESC.
const CSI_SEQ = /^\u001b\[([0-?]*)([ -/]*)([@-~])/;
// A CSI cut off by the end of the read: more bytes will come.
const CSI_PARTIAL = /^\u001b\[[0-?]*[ -/]*$/;

type Step = { names: string[]; length: number } | 'partial';

/** The sequence at the start of `text` (which starts with ESC). */
function sequence(text: string): Step {
  if (text.length === 1) return 'partial';
  const second = text[1]!;
  if (second === '[') {
    const m = CSI_SEQ.exec(text);
    if (!m) return CSI_PARTIAL.test(text) ? 'partial' : { names: ['escape'], length: 1 };
    const [whole, params, , final] = m as unknown as [string, string, string, string];
    const parts = params.split(';');
    let name: string | undefined;
    if (final === '~') {
      const key = TILDE_KEYS[parts[0]!];
      if (key) name = modifiers(parts[1]) + key;
    } else if (LETTER_KEYS[final] && !params.startsWith('<') && !params.startsWith('?')) {
      name = modifiers(parts[1]) + LETTER_KEYS[final];
    }
    // Unknown sequences (focus reports, mouse, replies) are dropped whole.
    return { names: name ? [name] : [], length: whole.length };
  }
  if (second === 'O') {
    if (text.length === 2) return 'partial';
    const key = LETTER_KEYS[text[2]!];
    if (key && text[2] !== 'Z') return { names: [key], length: 3 };
    return { names: ['escape'], length: 1 };
  }
  // Esc, then whatever follows it (which is read on its own).
  return { names: ['escape'], length: 1 };
}

export class KeyDecoder {
  /** Bytes of a sequence cut off by the end of the last read. */
  #held = '';
  /** The text of a paste still arriving. */
  #paste: string | undefined;

  /** True when bytes are held for the next read (see flush). */
  get pending(): boolean {
    return this.#held !== '' && this.#paste === undefined;
  }

  /** The keys and pastes in one read from the terminal. */
  feed(chunk: string): KeyEvent[] {
    const events: KeyEvent[] = [];
    const text = this.#held + chunk;
    this.#held = '';
    let i = 0;
    const key = (name: string) => events.push({ kind: 'key', name });
    while (i < text.length) {
      if (this.#paste !== undefined) {
        const end = text.indexOf(PASTE_END, i);
        if (end === -1) {
          // Keep a possible start of the end marker for the next read.
          const keep = partialSuffix(text.slice(i), PASTE_END);
          this.#paste += text.slice(i, text.length - keep);
          this.#held = text.slice(text.length - keep);
          return events;
        }
        events.push({ kind: 'paste', text: this.#paste + text.slice(i, end) });
        this.#paste = undefined;
        i = end + PASTE_END.length;
        continue;
      }
      if (text.startsWith(PASTE_START, i)) {
        this.#paste = '';
        i += PASTE_START.length;
        continue;
      }
      const ch = text[i]!;
      if (ch === ESC) {
        const step = sequence(text.slice(i, i + 64));
        if (step === 'partial') {
          this.#held = text.slice(i);
          return events;
        }
        for (const name of step.names) key(name);
        i += step.length;
        continue;
      }
      const cp = text.codePointAt(i)!;
      const c = String.fromCodePoint(cp);
      key(charName(c));
      i += c.length;
    }
    return events;
  }

  /** What was held at the end of the last read, as keys: nothing more came, so a lone Esc was Esc. */
  flush(): KeyEvent[] {
    const held = this.#held;
    this.#held = '';
    if (!held) return [];
    if (this.#paste !== undefined) {
      // A paste whose end never came: keep it as text.
      const text = this.#paste + held;
      this.#paste = undefined;
      return [{ kind: 'paste', text }];
    }
    // ESC alone, or ESC and the start of a sequence that never finished: Esc, then the rest as typed.
    return [{ kind: 'key', name: 'escape' }, ...this.feed(held.slice(1))];
  }
}

/** How many characters at the end of `text` could be the start of `marker`. */
function partialSuffix(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) if (marker.startsWith(text.slice(-n))) return n;
  return 0;
}

/**
 * Keys for a paste: the text as typed characters, line breaks and other controls as spaces, so a
 * pasted newline never acts as Enter and nothing pasted runs as a command.
 */
export function pastedText(text: string): string {
  return text.replace(/\r\n/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
