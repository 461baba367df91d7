import { readKeys, type TerminalKeys } from '../terminal/key-reader.js';
import { takeTerminal, type Tty } from '../terminal/tty.js';

/** The terminal, taken for the reader: keys already being read, every exit path restoring it. */
export interface OpenTerminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly tty: Tty;
  /** Every key read since the terminal was taken, decoded (none lost while the reader loads). */
  readonly keys: TerminalKeys;
  /** The terminal was given back (an error or a signal ended the reader, or close was called). */
  readonly released: boolean;
  /** Runs `fn` first when the terminal is given back (the Ink app unmounts there). */
  onClose(fn: () => void): void;
  /** Gives the terminal back and removes the signal and error handlers (idempotent). */
  close(): void;
  /** Gives the terminal back, says what went wrong in one line on stderr; the reader's exit code. */
  failed(err: unknown): number;
  /** `failed`, then exits the process: for errors no caller can catch. */
  fatal(err: unknown): never;
}

const SIGNALS = { SIGTERM: 15, SIGHUP: 1, SIGINT: 2 } as const;
/** Exit code for a bug (EX_SOFTWARE). */
const INTERNAL_ERROR = 70;

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? '';
}

/**
 * Takes the terminal first thing (raw mode, alternate screen, bracketed paste: see tty.ts) and
 * starts reading keys, before the library is read or Ink loaded. From here on every way out gives
 * the terminal back: q, Ctrl-C, an uncaught error, SIGTERM / SIGHUP / SIGINT.
 */
export function openTerminal(
  streams: { stdin?: NodeJS.ReadStream; stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream } = {},
  options: { mouse?: boolean } = {},
): OpenTerminal {
  const stdin = streams.stdin ?? process.stdin;
  const stdout = streams.stdout ?? process.stdout;
  const stderr = streams.stderr ?? process.stderr;
  const mouse = options.mouse ?? true;
  const tty = takeTerminal(stdin, stdout, { mouse });
  const keys = readKeys(stdin, { mouse });
  const first: (() => void)[] = [];
  let closed = false;
  let released = false;

  const giveBack = () => {
    released = true;
    for (const fn of first.splice(0)) {
      try {
        fn();
      } catch {
        // Unmounting a broken tree can throw again; the terminal still has to come back.
      }
    }
    keys.stop();
    tty.restore();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    giveBack();
    process.exit(128 + SIGNALS[signal as keyof typeof SIGNALS]);
  };
  const failed = (err: unknown) => {
    giveBack();
    stderr.write(`paperterm: internal error: ${oneLine(err)}\n`);
    return INTERNAL_ERROR;
  };
  const fatal = (err: unknown): never => process.exit(failed(err));
  for (const s of Object.keys(SIGNALS)) process.on(s, onSignal);
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);

  return {
    stdin,
    stdout,
    stderr,
    tty,
    keys,
    get released() {
      return released;
    },
    onClose: (fn) => void first.push(fn),
    failed,
    fatal,
    close() {
      giveBack();
      if (closed) return;
      closed = true;
      for (const s of Object.keys(SIGNALS)) process.off(s, onSignal);
      process.off('uncaughtException', fatal);
      process.off('unhandledRejection', fatal);
    },
  };
}
