import { closeSync, fstatSync, readdirSync, readSync, statSync, type BigIntStats } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeFsError } from './fs-errors.js';
import { fileSignature, openDigestCache, type DigestCache } from './cache.js';
import { buildLibrary } from './library.js';
import { fileKind, NotRegularFileError, openRegularFile } from './regular-file.js';
import { packageRoot } from './package-root.js';
import { blockedText, type BlockedText } from './blocked-text.js';
import { asciiText, checkDigestBytes, DigestError, digestFromLayout, scanDigest, textOfBytes } from './parse.js';
import type { Digest, DigestEntry, Paper } from './types.js';
import { STDIN_PATH } from './parse.js';
import { readStdinBytes } from './stdin.js';

/** `-` as a PATH: a digest on standard input. */
export { STDIN_PATH };

/** A problem with one input path; `message` is a complete line for stderr. */
export interface LoadProblem {
  path: string;
  message: string;
}

export interface LoadResult {
  digests: Digest[];
  papers: Paper[];
  /** Files or directories that could not be used at all. */
  errors: LoadProblem[];
  /** Files that loaded with something odd in them. */
  warnings: LoadProblem[];
}

export const SAMPLE_DATA_DIR = join(packageRoot(), 'sample-data');

/** What to open when the user names nothing: $PAPERTERM_DIGESTS (colon-separated) or the bundled samples. */
export function defaultPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.PAPERTERM_DIGESTS ?? '').split(':').filter(Boolean);
  return fromEnv.length ? fromEnv : [SAMPLE_DATA_DIR];
}


/**
 * Expands directories to their *.txt files (sorted); files are taken as given, whatever their name.
 * A FIFO, socket or device (named *.txt or given directly) is reported and skipped without being
 * opened: reading one could block forever.
 */
export function expandPaths(paths: readonly string[]): { files: string[]; errors: LoadProblem[] } {
  const files: string[] = [];
  const errors: LoadProblem[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  const skip = (abs: string, shown: string, kind: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    errors.push({ path: shown, message: `${shown}: ${new NotRegularFileError(kind).message}; skipped` });
  };
  for (const p of paths) {
    if (p === STDIN_PATH) {
      add(STDIN_PATH);
      continue;
    }
    const abs = resolve(p);
    try {
      const st = statSync(abs);
      if (st.isDirectory()) {
        const entries = readdirSync(abs, { withFileTypes: true })
          .filter((e) => e.name.toLowerCase().endsWith('.txt') && !e.isDirectory())
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        if (entries.length === 0) errors.push({ path: p, message: `${p}: directory has no .txt digests` });
        for (const e of entries) {
          const file = join(abs, e.name);
          // Symbolic links are followed when read (which refuses what they point at if it is no file).
          if (e.isFile() || e.isSymbolicLink()) add(file);
          else skip(file, file, fileKind(e));
        }
      } else if (st.isFile()) {
        add(abs);
      } else {
        skip(abs, p, fileKind(st));
      }
    } catch (err) {
      errors.push({ path: p, message: `${p}: ${describeFsError(err)}` });
    }
  }
  return { files, errors };
}

export interface LoadOptions {
  /** Parsed-digest cache directory (see cache.ts); null or absent: parse every file. */
  cacheDir?: string | null;
  /** New cache records written off the main thread (DigestCacheOptions.background): for a process that keeps running. */
  writeCacheInBackground?: boolean;
  /**
   * startLibraryLoad only: new cache records are built and written when LibraryLoad.storeCache is
   * called, not while loading (DigestCacheOptions.hold).
   */
  holdCacheRecords?: boolean;
}

// One read buffer reused for every file: allocating a fresh one per file costs more than the read.
const SHARED_MAX = 8 << 20;
let shared: Buffer | undefined;

/** A file's bytes (a view valid until the next call) and its signature before and after the read. */
function readFileBytes(file: string): { bytes: Buffer; signature: string; unchanged: boolean; mtimeMs: number } {
  let fd: number;
  let before: BigIntStats;
  try {
    ({ fd, stats: before } = openRegularFile(file));
  } catch (err) {
    throw new DigestError(err instanceof NotRegularFileError ? `${err.message}; skipped` : describeFsError(err));
  }
  try {
    const expected = Number(before.size);
    let buf = shared ?? Buffer.allocUnsafe(1 << 20);
    if (buf.length <= expected) buf = Buffer.allocUnsafe(expected + 1);
    let length = 0;
    // Read to the end, whatever the size said: the file may be growing.
    for (;;) {
      if (length === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (buf.length <= SHARED_MAX) shared = buf;
    const signature = fileSignature(before);
    const unchanged = fileSignature(fstatSync(fd, { bigint: true })) === signature;
    return { bytes: buf.subarray(0, length), signature, unchanged, mtimeMs: Number(before.mtimeNs / 1_000_000n) };
  } catch (err) {
    throw err instanceof DigestError ? err : new DigestError(describeFsError(err));
  } finally {
    closeSync(fd);
  }
}

/**
 * Called once a digest file's bytes are read (before they are parsed): its signature, or null when
 * the file changed while it was read. What a cache of the whole library is keyed by.
 */
export type ReadSignature = (signature: string | null) => void;

/** Reads and parses one digest, through the cache when one is given. Throws DigestError. */
export function readDigestFile(file: string, cache: DigestCache | null = null, onRead?: ReadSignature): Digest {
  const { bytes, signature, unchanged, mtimeMs } = readFileBytes(file);
  onRead?.(unchanged ? signature : null);
  // Most digests are pure ASCII: their entries are then decoded from the bytes one by one, and a
  // cache hit never decodes the whole text at all.
  const ascii = asciiText(bytes);
  // Read in blocks, never as one string: see blocked-text.ts.
  let text: BlockedText | undefined;
  if (cache && unchanged) {
    const hit = cache.load(file, signature, ascii ?? (text = blockedText(bytes)), mtimeMs);
    if (hit) return hit;
  }
  checkDigestBytes(bytes);
  text ??= blockedText(bytes);
  const layout = scanDigest(text);
  const digest = digestFromLayout(ascii ?? text, file, layout, undefined, mtimeMs);
  if (cache && unchanged) cache.store(file, signature, layout, digest);
  return digest;
}

/** readDigestFile, or for `-` the digest on stdin (read once, whole, never cached). */
export function readDigest(file: string, cache: DigestCache | null = null, onRead?: ReadSignature): Digest {
  if (file !== STDIN_PATH) return readDigestFile(file, cache, onRead);
  const bytes = readStdinBytes();
  checkDigestBytes(bytes);
  const text = textOfBytes(bytes);
  return digestFromLayout(text, file, scanDigest(text));
}

/**
 * A paper in several digests is read once per digest; its later copies take the first one's strings
 * at once, while their own are still young and die cheaply. Left to buildLibrary (which does the
 * same, but only after every file is read) they outlived many young-generation collections and were
 * promoted: ~28 MB of old-space garbage at 100,000 papers, a large part of the peak RSS.
 */
function shareRepeatedText(digest: Digest, firstSeen: Map<string, DigestEntry>): void {
  for (const entry of digest.entries) {
    const key = entry.id ?? entry.title;
    const first = firstSeen.get(key);
    if (first === undefined) {
      firstSeen.set(key, entry);
      continue;
    }
    if (entry.title === first.title) entry.title = first.title;
    if (entry.abstract === first.abstract) entry.abstract = first.abstract;
  }
}

/** Reads every path; a bad file is reported and skipped, never fatal on its own. */
export function loadLibrary(paths: readonly string[], options: LoadOptions = {}): LoadResult {
  const { files, errors } = expandPaths(paths);
  const cache = options.cacheDir ? openDigestCache(options.cacheDir, { background: options.writeCacheInBackground ?? false }) : null;
  const digests: Digest[] = [];
  const warnings: LoadProblem[] = [];
  const firstSeen = new Map<string, DigestEntry>();
  for (const file of files) {
    try {
      const digest = readDigest(file, cache);
      shareRepeatedText(digest, firstSeen);
      digests.push(digest);
      for (const w of digest.warnings) warnings.push({ path: file, message: `${file}: ${w}` });
    } catch (err) {
      if (!(err instanceof DigestError)) throw err;
      errors.push({ path: file, message: `${file}: ${err.message}` });
    }
  }
  return { digests, papers: buildLibrary(digests), errors, warnings };
}
