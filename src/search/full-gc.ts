import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection, now. Loading 100,000 papers leaves ~30-60 MB of garbage in the old
 * generation that V8 would not collect before its next limit (set from the small heap of the first
 * moments, far above what a library needs), and building the index on top of it made the peak RSS
 * of a cold start. One collection before the build costs ~65 ms there (against ~5 s of build).
 * The collector is reached the way --expose-gc would, without the flag on the command line (a
 * re-exec of node costs start-up time): allowed for a fresh context, taken from it, and the flag put
 * back. Does nothing where that is refused.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  collect?.();
}
