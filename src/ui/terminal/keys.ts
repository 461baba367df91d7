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
 * - Mouse reports (SGR 1006: ESC[<b;x;yM / m; the legacy ESC[M b x y too, from terminals without
 *   1006) become mouse events, never keys: a report cut off by the end of a read is held even past
 *   `flush`, and a broken one (garbage after ESC[<) is dropped up to the byte that broke it.
 * - A read that ends inside a sequence (or on a lone Esc) is held until the next read, or until
 *   `flush` (the reader calls it after a short wait): then the Esc is a key after all.
 */
export type KeyEvent = { kind: 'key'; name: string } | { kind: 'paste'; text: string } | MouseEvent;

export type MouseButton = 'left' | 'middle' | 'right' | 'none';

/** A mouse report: a button pressed or released, the wheel turned, a drag (only if motion was asked for). */
export type MouseEvent = {
  kind: 'mouse';
  /** Cell column and row, 0-based from the top left of the screen. */
  x: number;
  y: number;
  shift: boolean;
  alt: boolean;
  ctrl: boolean;
} & ({ action: 'press' | 'release' | 'drag'; button: MouseButton } | { action: 'wheel'; direction: 'up' | 'down' | 'left' | 'right' });

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

// SGR 1006 mouse report, whole, and cut off by the end of a read.
const SGR_MOUSE = /^\u001b\[<(\d{1,5});(\d{1,5});(\d{1,5})([Mm])/;
const SGR_MOUSE_PARTIAL = /^\u001b\[<[\d;]{0,17}$/;
// The start of an SGR report: what a broken one is dropped up to.
const SGR_MOUSE_START = /^\u001b\[<[\d;]*/;
/** A read that ended inside a mouse report: held until the rest comes, never read as keys. */
const MOUSE_PARTIAL = /^\u001b\[(<[\d;]{0,17}|M[\s\S]{0,2})$/;

/** The event for button code `code` (xterm's bits: 0-2 button, 3 none, +4 shift, +8 alt, +16 ctrl, +32 motion, +64 wheel) at 1-based x, y. */
function mouseEvent(code: number, x: number, y: number, released: boolean): MouseEvent {
  const base = { kind: 'mouse' as const, x: Math.max(0, x - 1), y: Math.max(0, y - 1), shift: (code & 4) !== 0, alt: (code & 8) !== 0, ctrl: (code & 16) !== 0 };
  const low = code & 3;
  if (code & 64) return { ...base, action: 'wheel', direction: (['up', 'down', 'left', 'right'] as const)[low]! };
  const button = (['left', 'middle', 'right', 'none'] as const)[low]!;
  if (code & 32) return { ...base, action: 'drag', button };
  // The legacy encoding says release as button 3, without which button.
  return { ...base, action: released || low === 3 ? 'release' : 'press', button };
}

type Step = { names: string[]; length: number; mouse?: MouseEvent } | 'partial';

/** The sequence at the start of `text` (which starts with ESC). */
function sequence(text: string): Step {
  if (text.length === 1) return 'partial';
  const second = text[1]!;
  if (second === '[') {
    if (text[2] === '<') {
      const sgr = SGR_MOUSE.exec(text);
      if (sgr) {
        const [whole, b, x, y, final] = sgr as unknown as [string, string, string, string, string];
        return { names: [], length: whole.length, mouse: mouseEvent(Number(b), Number(x), Number(y), final === 'm') };
      }
      if (SGR_MOUSE_PARTIAL.test(text)) return 'partial';
      // Not a report after all: drop what looked like one; the byte that broke it is read on its own.
      return { names: [], length: SGR_MOUSE_START.exec(text)![0].length };
    }
    if (text[2] === 'M') {
      // Legacy report: three bytes follow, each 32 + a value (button code, 1-based x, 1-based y).
      if (text.length < 6) return 'partial';
      const [b, x, y] = [3, 4, 5].map((k) => text.codePointAt(k)! - 32) as [number, number, number];
      const length = 3 + [...text.slice(3)].slice(0, 3).join('').length;
      return { names: [], length, mouse: mouseEvent(b, x, y, false) };
    }
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
        if (step.mouse) events.push(step.mouse);
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
    // The rest of a mouse report is still on its way (over SSH it can take a while): its bytes
    // must never become keys, so keep waiting for them.
    if (MOUSE_PARTIAL.test(held)) {
      this.#held = held;
      return [];
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
