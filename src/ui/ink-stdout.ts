import { ScreenDiff } from './screen-diff.js';

/**
 * The stdout Ink draws the full-screen reader through. Ink (6.8, the last release for Node 20) is
 * run with its plain renderer, which writes every frame whole; this stream turns each frame into
 * the cells that changed since the last one (see ScreenDiff), so a keypress costs what it changes
 * on screen rather than a repaint of every line it touches. It also works around Ink's
 * "fullscreen" path: a frame as tall as the terminal makes Ink clear the terminal on every update
 * (`lastOutputHeight >= stdout.rows` in ink.js), so Ink is told the terminal has one row more than
 * it has.
 *
 * Frame writes are recognised by their shape: Ink's erase-lines prefix, then the frame, then a
 * newline. Markers Ink writes around frames (synchronized output, cursor visibility) pass through
 * unchanged; a clear-screen (Ctrl-L, resize) resets the screen model to blank; any other write is
 * passed through and makes the next frame rewrite every line.
 */
const ERASE_LINES = /^(?:\u001b\[2K\u001b\[1A)*(?:\u001b\[2K\u001b\[G)?/;
const BEGIN_SYNC = '\u001b[?2026h';
const END_SYNC = '\u001b[?2026l';
const MARKERS = new Set([BEGIN_SYNC, END_SYNC, '\u001b[?25l', '\u001b[?25h']);
const CLEAR_SCREEN = '\u001b[2J';

type WriteArgs = [chunk: unknown, encoding?: unknown, cb?: unknown];

/** What one write from Ink means for the screen. */
export type InkWrite = { kind: 'frame'; lines: string[] } | { kind: 'marker' } | { kind: 'erase' } | { kind: 'clear' } | { kind: 'other' };

export function classifyWrite(chunk: string): InkWrite {
  if (MARKERS.has(chunk)) return { kind: 'marker' };
  if (chunk.includes(CLEAR_SCREEN)) return { kind: 'clear' };
  const body = chunk.replace(ERASE_LINES, '');
  if (body === '' && chunk !== '') return { kind: 'erase' };
  if (body.endsWith('\n') && !body.includes('\u001b[?')) return { kind: 'frame', lines: body.slice(0, -1).split('\n') };
  return { kind: 'other' };
}

/** The stream to give Ink, and a second way onto the same screen (see painter.ts). */
export interface FullscreenOutput {
  stdout: NodeJS.WriteStream;
  /**
   * Draws a whole screen of lines (as Ink would draw them) at once: only the cells that differ from
   * what is on the terminal are written, as one synchronized update. Ink's next frame, if it shows
   * the same lines, then writes nothing.
   */
  paint(lines: readonly string[]): void;
  /** Calls `listener` (once the current code has finished) whenever the screen was cleared and redrawn by Ink. */
  onClear(listener: () => void): void;
}

export function fullscreenStdout(stdout: NodeJS.WriteStream): FullscreenOutput {
  const screen = new ScreenDiff();
  const out = stdout.write.bind(stdout) as (...a: unknown[]) => boolean;
  // Held back until there is something to draw: a frame that changes nothing then costs no bytes.
  let pendingSync = false;
  let clearListener: (() => void) | undefined;
  const write = (...args: WriteArgs) => {
    const [chunk, ...rest] = args;
    if (typeof chunk !== 'string') return out(chunk, ...rest);
    const w = classifyWrite(chunk);
    switch (w.kind) {
      case 'marker':
        if (chunk === BEGIN_SYNC) {
          pendingSync = true;
          return done(rest);
        }
        if (chunk === END_SYNC && pendingSync) {
          pendingSync = false;
          return done(rest);
        }
        return out(chunk, ...rest);
      case 'frame': {
        const bytes = screen.frame(w.lines);
        if (bytes === '') return done(rest);
        const text = pendingSync ? BEGIN_SYNC + bytes : bytes;
        pendingSync = false;
        return out(text, ...rest);
      }
      case 'erase':
        // Ink erases its last frame only to draw it again right after: make that frame whole.
        screen.reset('unknown');
        return done(rest);
      case 'clear':
        screen.reset('blank');
        // Ink rewrites its last frame right after, which can be older than what was painted since.
        if (clearListener) queueMicrotask(clearListener);
        return flush(chunk, rest);
      default:
        screen.reset('unknown');
        return flush(chunk, rest);
    }
  };
  const flush = (chunk: string, rest: unknown[]) => {
    const text = pendingSync ? BEGIN_SYNC + chunk : chunk;
    pendingSync = false;
    return out(text, ...rest);
  };
  const paint = (lines: readonly string[]) => {
    const bytes = screen.frame(lines);
    if (bytes !== '') out(BEGIN_SYNC + bytes + END_SYNC);
  };
  const proxy = new Proxy(stdout, {
    get(target, prop) {
      if (prop === 'write') return write;
      if (prop === 'rows') return (target.rows || 24) + 1;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    stdout: proxy,
    paint,
    onClear: (listener) => {
      clearListener = listener;
    },
  };
}

/** A write that is swallowed still calls its callback, as the stream would have. */
function done(rest: unknown[]): boolean {
  const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
  if (cb) process.nextTick(cb);
  return true;
}
