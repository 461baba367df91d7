import { cursorColumn, cursorForward, cursorTo, ERASE_TO_EOL, RESET_STYLE, scrollRows, sgr } from './escapes.js';
import { graphemesOf } from './graphemes.js';
import { graphemeWidth } from './text.js';

/**
 * Turns one full-screen frame into the next with as few bytes as it can: rows that only moved up or
 * down are scrolled by the terminal, then only the cells that changed are written, each run at an
 * absolute cursor position, with style codes only where the style changes, and an erase-to-end-of-
 * line instead of trailing blanks. Frames are text lines as Ink renders them: printable text and
 * SGR style codes, and the detail's OSC 8 hyperlinks (terminal/osc.ts hyperlink: ST-terminated, a
 * printable-ASCII URL), which a cell carries like a style. Anything else in a line (another escape
 * sequence, a control byte) is dropped here, whatever its source: only text, the program's own
 * styles and its own links reach the terminal.
 *
 * Assumes the frame starts at the top-left cell and that nothing else writes to the screen unless
 * `reset` says so.
 */
export class ScreenDiff {
  /** What each screen row shows: a parsed line, BLANK, or UNKNOWN (must be rewritten whole). */
  private rows: Row[] = [];

  /** The screen was cleared (`blank`) or written to by someone else (`unknown`). */
  reset(state: 'blank' | 'unknown'): void {
    this.rows = state === 'blank' ? [] : this.rows.map(() => UNKNOWN);
    this.unknownBelow = state === 'unknown';
  }

  private unknownBelow = false;

  /**
   * The bytes that change the screen from the last frame to `frameLines`, leaving the style at
   * default. `screenRows`: the terminal's height, when known; nothing is drawn below it.
   */
  frame(frameLines: readonly string[], screenRows = Infinity): string {
    const lines = frameLines.slice(0, screenRows).map(cleanLine);
    const pen: Pen = { style: DEFAULT, y: -1, x: 0 };
    let out = this.scroll(lines, pen);
    // Rows below the screen (the terminal got shorter) are not there to clear.
    const height = Math.min(screenRows, Math.max(lines.length, this.rows.length));
    for (let y = 0; y < height; y++) {
      const raw = lines[y];
      const old = this.rows[y] ?? (this.unknownBelow ? UNKNOWN : BLANK);
      if (raw === undefined) {
        // The frame got shorter: clear what is left of the old one.
        if (old !== BLANK) out += `${at(pen, y, 0)}${penTo(pen, DEFAULT)}${ERASE_TO_EOL}`;
        continue;
      }
      const known = old !== BLANK && old !== UNKNOWN;
      if (known && old.raw === raw) continue;
      const next = parseLine(raw);
      out += next && old !== UNKNOWN ? changes(y, old, next, pen) : whole(y, raw, next, pen);
      this.rows[y] = next ?? UNKNOWN;
    }
    this.rows.length = lines.length;
    this.unknownBelow = false;
    return out + penTo(pen, DEFAULT);
  }

  /**
   * A list that scrolled by a row or two shows most of its rows again, one or two rows up or down:
   * the terminal can move them itself (a scroll inside a scroll region) instead of being sent them
   * again. Finds the longest block of rows that moved by the same amount and scrolls it into place.
   */
  private scroll(lines: readonly string[], pen: Pen): string {
    // Nothing known on screen (a first frame, after a clear): nothing to move, and no shift to try.
    if (!this.rows.some((r) => r !== BLANK && r !== UNKNOWN)) return '';
    const rawAt = (y: number) => {
      const r = this.rows[y];
      return r === undefined || r === BLANK || r === UNKNOWN ? undefined : r.raw;
    };
    let best: { a: number; b: number; k: number } | undefined;
    for (const k of shifts(lines.length)) {
      let start = -1;
      for (let y = 0; y <= lines.length; y++) {
        const line = lines[y];
        const moved = line !== undefined && line !== '' && line === rawAt(y + k) && line !== rawAt(y);
        if (moved && start < 0) start = y;
        if (!moved && start >= 0) {
          if (y - start >= MIN_SCROLL && (!best || y - start > best.b - best.a + 1)) best = { a: start, b: y - 1, k };
          start = -1;
        }
      }
    }
    if (!best) return '';
    const { a, b, k } = best;
    const reset = penTo(pen, DEFAULT);
    if (k > 0) {
      // Rows a+k..b+k move up to a..b; the k rows below them come in blank.
      for (let y = a; y <= b; y++) this.rows[y] = this.rows[y + k]!;
      for (let y = b + 1; y <= b + k; y++) this.rows[y] = BLANK;
      return reset + scrollRows(a, b + k, k);
    }
    const m = -k;
    for (let y = b; y >= a; y--) this.rows[y] = this.rows[y - m]!;
    for (let y = a - m; y < a; y++) this.rows[y] = BLANK;
    return reset + scrollRows(a - m, b, k);
  }
}

/** The fewest rows worth a scroll. */
const MIN_SCROLL = 3;

/**
 * Row shifts looked for (positive: content moved up), smallest first: any that leaves a block of
 * MIN_SCROLL rows (a list scrolls by one row, or by half its height when the cursor leaves it).
 */
const shiftsFor = new Map<number, number[]>();
function shifts(height: number): number[] {
  let out = shiftsFor.get(height);
  if (!out) {
    out = [];
    for (let k = 1; k <= height - MIN_SCROLL; k++) out.push(k, -k);
    shiftsFor.set(height, out);
  }
  return out;
}

interface ParsedLine {
  raw: string;
  /** One entry per column: the grapheme drawn there, '' for the second column of a wide one. */
  chars: string[];
  /** The style of each column (see styleKey). */
  styles: Style[];
  /** Columns up to the last one that is not a default-style blank. */
  end: number;
}
type Row = ParsedLine | typeof BLANK | typeof UNKNOWN;
const BLANK = 'blank' as const;
const UNKNOWN = 'unknown' as const;

/** The pen: the style the terminal writes in, and where its cursor is (y -1: not known). */
interface Pen {
  style: Style;
  y: number;
  x: number;
}

/**
 * Moves the cursor to row y, column x (0-based) in as few bytes as it can: CHA on the same row,
 * CR LF and a step right to the next row (never from the last row: a frame is no taller than the
 * screen), else an absolute position. Relative moves are only made from a position this frame
 * wrote itself.
 */
function at(pen: Pen, y: number, x: number): string {
  const fromY = pen.y;
  const fromX = pen.x;
  pen.y = y;
  pen.x = x;
  const absolute = cursorTo(y, x);
  if (fromY < 0) return absolute;
  let best = absolute;
  if (y === fromY && x === fromX) best = '';
  else if (y === fromY) best = cursorColumn(x);
  else if (y === fromY + 1) {
    const down = `\r\n${x > 0 ? cursorForward(x) : ''}`;
    if (down.length < best.length) best = down;
  }
  return best;
}

// Anything in a frame line that is not printable text or an SGR sequence.
const FOREIGN = /[\u0000-\u001a\u001c-\u001f\u007f-\u009f]|\u001b(?!\[[0-9;:]*m)/;
// Escape sequences matched whole (CSI, OSC / DCS / APC strings, two-byte ESC forms), then lone controls.
const SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b[\]P^_X][\s\S]*?(?:\u0007|\u001b\\|$)|\u001b[ -/]*[0-~]?|[\u0000-\u001f\u007f-\u009f]/g;
const OWN_SGR = /^\u001b\[[0-9;:]*m$/;
/** An OSC 8 hyperlink as osc.ts writes it: id parameter of [A-Za-z0-9_-], URL of printable ASCII, ST. */
const OWN_LINK = /^\u001b\]8;(?:id=[A-Za-z0-9_-]+)?;[\u0021-\u007e]*\u001b\\$/;
const LINK = /\u001b\]8;((?:id=[A-Za-z0-9_-]+)?;[\u0021-\u007e]*)\u001b\\/y;

/** The line with every escape sequence but SGR and the program's OSC 8 links, and every control byte, removed. */
export function cleanLine(raw: string): string {
  if (!FOREIGN.test(raw)) return raw;
  return raw.replace(SEQUENCE, (seq) => (OWN_SGR.test(seq) || OWN_LINK.test(seq) ? seq : ''));
}

/** A line that cannot be diffed cell by cell (or a screen row in an unknown state): rewrite it all. */
function whole(y: number, raw: string, next: ParsedLine | null, pen: Pen): string {
  if (!next) {
    const bytes = `${at(pen, y, 0)}${penTo(pen, DEFAULT)}${raw}${RESET_STYLE}${ERASE_TO_EOL}`;
    // Where text of unknown widths leaves the cursor is the terminal's business.
    pen.y = -1;
    return bytes;
  }
  return `${at(pen, y, 0)}${cells(next, 0, next.end, pen)}${penTo(pen, DEFAULT)}${ERASE_TO_EOL}`;
}

function changes(y: number, old: ParsedLine | typeof BLANK, next: ParsedLine, pen: Pen): string {
  const oldChars = old === BLANK ? [] : old.chars;
  const oldStyles = old === BLANK ? [] : old.styles;
  const oldEnd = old === BLANK ? 0 : old.end;
  const width = Math.max(oldEnd, next.end);
  const same = (x: number) => {
    const a = x < oldEnd ? oldChars[x]! : ' ';
    const b = x < next.end ? next.chars[x]! : ' ';
    return a === b && (x < oldEnd ? oldStyles[x]! : DEFAULT) === (x < next.end ? next.styles[x]! : DEFAULT);
  };
  let first = 0;
  while (first < width && same(first)) first++;
  if (first === width) return '';
  let last = width - 1;
  while (last > first && same(last)) last--;
  // A run never starts on the second column of a wide character: the column before it would be
  // unchanged, so the whole character would be. Writing over half of an old wide character makes
  // the terminal blank its other half, which is then a changed cell of the same run.
  let out = '';
  for (let x = first; x <= last; ) {
    // A run of changed cells, ending where more than GAP unchanged cells follow (cheaper to jump).
    let end = x;
    for (let k = x + 1, gap = 0; k <= last && gap <= GAP; k++) {
      if (same(k)) gap++;
      else [end, gap] = [k, 0];
    }
    const from = x;
    if (end + 1 >= next.end) {
      // The change runs into the blank end of the new line: draw up to its end and erase the rest
      // (which also takes care of every later change: they are all old cells to blank).
      const move = at(pen, y, from);
      const drawn = from < next.end ? cells(next, from, next.end, pen) : '';
      return `${out}${move}${drawn}${oldEnd > Math.max(from, next.end) ? `${penTo(pen, DEFAULT)}${ERASE_TO_EOL}` : ''}`;
    }
    out += at(pen, y, from);
    out += cells(next, from, end + 1, pen);
    x = end + 1;
    while (x <= last && same(x)) x++;
  }
  return out;
}

/** Unchanged cells worth skipping with a cursor move rather than writing them again. */
const GAP = 8;

function cells(line: ParsedLine, from: number, to: number, pen: Pen): string {
  let out = '';
  for (let x = from; x < to; x++) {
    const ch = line.chars[x]!;
    if (ch === '') continue;
    out += penTo(pen, line.styles[x]!) + ch;
  }
  pen.x = to;
  return out;
}

// ── styles ──────────────────────────────────────────────────────────────────────────────────────
// A style is the SGR state as a canonical string of parameters ("" = default), so cells compare
// with ===. Each attribute group has a set value and a code that turns it off. A cell inside an
// OSC 8 link has LINK_MARK and the link's "params;url" after its SGR state.

interface Attrs {
  intensity: string; // '1', '2' or '1;2'
  italic: string;
  underline: string; // '4', '21' or '4:n'
  blink: string;
  inverse: string;
  hidden: string;
  strike: string;
  overline: string;
  fg: string;
  bg: string;
}
type Style = string;
const DEFAULT: Style = '';
const GROUPS: { key: keyof Attrs; off: string }[] = [
  { key: 'intensity', off: '22' },
  { key: 'italic', off: '23' },
  { key: 'underline', off: '24' },
  { key: 'blink', off: '25' },
  { key: 'inverse', off: '27' },
  { key: 'hidden', off: '28' },
  { key: 'strike', off: '29' },
  { key: 'overline', off: '55' },
  { key: 'fg', off: '39' },
  { key: 'bg', off: '49' },
];
const EMPTY: Attrs = { intensity: '', italic: '', underline: '', blink: '', inverse: '', hidden: '', strike: '', overline: '', fg: '', bg: '' };

const attrsOf = new Map<Style, Attrs>([[DEFAULT, EMPTY]]);
function styleOf(a: Attrs): Style {
  const key = GROUPS.map((g) => a[g.key])
    .filter(Boolean)
    .join(';');
  if (!attrsOf.has(key)) attrsOf.set(key, { ...a });
  return key;
}

/** Applies one SGR sequence's parameters; false for parameters it does not know. */
function applySgr(a: Attrs, params: string): boolean {
  const p = params === '' ? ['0'] : params.split(';');
  for (let i = 0; i < p.length; i++) {
    const code = p[i]!;
    if (code.includes(':')) {
      if (!code.startsWith('4:')) return false;
      a.underline = code === '4:0' ? '' : code;
      continue;
    }
    const n = code === '' ? 0 : Number(code);
    if (!Number.isInteger(n)) return false;
    if (n === 0) Object.assign(a, EMPTY);
    else if (n === 1) a.intensity = a.intensity === '2' ? '1;2' : a.intensity || '1';
    else if (n === 2) a.intensity = a.intensity === '1' ? '1;2' : a.intensity || '2';
    else if (n === 22) a.intensity = '';
    else if (n === 3) a.italic = '3';
    else if (n === 23) a.italic = '';
    else if (n === 4 || n === 21) a.underline = String(n);
    else if (n === 24) a.underline = '';
    else if (n === 5) a.blink = '5';
    else if (n === 25) a.blink = '';
    else if (n === 7) a.inverse = '7';
    else if (n === 27) a.inverse = '';
    else if (n === 8) a.hidden = '8';
    else if (n === 28) a.hidden = '';
    else if (n === 9) a.strike = '9';
    else if (n === 29) a.strike = '';
    else if (n === 53) a.overline = '53';
    else if (n === 55) a.overline = '';
    else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) a.fg = code;
    else if (n === 39) a.fg = '';
    else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) a.bg = code;
    else if (n === 49) a.bg = '';
    else if (n === 38 || n === 48) {
      const kind = p[i + 1];
      const take = kind === '5' ? 2 : kind === '2' ? 4 : -1;
      if (take < 0 || i + take >= p.length) return false;
      const colour = p.slice(i, i + take + 1).join(';');
      if (n === 38) a.fg = colour;
      else a.bg = colour;
      i += take;
    } else return false;
  }
  return true;
}

const LINK_MARK = '\u0001';

/** A style's SGR state and its link ('' for none). */
function splitStyle(style: Style): [sgrState: Style, link: string] {
  const at = style.indexOf(LINK_MARK);
  return at < 0 ? [style, ''] : [style.slice(0, at), style.slice(at + 1)];
}

function withLink(sgrState: Style, link: string): Style {
  return link ? `${sgrState}${LINK_MARK}${link}` : sgrState;
}

/** Codes that switch the terminal from the pen's style to `to` (and record it): the link, then SGR. */
function penTo(pen: Pen, to: Style): string {
  const from = pen.style;
  if (from === to) return '';
  pen.style = to;
  const [fromSgr, fromLink] = splitStyle(from);
  const [toSgr, toLink] = splitStyle(to);
  let link = '';
  if (fromLink !== toLink) link = `${fromLink ? '\u001b]8;;\u001b\\' : ''}${toLink ? `\u001b]8;${toLink}\u001b\\` : ''}`;
  return link + sgrTo(fromSgr, toSgr);
}

/** SGR codes from one state to another, whichever is shorter: a step, or a reset and the whole state. */
function sgrTo(from: Style, to: Style): string {
  if (from === to) return '';
  if (to === DEFAULT) return RESET_STYLE;
  if (from === DEFAULT) return sgr(to);
  const f = attrsOf.get(from)!;
  const t = attrsOf.get(to)!;
  const parts: string[] = [];
  for (const g of GROUPS) {
    if (f[g.key] === t[g.key]) continue;
    // 22 turns off bold and faint together: set again whatever stays.
    parts.push(t[g.key] && g.key !== 'intensity' ? t[g.key] : g.off);
    if (g.key === 'intensity' && t.intensity) parts.push(t.intensity);
  }
  const step = sgr(parts.join(';'));
  const fresh = sgr(`0;${to}`);
  return step.length <= fresh.length ? step : fresh;
}

// ── lines ───────────────────────────────────────────────────────────────────────────────────────

const SGR = /\u001b\[([0-9;:]*)m/y;

// A screen uses a handful of styles, so "this style, then these SGR parameters" repeats endlessly.
const transitions = new Map<string, Style | null>();
const TRANSITIONS_MAX = 4096;

/** The style after an SGR sequence's parameters are applied to `style`; null for parameters it does not know. */
function afterSgr(style: Style, params: string): Style | null {
  const key = `${style}|${params}`;
  let next = transitions.get(key);
  if (next === undefined) {
    const [sgrState, link] = splitStyle(style);
    const attrs = { ...attrsOf.get(sgrState)! };
    next = applySgr(attrs, params) ? withLink(styleOf(attrs), link) : null;
    if (transitions.size >= TRANSITIONS_MAX) transitions.clear();
    transitions.set(key, next);
  }
  return next;
}

/** A frame line as cells, or null when it holds something other than text and SGR codes. */
export function parseLine(raw: string): ParsedLine | null {
  const chars: string[] = [];
  const styles: Style[] = [];
  let style = DEFAULT;
  let i = 0;
  while (i < raw.length) {
    const esc = raw.indexOf('\u001b', i);
    const text = raw.slice(i, esc === -1 ? raw.length : esc);
    if (text && !addText(text, style, chars, styles)) return null;
    if (esc === -1) break;
    SGR.lastIndex = esc;
    const m = SGR.exec(raw);
    if (!m) {
      // An OSC 8 link opens (params;url) or closes (;): the cells after it carry it.
      LINK.lastIndex = esc;
      const l = LINK.exec(raw);
      if (!l) return null;
      const target = l[1]!.slice(l[1]!.indexOf(';') + 1);
      style = withLink(splitStyle(style)[0], target ? l[1]! : '');
      i = LINK.lastIndex;
      continue;
    }
    const next = afterSgr(style, m[1]!);
    if (next === null) return null;
    style = next;
    i = SGR.lastIndex;
  }
  let end = chars.length;
  while (end > 0 && chars[end - 1] === ' ' && styles[end - 1] === DEFAULT) end--;
  return { raw, chars, styles, end };
}

function addText(text: string, style: Style, chars: string[], styles: Style[]): boolean {
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) {
      chars.push(text[i]!);
      styles.push(style);
      i++;
      continue;
    }
    // A run of anything else, cut into graphemes. A mark that would join the plain letter before
    // it comes out as a zero-width grapheme, and the line is then rewritten whole (below).
    let end = i + 1;
    while (end < text.length && !isPlain(text.charCodeAt(end))) end++;
    for (const segment of graphemesOf(text.slice(i, end))) {
      if (/[\u0000-\u001f\u007f-\u009f]/.test(segment)) return false;
      const w = graphemeWidth(segment);
      if (w === 0) {
        // Zero-width: where a terminal puts it is anyone's guess; let the caller rewrite the line.
        return false;
      }
      chars.push(segment);
      styles.push(style);
      for (let k = 1; k < w; k++) {
        chars.push('');
        styles.push(style);
      }
    }
    i = end;
  }
  return true;
}

function isPlain(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}
