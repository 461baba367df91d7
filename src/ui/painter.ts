import type { ScreenRenderer } from './screen/compose.js';
import type { SessionSnapshot } from './reader/session.js';

/** Paints in a row at most (a key's frame, then its search's). */
const MAX_REPAINTS = 3;

/**
 * Draws the screen the moment the session changes, without waiting for Ink. Ink rebuilds every
 * cell of a frame from scratch on each render (~15–25 ms at 120×40 on a 2-core machine), which a
 * keypress would otherwise wait for; the painter builds the same lines (ScreenRenderer, shared with
 * the Ink app) and hands them to the diffing stdout, which writes only the cells that changed
 * (~1–3 ms). Ink's own frame for the same snapshot follows and, showing the same lines, writes
 * nothing; if anything differs (a resize, a redraw), Ink's frame puts it right.
 *
 * Changes within one tick (a burst of keys) are painted once, after the code that made them has
 * finished; `painted` runs after each paint (the work that waited for the frame: a search).
 */
export function startPainter(
  source: { subscribe(listener: () => void): () => void; getSnapshot(): SessionSnapshot },
  renderer: ScreenRenderer,
  paint: (lines: readonly string[]) => void,
  painted: () => void,
): Painter {
  let queued = false;
  let stopped = false;
  const draw = () => {
    queued = false;
    // `painted` may run work that waited for this frame (the search for the typed key): its results
    // are painted at once too, rather than after Ink has rendered the frame before them.
    for (let i = 0; i < MAX_REPAINTS && !stopped; i++) {
      const snap = source.getSnapshot();
      paint(renderer.lines(snap));
      painted();
      if (source.getSnapshot() === snap) break;
    }
  };
  const request = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(draw);
  };
  const unsubscribe = source.subscribe(request);
  return {
    repaint: request,
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}

export interface Painter {
  /** Paints the current snapshot again (after the screen was cleared and redrawn by someone else). */
  repaint(): void;
  stop(): void;
}
