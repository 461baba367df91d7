// Escape sequences that hand something to the terminal emulator rather than draw: OSC 8 hyperlinks
// and OSC 52 clipboard writes, and the wrapping that gets them through tmux and GNU screen to the
// terminal outside. Pure functions of their arguments and the environment; nothing is written here.

const ESC = '\u001b';
const BEL = '\u0007';
/** String Terminator: ends OSC and DCS strings. */
const ST = `${ESC}\\`;

/**
 * A URL that can stand inside an escape sequence: only printable ASCII other than space, so no
 * ESC, BEL, ST or C1 byte can end or hijack the sequence. Everything else is percent-encoded as
 * UTF-8, which is what a browser would send for it anyway.
 */
export function sanitizeUrl(url: string): string {
  let out = '';
  for (const ch of url) {
    const code = ch.codePointAt(0)!;
    if (code > 0x20 && code < 0x7f) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Opens an OSC 8 hyperlink; text written until hyperlinkClose() is the link. `id` lets a terminal
 * underline a link broken over several lines as one (only [A-Za-z0-9_-] are kept of it).
 */
export function hyperlinkOpen(url: string, id?: string): string {
  const safeId = id?.replace(/[^A-Za-z0-9_-]/g, '');
  const params = safeId ? `id=${safeId}` : '';
  return `${ESC}]8;${params};${sanitizeUrl(url)}${ST}`;
}

export function hyperlinkClose(): string {
  return `${ESC}]8;;${ST}`;
}

/** `text` as a link to `url`; the caller has made `text` terminal-safe. */
export function hyperlink(text: string, url: string, id?: string): string {
  return `${hyperlinkOpen(url, id)}${text}${hyperlinkClose()}`;
}

/**
 * OSC 52: sets the system clipboard ("c") to `text`, base64 of its UTF-8. Ended by BEL rather than
 * ST: that is what most terminals documented first, and it cannot end screen's DCS wrapper early.
 */
export function clipboardSet(text: string): string {
  return `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
}

export type Multiplexer = 'tmux' | 'screen' | null;

/** Which multiplexer stands between us and the terminal: $TMUX wins, then a TERM of screen*. */
export function detectMultiplexer(env: NodeJS.ProcessEnv): Multiplexer {
  if (env.TMUX) return 'tmux';
  if (/^screen/.test(env.TERM ?? '')) return 'screen';
  return null;
}

/** screen drops DCS strings longer than its buffer; 76 bytes a piece is what tools that work use. */
export const SCREEN_CHUNK = 76;

/**
 * `seq` wrapped so the multiplexer passes it to the outer terminal unchanged. tmux: one DCS
 * `ESC P tmux; … ESC \` with every ESC inside doubled (tmux needs `set -g allow-passthrough on`
 * from 3.3). screen: the sequence cut into DCS strings of at most SCREEN_CHUNK bytes each.
 */
export function passThrough(seq: string, multiplexer: Multiplexer): string {
  if (multiplexer === 'tmux') return `${ESC}Ptmux;${seq.replaceAll(ESC, ESC + ESC)}${ST}`;
  if (multiplexer === 'screen') {
    let out = '';
    for (let at = 0; at < seq.length; at += SCREEN_CHUNK) out += `${ESC}P${seq.slice(at, at + SCREEN_CHUNK)}${ST}`;
    return out;
  }
  return seq;
}

/** The bytes that copy `text` to the clipboard of the terminal the user sits at, multiplexer or not. */
export function copyToClipboard(text: string, env: NodeJS.ProcessEnv): string {
  return passThrough(clipboardSet(text), detectMultiplexer(env));
}

/** Whether to write OSC 8 links at all: not on TERM=dumb, not when the user turned them off. */
export function hyperlinksWanted(env: NodeJS.ProcessEnv, disabled = false): boolean {
  return !disabled && env.TERM !== 'dumb';
}
