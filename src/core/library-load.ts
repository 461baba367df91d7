// Loading a library newest digest first, a slice at a time, so that a reader can draw its first
// screen from the newest digests while the older ones are still being read. The papers come from a
// LibraryBuilder, so once everything is read they equal what loadLibrary gives for the same paths.
import { closeSync, readSync } from 'node:fs';
import { openDigestCache } from './cache.js';
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
  /** Paths and files that could not be used, so far. */
  readonly errors: readonly LoadProblem[];
  /** Files that loaded with something odd in them, so far. */
  readonly warnings: readonly LoadProblem[];
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

/** Finds the digest files under `paths` and orders them newest first; reads nothing else yet. */
export function startLibraryLoad(paths: readonly string[], options: LoadOptions = {}): LibraryLoad {
  const { files: found, errors: pathErrors } = expandPaths(paths);
  const cache = options.cacheDir ? openDigestCache(options.cacheDir, { background: options.writeCacheInBackground ?? false }) : null;
  const errors: LoadProblem[] = [...pathErrors];
  const warnings: LoadProblem[] = [];
  let digestCount = 0;
  const loaded: Pick<Digest, 'order' | 'file' | 'label' | 'day'>[] = [];
  const builder = createLibraryBuilder();

  const read = (file: string): NonNullable<Planned['read']> => {
    try {
      return { digest: readDigest(file, cache) };
    } catch (err) {
      if (!(err instanceof DigestError)) throw err;
      return { error: err.message };
    }
  };

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
      return;
    }
    const digest = result.digest;
    digestCount++;
    loaded.push({ order: digest.order, file: digest.file, label: digest.label, day: digest.day });
    for (const w of digest.warnings) warnings.push({ path: p.file, message: `${p.file}: ${w}` });
    builder.add(digest);
  };

  return {
    files: plan.map((p) => p.file),
    get filesRead() {
      return next;
    },
    get digestCount() {
      return digestCount;
    },
    get done() {
      return next >= plan.length;
    },
    totalBytes,
    progress: () => (next >= plan.length ? 1 : totalBytes > 0 ? bytesRead / totalBytes : next / plan.length),
    step(budgetMs) {
      const until = performance.now() + budgetMs;
      do {
        if (next >= plan.length) break;
        readNext();
      } while (performance.now() < until);
      return next >= plan.length;
    },
    found,
    papers: () => builder.papers(),
    digestFiles: () => {
      const read = new Set(loaded.map((d) => d.file));
      return found.filter((f) => read.has(f));
    },
    days: () => {
      const byDay = new Map<string, string>();
      for (const d of loaded.sort(compareDigests)) if (!byDay.has(d.day)) byDay.set(d.day, d.label);
      return [...byDay].map(([day, label]) => ({ day, label }));
    },
    errors,
    warnings,
  };
}
