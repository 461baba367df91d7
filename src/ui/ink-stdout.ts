/**
 * The stdout Ink draws the full-screen reader through. It works around two defects of Ink 6.8's
 * renderer (the last Ink release for Node 20) for a frame that fills the alternate screen:
 *
 * 1. A frame as tall as the terminal takes Ink's "fullscreen" path, which clears the terminal and
 *    rewrites every line on every update (`lastOutputHeight >= stdout.rows` in ink.js): every
 *    keypress would cost a full repaint. Ink is told the terminal has one row more than it has, so
 *    frames go through the incremental line-diffing writer instead.
 * 2. That writer appends a newline after the frame, which on the last row scrolls the screen, and
 *    then climbs back `lines - 1` rows to the frame's top, one row short (log-update.js). The
 *    trailing newline of a write is dropped, and the climb is replaced by "cursor home": the frame
 *    always starts at the top-left of the alternate screen, so home is exactly where it belongs.
 *
 * Only frame writes match either pattern: Ink's other writes (cursor visibility, synchronized-output
 * markers, erase sequences) pass through unchanged.
 */
const CLIMB_TO_FRAME_TOP = /^\u001b\[\d+A/;
const HOME = '\u001b[H';

type WriteArgs = [chunk: unknown, encoding?: unknown, cb?: unknown];

export function anchorFrame(chunk: string): string {
  const homed = chunk.replace(CLIMB_TO_FRAME_TOP, HOME);
  return homed.endsWith('\n') ? homed.slice(0, -1) : homed;
}

export function fullscreenStdout(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = (...args: WriteArgs) => {
    const [chunk, ...rest] = args;
    return (stdout.write as (...a: unknown[]) => boolean)(typeof chunk === 'string' ? anchorFrame(chunk) : chunk, ...rest);
  };
  return new Proxy(stdout, {
    get(target, prop) {
      if (prop === 'write') return write;
      if (prop === 'rows') return (target.rows || 24) + 1;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
