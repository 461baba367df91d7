/** Escape sequences for the full-screen session; restoring them is idempotent and never throws. */
export const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H\u001b[2J';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';
export const HIDE_CURSOR = '\u001b[?25l';

export interface TerminalSession {
  /** Leaves the alternate screen, shows the cursor and turns raw mode off; safe to call many times. */
  restore(): void;
  /**
   * Ctrl-Z: gives the shell its screen and line discipline back and stops the process, as `less`
   * does. When the shell continues it (fg), takes the terminal again and calls `resumed`.
   */
  suspend(resumed: () => void): void;
}

/**
 * Switches to the alternate screen. Returns the one function every exit path calls, so the user's
 * shell always comes back as it was: screen, cursor and line discipline.
 */
export function enterTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): TerminalSession {
  stdout.write(ENTER_ALT_SCREEN);
  // Raw at once, not when Ink gets to it after its first frame: a key typed in between would be
  // echoed by the terminal (Enter as a newline that scrolls the whole screen).
  if (stdin.isTTY) stdin.setRawMode(true);
  let restored = false;
  return {
    suspend(resumed) {
      if (restored) return;
      const wasRaw = Boolean(stdin.isTTY && stdin.isRaw);
      if (wasRaw) stdin.setRawMode(false);
      stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
      process.once('SIGCONT', () => {
        if (restored) return;
        stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
        if (wasRaw) stdin.setRawMode(true);
        resumed();
      });
      // SIGTSTP's default action stops the process; the shell resumes it with SIGCONT.
      process.kill(process.pid, 'SIGTSTP');
    },
    restore() {
      if (restored) return;
      restored = true;
      try {
        if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
      } catch {
        // stdin may already be gone (terminal closed); nothing left to restore there.
      }
      try {
        stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
      } catch {
        // Same for a closed terminal.
      }
    },
  };
}
