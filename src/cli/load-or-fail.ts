import { cacheDirFromEnv } from '../core/cache.js';
import { defaultPaths, loadLibrary, type LoadProblem, type LoadResult } from '../core/load.js';
import { loadPapers, type PapersResult } from '../core/load-papers.js';
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
  report(result, io, options);
  return result;
}

/**
 * A library smaller than this is read from its digests about as fast as from the library cache
 * (the samples, ~0.8 MB: ~10 ms either way), and writing the cache cost ~13 ms of every such
 * run with a fresh cache: not written by a command (the reader writes it whatever the size).
 */
const STORE_FROM_BYTES = 2 << 20;

/**
 * loadOrFail for a command that needs the papers and the digests' dates, not their entries: read
 * from the library cache when it holds these digests (~0.6 s instead of ~1.8 s at 100,000
 * papers). When it was of no use at all, the library read is cached once the command is done
 * (~0.3 s more, once, at 100,000 papers, after the output is written): the next run takes the fast
 * path, and so do the following days' (a new digest is merged on top). A run that merged new
 * digests on top writes nothing: merging them again costs little, and the reader rewrites it anyway.
 */
export function loadPapersOrFail(paths: readonly string[], io: Io, options: { quiet?: boolean } = {}): PapersResult {
  const result = loadPapers(paths.length ? paths : defaultPaths(io.env), { cacheDir: cacheDirFromEnv(io.env) });
  report(result, io, options);
  // After the command's own work (which runs synchronously from here to its output).
  if (result.readFrom === 'digests' && result.totalBytes >= STORE_FROM_BYTES) setImmediate(() => void result.storeCache());
  return result;
}

function report(result: { digests: readonly unknown[]; errors: readonly LoadProblem[]; warnings: readonly LoadProblem[] }, io: Io, options: { quiet?: boolean }): void {
  const failed = result.digests.length === 0;
  if (!options.quiet || failed) {
    for (const e of result.errors) io.err(`paperterm: ${terminalLine(e.message)}\n`);
    for (const w of result.warnings) io.err(`paperterm: warning: ${terminalLine(w.message)}\n`);
  }
  if (failed) throw new FatalError('no digests loaded', 2);
}
