import { ENTER, LEAVE } from './escapes.js';

export interface Tty {
  /** Gives the shell its terminal back (alternate screen left, cursor shown, paste mode off, raw mode off); idempotent, never throws. */
  restore(): void;
  /**
   * Ctrl-Z: gives the shell its screen and line discipline back and stops the process, as `less`
   * does. When the shell continues it (fg), takes the terminal again and calls `resumed`.
   */
  suspend(resumed: () => void): void;
}

/**
 * Takes the terminal: raw mode first (a key typed from here on is never echoed onto the shell's
 * screen), then the alternate screen, a hidden cursor and bracketed paste. Returns the one function
 * every exit path calls.
 */
export function takeTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): Tty {
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
  write(ENTER);
  let restored = false;
  return {
    suspend(resumed) {
      if (restored) return;
      raw(false);
      write(LEAVE);
      process.once('SIGCONT', () => {
        if (restored) return;
        raw(true);
        write(ENTER);
        resumed();
      });
      // SIGTSTP's default action stops the process; the shell resumes it with SIGCONT.
      process.kill(process.pid, 'SIGTSTP');
    },
    restore() {
      if (restored) return;
      restored = true;
      raw(false);
      write(LEAVE);
    },
  };
}
