import { cacheDirFromEnv } from '../core/cache.js';
import { startLibraryLoad, type LibraryLoad } from '../core/library-load.js';
import { defaultPaths } from '../core/load.js';
import { FatalError } from '../cli/errors.js';
import type { Io } from '../cli/io.js';
import { wantsColor } from './theme.js';

/** Papers read before the first frame: more than any screen shows, from the newest digests. */
const FIRST_SCREEN_PAPERS = 200;
/** Libraries up to this size (a few weeks of digests) are read whole before the first frame: no loading step. */
const READ_WHOLE_BYTES = 4 << 20;

/**
 * `paperterm [PATH...]` on a terminal: read the newest digests, hand the screen to the reader, and
 * read the rest while it runs. Problems found before the reader starts are printed then (as
 * `paperterm list` does); those found later are printed once it has given the terminal back.
 */
export async function readerCommand(paths: readonly string[], options: { noColor: boolean }, io: Io): Promise<number> {
  // Asked for first: Ink's modules load while the newest digests are read.
  // React's development build checks every render and is several times slower; users get the
  // production build unless they ask otherwise. It must be chosen before React is first loaded.
  process.env.NODE_ENV ??= 'production';
  const starting = import('./start.js');
  starting.catch(() => {}); // awaited below, unless no digest loads at all
  const load = startLibraryLoad(paths.length ? paths : defaultPaths(io.env), { cacheDir: cacheDirFromEnv(io.env) });
  const whole = load.totalBytes <= READ_WHOLE_BYTES;
  while (!load.done && (whole || load.digestCount === 0 || load.papers().length < FIRST_SCREEN_PAPERS)) load.step(0);
  const reported = report(load, { errors: 0, warnings: 0 }, io);
  if (load.done && load.digestCount === 0) throw new FatalError('no digests loaded', 2);

  const { startReader } = await starting;
  const { loadInBackground } = await import('./live-library.js');
  const code = await startReader(loadInBackground(load), { color: wantsColor(io.env, options.noColor) });
  report(load, reported, io);
  return code;
}

/** Prints the problems found since `from`; returns how many there are now. */
function report(load: LibraryLoad, from: { errors: number; warnings: number }, io: Io): { errors: number; warnings: number } {
  for (const e of load.errors.slice(from.errors)) io.err(`paperterm: ${e.message}\n`);
  for (const w of load.warnings.slice(from.warnings)) io.err(`paperterm: warning: ${w.message}\n`);
  return { errors: load.errors.length, warnings: load.warnings.length };
}
