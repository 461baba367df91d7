import type { Io } from '../cli/io.js';
import { loadOrFail } from '../cli/load-or-fail.js';
import { wantsColor } from './theme.js';

/** `paperterm [PATH...]` on a terminal: load, then hand the screen to the reader. */
export async function readerCommand(paths: readonly string[], options: { noColor: boolean }, io: Io): Promise<number> {
  const { papers } = loadOrFail(paths, io);
  // React's development build checks every render and is several times slower; users get the
  // production build unless they ask otherwise. It must be chosen before React is first loaded.
  process.env.NODE_ENV ??= 'production';
  const { startReader } = await import('./start.js');
  return startReader(papers, { color: wantsColor(io.env, options.noColor) });
}
