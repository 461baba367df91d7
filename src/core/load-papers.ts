// The papers of some digest files for a command that prints them and exits (search, list, export,
// ...): what loadLibrary gives minus the digests' entries, read through the library cache
// (library-cache.ts) when it holds these digests, as the reader reads them.
import { startLibraryLoad, type LibraryLoad, type LoadedDigest } from './library-load.js';
import type { LoadOptions, LoadProblem } from './load.js';
import type { Paper } from './types.js';

export interface PapersResult {
  papers: Paper[];
  /** The digests that loaded, in the order loadLibrary gives them (the files' order as found). */
  digests: LoadedDigest[];
  /** As loadLibrary orders them: the paths' problems, then the files' in the order found. */
  errors: LoadProblem[];
  warnings: LoadProblem[];
  /** Size of the digest files. */
  totalBytes: number;
  /** Where the papers came from (LibraryLoad.readFrom). */
  readFrom: LibraryLoad['readFrom'];
  /** The digest files' signatures as read (LibraryLoad.signatures): for indexCacheKey. */
  signatures: ReadonlyMap<string, string>;
  /** Caches the whole library for the next load (LibraryLoad.storeCache). */
  storeCache(): Promise<void>;
}

/** Everything under `paths`, read at once; the same papers, digests and problems as loadLibrary. */
export function loadPapers(paths: readonly string[], options: LoadOptions = {}): PapersResult {
  const load = startLibraryLoad(paths, options);
  while (!load.step(Number.POSITIVE_INFINITY));
  // A load reads the files newest first; loadLibrary (whose order the commands have always
  // printed problems in) reads them as found. Problems with the paths themselves come first in
  // both and name no file found.
  const at = new Map(load.found.map((f, i) => [f, i]));
  const foundOrder = <T extends { path: string } | { file: string }>(list: readonly T[]) =>
    list
      .map((x, i) => ({ x, i, k: at.get('path' in x ? x.path : x.file) ?? -1 }))
      .sort((a, b) => a.k - b.k || a.i - b.i)
      .map(({ x }) => x);
  return {
    papers: load.papers(),
    digests: foundOrder(load.loadedDigests()),
    errors: foundOrder(load.errors),
    warnings: foundOrder(load.warnings),
    totalBytes: load.totalBytes,
    readFrom: load.readFrom,
    signatures: load.signatures(),
    storeCache: () => load.storeCache(),
  };
}
