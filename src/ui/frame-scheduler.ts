/**
 * Runs work (the search a keystroke asks for) after the frame that shows the keystroke has been
 * drawn: work run first would hold the typed character off the screen for as long as the search
 * takes (~20 ms at 100,000 papers). Keys arriving meanwhile still reach the session at once; their
 * work is coalesced there.
 */
export interface FrameScheduler {
  /** Pass as the session's `schedule`. */
  schedule(run: () => void): void;
  /** Pass as Ink's `onRender` option: a frame was just built, and is written right after. */
  frameDrawn(): void;
  /** A frame was just written (the painter's): run the waiting work now. */
  frameWritten(): void;
}

/** If no frame comes (nothing visible changed), the work runs after this long anyway. */
const FALLBACK_MS = 50;

export function afterNextFrame(): FrameScheduler {
  let waiting: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const runs = waiting;
    waiting = [];
    for (const run of runs) run();
  };
  return {
    schedule(run) {
      waiting.push(run);
      timer ??= setTimeout(flush, FALLBACK_MS);
    },
    frameDrawn() {
      // The frame is built but written right after this callback: run once the write is done.
      if (waiting.length > 0) setImmediate(flush);
    },
    frameWritten() {
      if (waiting.length > 0) flush();
    },
  };
}
