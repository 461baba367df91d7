import { EventEmitter } from 'node:events';
import { BEGIN_SYNC, CLEAR_SCREEN, END_SYNC } from './escapes.js';
import { ScreenDiff } from './screen-diff.js';

/**
 * The one writer: the only thing that puts frames on the terminal.
 *
 * Ink, run with `debug: true`, hands each complete frame (its lines joined by newlines: text and
 * SGR styles, nothing else) to the `stdout` it was given, unthrottled and with no cursor movement
 * of its own. `sink` is that stdout: every write is one whole frame, which ScreenDiff turns into
 * the few bytes that change the terminal from the last frame to this one (changed cells only, rows
 * that moved scrolled by the terminal), sent as one synchronized update. Ink's output stage thus
 * sits on top of this one, and nothing draws beside it.
 */
export interface FrameWriter {
  /** Give this to Ink as `stdout` (with `debug: true`). */
  readonly sink: FrameSink;
  /** Clears the terminal and draws the last frame again, whole (Ctrl-L, a resize, back from Ctrl-Z). */
  repaint(): void;
  /** Tells Ink the terminal's size changed (it lays out again and renders). */
  resized(): void;
  /** Bytes written so far (for tests and the benchmark). */
  readonly bytesWritten: number;
  /** Writes nothing more: the terminal is being given back. */
  close(): void;
}

/** What Ink reads of a stdout. */
export interface FrameSink {
  readonly columns: number;
  readonly rows: number;
  readonly isTTY: boolean;
  write(frame: string, cb?: () => void): boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

export function frameWriter(stdout: Pick<NodeJS.WriteStream, 'write' | 'columns' | 'rows'>, afterFrame?: () => void): FrameWriter {
  const screen = new ScreenDiff();
  const events = new EventEmitter();
  let last: string[] | undefined;
  let bytes = 0;
  let closed = false;
  const out = (text: string) => {
    if (text === '' || closed) return;
    bytes += Buffer.byteLength(text);
    stdout.write(BEGIN_SYNC + text + END_SYNC);
  };
  const sink: FrameSink = {
    get columns() {
      return stdout.columns || 80;
    },
    get rows() {
      return stdout.rows || 24;
    },
    isTTY: true,
    write(frame: string, cb?: () => void) {
      // Ink writes '' when it would erase output it never drew (a narrower terminal): nothing to do.
      if (frame !== '') {
        last = frame.split('\n');
        out(screen.frame(last, stdout.rows || undefined));
        afterFrame?.();
      }
      if (cb) process.nextTick(cb);
      return true;
    },
    on: (event, listener) => events.on(event, listener),
    off: (event, listener) => events.off(event, listener),
    removeListener: (event, listener) => events.off(event, listener),
  };
  return {
    sink,
    repaint() {
      screen.reset('blank');
      out(CLEAR_SCREEN + (last ? screen.frame(last, stdout.rows || undefined) : ''));
    },
    resized() {
      events.emit('resize');
    },
    get bytesWritten() {
      return bytes;
    },
    close() {
      closed = true;
    },
  };
}
