// One search benchmark in a fresh process (a fresh JIT and heap, and memory figures of this size
// alone): loads a generated corpus with the real loader, then runs bench/search-bench.ts on it and
// prints the result as one JSON line. Run by search-section.ts, one process a run.
import { loadLibrary } from '../src/core/load.js';
import { benchSearch } from './search-bench.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: search-probe.js CORPUS_DIR\n');
  process.exit(2);
}
const { papers } = loadLibrary([dir]);
globalThis.gc?.();
const rssBeforeMB = process.memoryUsage().rss / 2 ** 20;
process.stdout.write(`${JSON.stringify({ ...benchSearch(papers), rssBeforeMB })}\n`);
