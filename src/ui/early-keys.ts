/**
 * Keys pressed while Ink is still loading (the first screen is up ~0.5 s before it): the plain ones
 * are applied at once, so a j typed right away moves the cursor right away. Only unambiguous input
 * is taken: printable characters, Enter, Tab, Backspace, arrows, Home/End and PgUp/PgDn, Ctrl-C.
 * Anything else (a lone Esc, Alt-keys, Ctrl-L, Ctrl-Z, a paste with control codes) is put back
 * where it was read from, and everything after it is left for Ink, in order.
 */
const SEQUENCES: Record<string, string> = {
  '\u001b[A': 'up',
  '\u001b[B': 'down',
  '\u001b[C': 'right',
  '\u001b[D': 'left',
  '\u001bOA': 'up',
  '\u001bOB': 'down',
  '\u001bOC': 'right',
  '\u001bOD': 'left',
  '\u001b[H': 'home',
  '\u001b[F': 'end',
  '\u001bOH': 'home',
  '\u001bOF': 'end',
  '\u001b[1~': 'home',
  '\u001b[4~': 'end',
  '\u001b[5~': 'pageup',
  '\u001b[6~': 'pagedown',
  '\r': 'enter',
  '\t': 'tab',
  // Ink names DEL (what the Backspace key sends) "delete"; the keymap binds both names alike.
  '\u007f': 'delete',
  '\u0003': 'ctrl+c',
};

/** Key names (as keymap.keyNames gives them) for a chunk of terminal input, or null if any of it is not plain. */
export function plainKeys(text: string): string[] | null {
  const names: string[] = [];
  let i = 0;
  outer: while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) {
      names.push(text[i] === ' ' ? 'space' : text[i]!);
      i++;
      continue;
    }
    for (const [seq, name] of Object.entries(SEQUENCES)) {
      if (text.startsWith(seq, i)) {
        names.push(name);
        i += seq.length;
        continue outer;
      }
    }
    return null;
  }
  return names;
}

export interface EarlyKeys {
  /** Stops reading; what was not taken stays in stdin for Ink. */
  stop(): void;
}

/** Reads `stdin` until stop(), handing plain keys to `onKeys`; stops by itself at the first input that is not plain. */
export function readEarlyKeys(stdin: NodeJS.ReadStream, onKeys: (names: string[]) => void): EarlyKeys {
  let reading = true;
  const stop = () => {
    if (!reading) return;
    reading = false;
    stdin.off('data', onData);
    stdin.pause();
  };
  const onData = (chunk: Buffer | string) => {
    const names = plainKeys(String(chunk));
    if (names === null) {
      stop();
      stdin.unshift(chunk);
      return;
    }
    onKeys(names);
  };
  stdin.on('data', onData);
  return { stop };
}
