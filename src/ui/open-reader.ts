import { readEarlyKeys } from './early-keys.js';
import { afterNextFrame, type FrameScheduler } from './frame-scheduler.js';
import { fullscreenStdout, type FullscreenOutput } from './ink-stdout.js';
import { startPainter, type Painter } from './painter.js';
import { ScreenRenderer } from './screen/compose.js';
import { ReaderSession, type SessionOptions } from './reader/session.js';
import { streamSize, type SizeSource } from './size.js';
import { enterTerminal, type TerminalSession } from './terminal.js';
import { makeTheme } from './theme.js';

export interface OpenOptions {
  color: boolean;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

/** A reader on screen, before (and while) Ink runs it: see openReader. */
export interface OpenReader {
  readonly session: ReaderSession;
  readonly renderer: ScreenRenderer;
  readonly screen: FullscreenOutput;
  readonly frames: FrameScheduler;
  readonly size: SizeSource;
  readonly terminal: TerminalSession;
  readonly color: boolean;
  readonly stdin: NodeJS.ReadStream;
  readonly stderr: NodeJS.WriteStream;
  /** The first screen could not be drawn (the error); the reader must not go on. */
  readonly failure: unknown;
  /** Runs `fn` first when the reader shuts down (Ink unmounts there). */
  onShutdown(fn: () => void): void;
  /** Gives the terminal back (idempotent): alternate screen left, cursor shown, raw mode off. */
  shutdown(): void;
  /** Gives the terminal back, says what went wrong in one line on stderr; the reader's exit code. */
  failed(err: unknown): number;
  /** `failed`, then exits the process: for errors no caller can catch. */
  fatal(err: unknown): never;
  /** Shuts down and takes the signal and error handlers away again. */
  close(): void;
}

/** A key held down repeats every 30–40 ms (faster on some systems, bunched over SSH): see holdDetailMs. */
const HOLD_DETAIL_MS = 60;

const SIGNALS = { SIGTERM: 15, SIGHUP: 1, SIGINT: 2 } as const;
/** Exit code for a bug (EX_SOFTWARE). */
const INTERNAL_ERROR = 70;

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? '';
}

/**
 * Takes the terminal and draws the first screen, without Ink: React and Ink take most of a second to
 * load on a small machine, and the screen is a pure function of the session (ScreenRenderer), so it
 * is drawn first and Ink is loaded behind it. Keys typed meanwhile wait in stdin for Ink. From here
 * on every way out restores the terminal: q, Ctrl-C, an uncaught error, SIGTERM / SIGHUP / SIGINT.
 */
export function openReader(library: Omit<SessionOptions, 'cols' | 'rows'>, options: OpenOptions): OpenReader {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const size = streamSize(stdout);
  const frames = afterNextFrame();
  const session = new ReaderSession({ ...library, ...size.get(), schedule: frames.schedule, holdDetailMs: HOLD_DETAIL_MS });
  const renderer = new ScreenRenderer(session, makeTheme(options.color));
  const terminal = enterTerminal(stdin, stdout);
  const screen = fullscreenStdout(stdout);
  const painter: Painter = startPainter(session, renderer, screen.paint, frames.frameWritten);
  screen.onClear(painter.repaint);
  const first: (() => void)[] = [];

  const shutdown = () => {
    for (const fn of first.splice(0)) {
      try {
        fn();
      } catch {
        // Unmounting a broken tree can throw again; the terminal still has to come back.
      }
    }
    painter.stop();
    session.dispose();
    terminal.restore();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    shutdown();
    process.exit(128 + SIGNALS[signal as keyof typeof SIGNALS]);
  };
  const failed = (err: unknown) => {
    shutdown();
    stderr.write(`paperterm: internal error: ${oneLine(err)}\n`);
    return INTERNAL_ERROR;
  };
  const onFatal = (err: unknown): never => process.exit(failed(err));
  for (const s of Object.keys(SIGNALS)) process.on(s, onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);

  let failure: unknown;
  try {
    screen.paint(renderer.lines(session.getSnapshot()));
  } catch (err) {
    failure = err ?? new Error('the first screen could not be drawn');
  }

  return {
    session,
    renderer,
    screen,
    frames,
    size,
    terminal,
    color: options.color,
    stdin,
    stderr,
    failure,
    onShutdown: (fn) => void first.push(fn),
    shutdown,
    failed,
    fatal: onFatal,
    close() {
      shutdown();
      for (const s of Object.keys(SIGNALS)) process.off(s, onSignal);
      process.off('uncaughtException', onFatal);
      process.off('unhandledRejection', onFatal);
    },
  };
}

/** Clear the screen and home the cursor. */
const CLEAR_SCREEN = '\u001b[2J\u001b[H';

/**
 * Applies the plain keys typed until `ready` resolves (Ink has loaded; see early-keys.ts); resolves
 * with its value, or with 'quit' as soon as a key quits (q, Ctrl-C) without waiting for it. A resize
 * meanwhile is drawn at once, on a cleared screen (the terminal may have reflowed the old one).
 */
export async function keysUntil<T>(opened: OpenReader, ready: Promise<T>): Promise<T | 'quit'> {
  const stopResize = opened.size.subscribe(() => {
    const { cols, rows } = opened.size.get();
    opened.session.resize(cols, rows);
    opened.screen.stdout.write(CLEAR_SCREEN);
  });
  let quit = () => {};
  const quitting = new Promise<'quit'>((resolve) => (quit = () => resolve('quit')));
  const early = readEarlyKeys(opened.stdin, (names) => {
    for (const effect of opened.session.keys(names, opened.renderer.measure)) {
      if (effect === 'quit') {
        early.stop();
        quit();
      }
    }
  });
  try {
    return await Promise.race([ready, quitting]);
  } finally {
    stopResize();
    early.stop();
    // Pausing stdin stops its reading one tick later (Node's stdin 'pause' handler): let that
    // happen before Ink attaches, or it would stop Ink's reading too, and with nothing else to
    // wait for the process would end.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
