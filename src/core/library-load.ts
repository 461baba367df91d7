// Loading a library newest digest first, a slice at a time, so that a reader can draw its first
// screen from the newest digests while the older ones are still being read. The papers come from a
// LibraryBuilder, so once everything is read they equal what loadLibrary gives for the same paths.
import { closeSync, readSync } from 'node:fs';
import { abstractsFromDigests } from './abstract-recovery.js';
import { findLinksInSlices } from './built-paper.js';
import { openDigestCache } from './cache.js';
import { libraryCacheSlot, libraryCacheSlotFor, type LibraryCacheSlot } from './library-cache.js';
import { openCachedLibrary, type CachedLibrary } from './library-cache-read.js';
import { storeCachedLibrary } from './library-cache-write.js';
import { compareDigests } from './library.js';
import { createLibraryBuilder } from './library-builder.js';
import { expandPaths, readDigest, type LoadOptions, type LoadProblem } from './load.js';
import { openRegularFile } from './regular-file.js';
import { DigestError, digestDay, scanDigest, textOfBytes } from './parse.js';
import type { Digest, Paper } from './types.js';
import { STDIN_PATH } from './parse.js';

export interface LibraryLoad {
  /** Digest files found, in the order they are read. */
  readonly files: readonly string[];
  /** Files read so far (loaded or failed). */
  readonly filesRead: number;
  /** Digests loaded so far (files read minus failures). Their papers are in papers(); the digests themselves are not kept. */
  readonly digestCount: number;
  readonly done: boolean;
  /** Size of all the files to read. */
  readonly totalBytes: number;
  /** Share of the files' bytes read so far, 0 to 1. */
  progress(): number;
  /**
   * Reads the next files until `budgetMs` has passed, always at least one (a slice for a turn of the
   * event loop). Returns whether everything has been read.
   */
  step(budgetMs: number): boolean;
  /** The papers so far in library order (a new array each call; see LibraryBuilder.papers). */
  papers(): Paper[];
  /**
   * The digest days loaded so far, newest first, each once: the ISO day and its label (the first
   * digest's, if two files share a day). What `[` / `]` step through; labels alone can repeat across years.
   */
  days(): { day: string; label: string }[];
  /**
   * The files of the digests loaded so far, in the order loadLibrary reads them (not this load's
   * date order): what indexCacheKey takes, so the reader and `paperterm search` share one cached index.
   */
  digestFiles(): string[];
  /** Every digest file found, in the order digestFiles gives them: what digestFiles will be once all loaded. */
  readonly found: readonly string[];
  /**
   * The signatures (cache.ts fileSignature) of the files read so far, as they were read (a file
   * that changed while it was read is left out): what the papers are of. indexCacheKey takes them
   * instead of stat'ing every file again (~15 ms a time at 782 digests).
   */
  signatures(): ReadonlyMap<string, string>;
  /**
   * Where the papers come from: the library cache alone, the library cache and digests new since
   * (merged on top), or every digest (no usable cache, or a cached file found damaged midway).
   */
  readonly readFrom: 'cache' | 'cache+new' | 'digests';
  /** The digests loaded so far, in library order: their files and dates. */
  loadedDigests(): readonly LoadedDigest[];
  /** Paths and files that could not be used, so far. */
  readonly errors: readonly LoadProblem[];
  /** Files that loaded with something odd in them, so far. */
  readonly warnings: readonly LoadProblem[];
  /**
   * Once the load is done: caches the whole library (library-cache.ts), written off the main
   * thread a chunk at a time, unless it was read from there; and writes the digest cache records
   * held back (LoadOptions.holdCacheRecords). Resolves once written or given up; `stop` gives up
   * (records written so far stay, a library file half written is removed).
   */
  storeCache(stop?: AbortSignal): Promise<void>;
}

/** Enough of a digest's start to hold its page header, date line and first title. */
const PEEK_BYTES = 4096;
const peekBuffer = Buffer.allocUnsafe(PEEK_BYTES);

interface Planned {
  file: string;
  order: number;
  bytes: number;
  /** Already read, because its date could not be told from its first bytes. */
  read?: { digest: Digest } | { error: string };
}

/**
 * The date order of a digest from its first few KB, without reading the rest: the date line can only
 * stand before the first entry, so a prefix that holds a complete entry line decides it. null when
 * the prefix does not (or the file cannot be read), and the caller reads the whole file instead.
 */
export function peekDigestOrder(file: string): { order: number | null; bytes: number } {
  // Stdin cannot be peeked at and read again: it is read whole at once.
  if (file === STDIN_PATH) return { order: null, bytes: 0 };
  let fd: number;
  let size = 0;
  let mtimeMs = 0;
  try {
    // Never blocks: a FIFO is refused here and reported by the full read.
    const opened = openRegularFile(file);
    fd = opened.fd;
    size = Number(opened.stats.size);
    mtimeMs = Number(opened.stats.mtimeMs);
  } catch {
    return { order: null, bytes: 0 };
  }
  try {
    const n = readSync(fd, peekBuffer, 0, PEEK_BYTES, 0);
    let end = n;
    // Only whole lines: a cut line could be a date or title that continues past the prefix.
    if (n < size) {
      end = Math.max(peekBuffer.lastIndexOf(10, n - 1), peekBuffer.lastIndexOf(13, n - 1));
      if (end <= 0) return { order: null, bytes: size };
    }
    const layout = scanDigest(textOfBytes(peekBuffer.subarray(0, end)));
    return { order: digestDay(layout.date, file, mtimeMs).order, bytes: size };
  } catch {
    return { order: null, bytes: size };
  } finally {
    closeSync(fd);
  }
}

/**
 * Finds the digest files under `paths` and orders them newest first; reads nothing else yet. With a
 * cache, a library cached for exactly these files (library-cache.ts) is read from there instead, a
 * chunk of papers per step, or one cached for all but some newer files, which are read (at once)
 * and merged on top; a cache file found damaged midway is given up for the digests, whose
 * load then starts over (its papers replace those handed out).
 */
export function startLibraryLoad(paths: readonly string[], options: LoadOptions = {}): LibraryLoad {
  const { files: found, errors: pathErrors } = expandPaths(paths);
  const slot = libraryCacheSlot(options.cacheDir, found);
  const cached = slot ? openCachedLibrary(slot, abstractsFromDigests()) : null;
  let source: Source = (cached && slot && sourceOfCache(cached, slot, found, options)) || digestSource(found, options);
  const errors = (): LoadProblem[] => [...pathErrors, ...source.errors];
  let errorList = errors();
  let warningList = source.warnings.slice();

  return {
    get files() {
      return source.files;
    },
    get filesRead() {
      return source.filesRead();
    },
    get digestCount() {
      return source.loaded.length;
    },
    get done() {
      return source.done();
    },
    get totalBytes() {
      return source.totalBytes;
    },
    progress: () => source.progress(),
    step(budgetMs) {
      const until = performance.now() + budgetMs;
      do {
        if (source.done()) break;
        if (!source.readNext()) {
          // The cached library is damaged: the digests are read instead, from the start.
          source = digestSource(found, options);
        }
        if (source.errors.length + pathErrors.length !== errorList.length) errorList = errors();
        if (source.warnings.length !== warningList.length) warningList = source.warnings.slice();
      } while (performance.now() < until);
      return source.done();
    },
    found,
    signatures: () => source.signatures(),
    get readFrom() {
      return source.readFrom;
    },
    loadedDigests: () => source.loaded.slice().sort(compareDigests),
    papers: () => source.papers(),
    digestFiles: () => {
      const read = new Set(source.loaded.map((d) => d.file));
      return found.filter((f) => read.has(f));
    },
    days: () => {
      const byDay = new Map<string, string>();
      for (const d of source.loaded.slice().sort(compareDigests)) if (!byDay.has(d.day)) byDay.set(d.day, d.label);
      return [...byDay].map(([day, label]) => ({ day, label }));
    },
    get errors() {
      return errorList;
    },
    get warnings() {
      return warningList;
    },
    storeCache: (stop) => source.storeCache(options.cacheDir ?? null, stop),
  };
}

/** Where a load's papers come from: the digests, or the library cached for them. */
interface Source {
  readonly readFrom: LibraryLoad['readFrom'];
  readonly files: readonly string[];
  readonly totalBytes: number;
  /** The digests read so far (for a cached library: all of them, from the start). */
  readonly loaded: readonly LoadedDigest[];
  /** Problems with single files so far. */
  readonly errors: readonly LoadProblem[];
  readonly warnings: readonly LoadProblem[];
  done(): boolean;
  filesRead(): number;
  progress(): number;
  /** One more file or chunk; false when the cached library turned out damaged. */
  readNext(): boolean;
  papers(): Paper[];
  signatures(): ReadonlyMap<string, string>;
  storeCache(cacheDir: string | null, stop?: AbortSignal): Promise<void>;
}

export type LoadedDigest = Pick<Digest, 'order' | 'file' | 'label' | 'day' | 'date'>;

/** The cached library, when written for every file found; or it and the files new since, when those can be merged on top. */
function sourceOfCache(cached: CachedLibrary, slot: LibraryCacheSlot, found: readonly string[], options: LoadOptions): Source | null {
  if (cached.plan.length === found.length) return cachedSource(cached, slot);
  const source = newerDigestsSource(cached, slot, found, options);
  if (!source) cached.close();
  return source;
}

/**
 * A cached library and digest files added since (the daily case: one new digest makes the whole
 * library's key stale, and a full load read ~190 MB at 100,000 papers). Only when every new digest
 * is newer than every cached one: they are read and merged first, and the cached papers after
 * them, as a LibraryBuilder fed the digests newest first would merge them (a paper in both keeps
 * the new digest's title and place, gains the cached dates after its own, and the cached abstract
 * if the new one has none). A new digest dated among the cached ones would interleave with them:
 * null, and the caller reads every digest.
 */
function newerDigestsSource(cached: CachedLibrary, slot: LibraryCacheSlot, found: readonly string[], options: LoadOptions): Source | null {
  const inCache = new Set(cached.plan);
  const added = found.filter((f) => !inCache.has(f));
  const cache = options.cacheDir ? openDigestCache(options.cacheDir, { background: options.writeCacheInBackground ?? false }) : null;
  const signatures = new Map<string, string | null>();
  const errors: LoadProblem[] = [];
  const warnings: LoadProblem[] = [];
  const digests: Digest[] = [];
  for (const file of added) {
    try {
      digests.push(readDigest(file, cache, (signature) => signatures.set(file, signature)));
    } catch (err) {
      if (!(err instanceof DigestError)) throw err;
      errors.push({ path: file, message: `${file}: ${err.message}` });
    }
  }
  digests.sort(compareDigests);
  const newestCached = cached.digests[0];
  if (newestCached && digests.some((d) => compareDigests(d, newestCached) >= 0)) return null;
  const builder = createLibraryBuilder();
  for (const d of digests) {
    builder.add(d);
    for (const w of d.warnings) warnings.push({ path: d.file, message: `${d.file}: ${w}` });
  }
  errors.push(...cached.errors);
  warnings.push(...cached.warnings);
  const papers = builder.papers();
  // Their lists are the builder's own (never the cached library's frozen, shared ones): grown in place.
  const newer = new Map(papers.map((p) => [p.id, p]));
  const loaded: LoadedDigest[] = [...digests.map(({ order, file, label, day, date }) => ({ order, file, label, day, date })), ...cached.digests];
  const files = [...digests.map((d) => d.file), ...cached.plan, ...added.filter((f) => !digests.some((d) => d.file === f))];
  // The cached files as the slot found them (its key proved them unchanged), the new ones as read.
  const known = () => unchanged(signatures, new Map(cached.plan.map((f) => [f, slot.signatures.get(f)!])));
  const chunk: Paper[] = [];
  const progress = () => (cached.done ? 1 : (added.length + (cached.read / Math.max(1, cached.size)) * cached.plan.length) / found.length);

  const readNext = () => {
    chunk.length = 0;
    if (!cached.next(chunk)) return false;
    for (const p of chunk) {
      const q = newer.get(p.id);
      if (q === undefined) {
        papers.push(p);
        continue;
      }
      if (!q.abstract && p.abstract) {
        q.abstract = p.abstract;
        q.links = p.links;
      }
      p.sources.forEach((file, i) => {
        if (q.sources.includes(file)) return;
        q.sources.push(file);
        q.dates.push(p.dates[i]!);
        q.days.push(p.days[i]!);
      });
    }
    return true;
  };

  return {
    readFrom: 'cache+new',
    files,
    totalBytes: slot.totalBytes,
    loaded,
    errors,
    warnings,
    done: () => cached.done,
    filesRead: () => Math.round(progress() * found.length),
    progress,
    readNext,
    papers: () => papers.slice(),
    signatures: known,
    storeCache(cacheDir, stop) {
      if (!cached.done) return Promise.resolve();
      const target = libraryCacheSlotFor(cacheDir, found, known());
      if (!target) return Promise.resolve();
      return storeCachedLibrary(target, { papers, digests: loaded, plan: files, errors, warnings }, stop);
    },
  };
}

/** The files read as they still were once read (signature not null), added to `into`. */
function unchanged(read: ReadonlyMap<string, string | null>, into = new Map<string, string>()): Map<string, string> {
  for (const [file, signature] of read) if (signature !== null) into.set(file, signature);
  return into;
}

function cachedSource(cached: CachedLibrary, slot: LibraryCacheSlot): Source {
  const papers: Paper[] = [];
  const progress = () => (cached.done ? 1 : cached.read / Math.max(1, cached.size));
  return {
    readFrom: 'cache',
    files: cached.plan,
    totalBytes: slot.totalBytes,
    loaded: cached.digests,
    errors: cached.errors,
    warnings: cached.warnings,
    done: () => cached.done,
    filesRead: () => Math.round(progress() * cached.plan.length),
    progress,
    readNext: () => cached.next(papers),
    papers: () => papers.slice(),
    signatures: () => slot.signatures,
    // Read from the cache: nothing to store, unless an abstract chunk was found damaged (and the
    // file removed): written again, those abstracts read from the digests.
    storeCache(cacheDir, stop) {
      if (!cached.done || !cached.damaged || !cacheDir) return Promise.resolve();
      const { digests, plan, errors, warnings } = cached;
      return storeCachedLibrary(slot, { papers, digests, plan, errors, warnings }, stop);
    },
  };
}

function digestSource(found: readonly string[], options: LoadOptions): Source {
  const cache = options.cacheDir
    ? openDigestCache(options.cacheDir, { background: options.writeCacheInBackground ?? false, hold: options.holdCacheRecords ?? false })
    : null;
  const errors: LoadProblem[] = [];
  const warnings: LoadProblem[] = [];
  const loaded: LoadedDigest[] = [];
  const builder = createLibraryBuilder();
  /** Each file's signature as it was read, null when it changed meanwhile; missing when it could not be read. */
  const signatures = new Map<string, string | null>();

  const read = (file: string): NonNullable<Planned['read']> => {
    try {
      return { digest: readDigest(file, cache, (signature) => signatures.set(file, signature)) };
    } catch (err) {
      if (!(err instanceof DigestError)) throw err;
      return { error: err.message };
    }
  };

  const readUnchanged = () => unchanged(signatures);

  const plan: Planned[] = found.map((file) => {
    const { order, bytes } = peekDigestOrder(file);
    if (order !== null) return { file, order, bytes };
    const done = read(file);
    return { file, order: 'digest' in done ? done.digest.order : -1, bytes, read: done };
  });
  plan.sort(compareDigests);
  const totalBytes = plan.reduce((n, p) => n + p.bytes, 0);
  let next = 0;
  let bytesRead = 0;

  const readNext = () => {
    const p = plan[next++]!;
    const result = p.read ?? read(p.file);
    p.read = undefined;
    bytesRead += p.bytes;
    if ('error' in result) {
      errors.push({ path: p.file, message: `${p.file}: ${result.error}` });
      return true;
    }
    const digest = result.digest;
    loaded.push({ order: digest.order, file: digest.file, label: digest.label, day: digest.day, date: digest.date });
    for (const w of digest.warnings) warnings.push({ path: p.file, message: `${p.file}: ${w}` });
    builder.add(digest);
    return true;
  };

  return {
    readFrom: 'digests',
    files: plan.map((p) => p.file),
    totalBytes,
    loaded,
    errors,
    warnings,
    done: () => next >= plan.length,
    filesRead: () => next,
    progress: () => (next >= plan.length ? 1 : totalBytes > 0 ? bytesRead / totalBytes : next / plan.length),
    readNext,
    papers: () => builder.papers(),
    signatures: readUnchanged,
    async storeCache(cacheDir, stop) {
      // Records held back while loading (options.holdCacheRecords) go first: they are what a
      // library one digest newer than this one is loaded from.
      await cache?.flush(stop);
      // Only a whole library, every file of which was read as it still is on disk, keyed by
      // exactly those versions: a file that changed while read, or could not be read at all,
      // is read again next time.
      if (next < plan.length || builder.digests !== loaded.length) return Promise.resolve();
      const slot = libraryCacheSlotFor(cacheDir, found, readUnchanged());
      if (!slot) return Promise.resolve();
      const digests = loaded.slice().sort(compareDigests);
      const papers = builder.papers();
      await findLinksInSlices(papers, 8, stop);
      if (stop?.aborted) return;
      return storeCachedLibrary(slot, { papers, digests, plan: plan.map((p) => p.file), errors, warnings }, stop);
    },
  };
}
