import { cacheDirFromEnv } from '../core/cache.js';
import { defaultPaths, loadLibrary, type LoadResult } from '../core/load.js';
import { terminalLine } from '../core/terminal-text.js';
import { FatalError } from './errors.js';
import type { Io } from './io.js';

/**
 * Loads the named paths (or the defaults), reports every problem on stderr, fails only if nothing
 * loaded. `quiet` leaves the problems to the caller (the reader shows them on its screen, where
 * stderr would be hidden), except when nothing loaded: then they explain the failure.
 */
export function loadOrFail(paths: readonly string[], io: Io, options: { quiet?: boolean } = {}): LoadResult {
  const result = loadLibrary(paths.length ? paths : defaultPaths(io.env), { cacheDir: cacheDirFromEnv(io.env) });
  const failed = result.digests.length === 0;
  if (!options.quiet || failed) {
    for (const e of result.errors) io.err(`paperterm: ${terminalLine(e.message)}\n`);
    for (const w of result.warnings) io.err(`paperterm: warning: ${terminalLine(w.message)}\n`);
  }
  if (failed) throw new FatalError('no digests loaded', 2);
  return result;
}
