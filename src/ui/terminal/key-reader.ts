import { KeyDecoder, type KeyEvent } from './keys.js';

/**
 * How long a read that ended on an Esc (or inside a sequence) waits for the rest before the Esc
 * counts as a key. A terminal sends a sequence in one write; over SSH its pieces arrive well within this.
 */
export const ESC_WAIT_MS = 25;

/** Where keys come from: the terminal in the app, a hand-fed source in tests. */
export interface KeySource {
  /** Calls `listener` with the events of each read, in order; returns the unsubscribe function. */
  subscribe(listener: (events: KeyEvent[]) => void): () => void;
}

/** The terminal's keys, read from the moment it was taken. */
export interface TerminalKeys extends KeySource {
  /**
   * The events read so far that wait for a subscriber (keys typed before the first frame), handed
   * over once: the app applies them before its first frame, which then shows what they did.
   */
  take(): KeyEvent[];
  stop(): void;
}

/**
 * The one reader of the terminal's input: every read goes through one KeyDecoder, and its events
 * (mouse reports only when `mouse` is on) to the subscribers. Reading starts at once (raw mode is already on), so keys typed while the
 * first frame is built wait here, decoded, for the reader to take them.
 */
export function readKeys(stdin: NodeJS.ReadStream, options: { mouse?: boolean } = {}): TerminalKeys {
  const decoder = new KeyDecoder();
  const listeners = new Set<(events: KeyEvent[]) => void>();
  let queued: KeyEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  const emit = (decoded: KeyEvent[]) => {
    // With the mouse off (--no-mouse), a report the terminal sends anyway (a mode another program
    // left on) is decoded, so none of its bytes are keys, and dropped.
    const events = options.mouse === false ? decoded.filter((e) => e.kind !== 'mouse') : decoded;
    if (events.length === 0) return;
    if (listeners.size === 0) {
      queued.push(...events);
      return;
    }
    for (const l of listeners) l(events);
  };
  const onData = (chunk: Buffer | string) => {
    clearTimeout(timer);
    timer = undefined;
    emit(decoder.feed(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
    if (decoder.pending) timer = setTimeout(() => emit(decoder.flush()), ESC_WAIT_MS);
  };
  stdin.setEncoding?.('utf8');
  stdin.on('data', onData);
  stdin.resume();
  return {
    take() {
      const early = queued;
      queued = [];
      return early;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (queued.length > 0) {
        const early = queued;
        queued = [];
        listener(early);
      }
      return () => void listeners.delete(listener);
    },
    stop() {
      clearTimeout(timer);
      stdin.off('data', onData);
      stdin.pause();
    },
  };
}
