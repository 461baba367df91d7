import type { ScreenRenderer } from './screen/compose.js';
import type { SessionSnapshot } from './session.js';

/**
 * Draws the screen the moment the session changes, without waiting for Ink. Ink rebuilds every
 * cell of a frame from scratch on each render (~15–25 ms at 120×40 on a 2-core machine), which a
 * keypress would otherwise wait for; the painter builds the same lines (ScreenRenderer, shared with
 * the Ink app) and hands them to the diffing stdout, which writes only the cells that changed
 * (~1–3 ms). Ink's own frame for the same snapshot follows and, showing the same lines, writes
 * nothing; if anything differs (a resize, a redraw), Ink's frame puts it right.
 *
 * Changes within one tick (a burst of keys, a key and its search) are painted once, after the
 * code that made them has finished.
 */
export function startPainter(
  source: { subscribe(listener: () => void): () => void; getSnapshot(): SessionSnapshot },
  renderer: ScreenRenderer,
  paint: (lines: readonly string[]) => void,
  painted: () => void,
): () => void {
  let queued = false;
  let stopped = false;
  const draw = () => {
    queued = false;
    if (stopped) return;
    paint(renderer.lines(source.getSnapshot()));
    painted();
  };
  const unsubscribe = source.subscribe(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(draw);
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
