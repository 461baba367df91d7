// Launch to results in a fresh process, the way `paperterm search` and the reader get there: load
// the papers (from the library cache, else the digests through the digest cache), then the first
// answer from the scan engine, then the index (from the index cache, or built and stored), then the
// same query on the index. Prints one JSON line: times since the process started, and the peak RSS;
// then, as `paperterm search` does, caches the library if it was read from the digests (so the
// next run is warm). Run by search-section.ts.
import { existsSync } from 'node:fs';
import { cacheDirFromEnv } from '../src/core/cache.js';
import { loadPapers } from '../src/core/load-papers.js';
import { createScanEngine, createSearchEngine, indexCacheKey } from '../src/search/engine.js';

const [dir, query = 'model soups'] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: launch-probe.js CORPUS_DIR [QUERY]\n');
  process.exit(2);
}
// performance.now() counts from the start of the process (its time origin).
const cacheDir = cacheDirFromEnv(process.env);
const { papers, digests, readFrom, storeCache } = loadPapers([dir], { cacheDir });
const loadedMs = performance.now();
createScanEngine(papers).search(query, { limit: 50 });
const scanMs = performance.now();
const cache = indexCacheKey(cacheDir, digests.map((d) => d.file));
const hadIndex = cache !== null && existsSync(cache.path);
const indexStart = performance.now();
const engine = createSearchEngine(papers, { cache });
const indexMs = performance.now();
engine.search(query, { limit: 50 });
const searchedMs = performance.now();
process.stdout.write(
  `${JSON.stringify({
    papers: papers.length,
    hadIndex,
    loadedMs,
    scanAnswerMs: scanMs,
    scanQueryMs: scanMs - loadedMs,
    indexMs: indexMs - indexStart,
    indexedAnswerMs: searchedMs,
    readFrom,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
if (readFrom === 'digests') await storeCache();
