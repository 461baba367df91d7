import { cacheDirFromEnv } from '../core/cache.js';
import { defaultPaths, loadLibrary, type LoadResult } from '../core/load.js';
import { FatalError } from './errors.js';
import type { Io } from './io.js';

/** Loads the named paths (or the defaults), reports every problem on stderr, fails only if nothing loaded. */
export function loadOrFail(paths: readonly string[], io: Io): LoadResult {
  const result = loadLibrary(paths.length ? paths : defaultPaths(io.env), { cacheDir: cacheDirFromEnv(io.env) });
  for (const e of result.errors) io.err(`paperterm: ${e.message}\n`);
  for (const w of result.warnings) io.err(`paperterm: warning: ${w.message}\n`);
  if (result.digests.length === 0) throw new FatalError('no digests loaded', 2);
  return result;
}
