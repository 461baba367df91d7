import { DISABLE_MOUSE, ENABLE_MOUSE, ENTER, LEAVE } from './escapes.js';

export interface Tty {
  /** Gives the shell its terminal back (alternate screen left, cursor shown, paste and mouse modes off, raw mode off); idempotent, never throws. */
  restore(): void;
  /**
   * Ctrl-Z: gives the shell its screen and line discipline back and stops the process, as `less`
   * does. When the shell continues it (fg), takes the terminal again and calls `resumed`.
   */
  suspend(resumed: () => void): void;
}

/**
 * Takes the terminal: raw mode first (a key typed from here on is never echoed onto the shell's
 * screen), then the alternate screen, a hidden cursor, bracketed paste and (`mouse`) mouse reporting. Returns the one function
 * every exit path calls.
 */
export function takeTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream, options: { mouse?: boolean } = {}): Tty {
  // Mouse reporting is one of the modes taken and given back with the rest (--no-mouse: never asked for).
  const enter = options.mouse ? ENTER + ENABLE_MOUSE : ENTER;
  const leave = options.mouse ? DISABLE_MOUSE + LEAVE : LEAVE;
  const raw = (on: boolean) => {
    try {
      if (stdin.isTTY) stdin.setRawMode(on);
    } catch {
      // stdin may already be gone (terminal closed); nothing left to set there.
    }
  };
  const write = (text: string) => {
    try {
      stdout.write(text);
    } catch {
      // Same for a closed terminal.
    }
  };
  raw(true);
  write(enter);
  let restored = false;
  return {
    suspend(resumed) {
      if (restored) return;
      raw(false);
      write(leave);
      process.once('SIGCONT', () => {
        if (restored) return;
        raw(true);
        write(enter);
        resumed();
      });
      // SIGTSTP's default action stops the process; the shell resumes it with SIGCONT.
      process.kill(process.pid, 'SIGTSTP');
    },
    restore() {
      if (restored) return;
      restored = true;
      raw(false);
      write(leave);
    },
  };
}
