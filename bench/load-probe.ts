// One load of a corpus in a fresh process, as the real program does it at startup (cold JIT, empty
// heap), printing its timings and memory as one JSON line. Run by load-bench.ts, one process a run.
import { openDigestCache } from '../src/core/cache.js';
import { buildLibrary } from '../src/core/library.js';
import { expandPaths, readDigestFile } from '../src/core/load.js';
import type { Digest } from '../src/core/types.js';

export interface ProbeResult {
  readParseMs: number;
  mergeMs: number;
  totalMs: number;
  cpuMs: number;
  rssMB: number;
  heapAfterGcMB: number;
  papers: number;
  digests: number;
}

function probe(dir: string, cacheDir: string | undefined): ProbeResult {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // The steps of loadLibrary, timed apart.
  const cache = cacheDir ? openDigestCache(cacheDir) : null;
  const digests: Digest[] = expandPaths([dir]).files.map((f) => readDigestFile(f, cache));
  const t1 = performance.now();
  const papers = buildLibrary(digests);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const rss = process.memoryUsage().rss;
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed;
  return {
    readParseMs: t1 - t0,
    mergeMs: t2 - t1,
    totalMs: t2 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMB: rss / 2 ** 20,
    heapAfterGcMB: heap / 2 ** 20,
    papers: papers.length,
    digests: digests.length,
  };
}

const [dir, cacheDir] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: load-probe.js CORPUS_DIR [CACHE_DIR]\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(probe(dir, cacheDir))}\n`);
