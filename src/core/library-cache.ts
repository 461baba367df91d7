// The whole merged library on disk, beside the parsed-digest cache (cache.ts), so that a launch on
// digests that did not change reads one file instead of every digest. The digest cache keeps only
// offsets: a warm load of 100,000 papers still read, sliced and merged ~190 MB of digests (~1.4 s,
// a third of it collecting ~200,000 strings promoted to the old generation). Here the papers' text
// is stored as it is shown, in chunks of a few MB: each chunk becomes one string kept outside the JS
// heap (Node makes a large latin1 string external) and every title and abstract in it a slice of
// it, so loading makes no copy of the text per paper and leaves the GC little to do. Titles and
// links are in head chunks, read as the library loads; abstracts (~95% of the text) in chunks of
// their own, each read when a paper in it is first asked for its abstract (CachedPaper): a warm
// launch at 100,000 papers read and checked ~190 MB before its first answer, ~10 MB now, and the
// first touch of that much fresh memory alone cost ~0.55 s on a 2-core VM.
//
// A file is only used when everything about it checks out: the code that wrote it, every digest
// file's path and signature (as the digest cache keys them), the digests' dates worked out again,
// checksums of every section, and arrays that fit together. A chunk is checked before its papers
// are handed out (a head chunk) or its abstracts are (an abstract chunk). Anything wrong before the
// library is whole is a miss (the caller reads the digests and writes the file again); an abstract
// chunk found damaged later is read from the papers' digests instead, and the file removed. Every
// I/O error is swallowed: the cache can make loading faster, never wrong and never fail.
// This module says where a library is cached and what the file holds; library-cache-write.ts writes
// it, library-cache-read.ts reads it.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileSignature } from './cache.js';
import { codeFingerprint } from './code-fingerprint.js';
import { STDIN_PATH } from './parse.js';
import type { Paper } from './types.js';

export const MAGIC = Buffer.from('PTLIBRY1', 'latin1');
/** The file's last bytes: the header's length, its checksum's length, the magic. */
export const TRAILER_BYTES = 16;
export const FORMAT = 2;
/**
 * Abstracts per chunk: large enough to be kept outside the heap (Node's threshold is ~1 MB), small
 * enough to read in one slice of a load.
 */
export const CHUNK_BYTES = 2 << 20;
/**
 * Titles and links per head chunk: ~600 papers, a few ms of a load's 8 ms slices (a reader reads
 * keys between them), and more than the first screen needs (one chunk before the first frame).
 */
export const HEAD_CHUNK_BYTES = 64 << 10;

// Everything that decides what a loaded library holds: parsing, dates, ids, links and merging.
const FINGERPRINTED = [
  'parse', 'digest-date', 'links', 'library', 'library-builder', 'cache', 'load', 'library-load',
  'library-cache', 'library-cache-read', 'library-cache-write',
];
let fingerprint: string | null | undefined;

function fingerprintOnce(): string | null {
  if (fingerprint === undefined) fingerprint = codeFingerprint(import.meta.url, FINGERPRINTED);
  return fingerprint;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A digest as the library needs it once its papers are merged. */
export interface CachedDigest {
  file: string;
  /** Its date line, from which `day`, `label` and `order` are worked out again when the file is read. */
  date: string | null;
  day: string;
  label: string;
  order: number;
}

export interface LoadProblemRecord {
  path: string;
  message: string;
}

/** What a load of some digest files gave, as the library cache keeps it. */
export interface LibraryContents {
  /** In library order. */
  papers: readonly Paper[];
  /** The digests that loaded, in library order (compareDigests). */
  digests: readonly CachedDigest[];
  /** Every digest file, in the order they were read (the load's `files`). */
  plan: readonly string[];
  /** Problems with single digest files (not with the paths given). */
  errors: readonly LoadProblemRecord[];
  warnings: readonly LoadProblemRecord[];
}

/** Where the library read from some digest files is cached, and what the file must have been written for. */
export interface LibraryCacheSlot {
  path: string;
  key: string;
  /** The files' modification times (ms, as the digests were dated by) and total size. */
  mtimes: ReadonlyMap<string, number>;
  totalBytes: number;
  /** Each file's signature as stat'ed for this slot. */
  signatures: ReadonlyMap<string, string>;
  /**
   * The key a library read from only `some` of the slot's files (in the slot's order) was stored
   * under, their signatures as they are now; null when one of them is not among the slot's files.
   * A cached library written for fewer digests can then be told still valid for those.
   */
  keyFor(some: readonly string[]): string | null;
}

function slotPath(cacheDir: string, fp: string, files: readonly string[]): string {
  const dirs = [...new Set(files.map((f) => dirname(f)))].sort();
  return join(cacheDir, `library-${fp}`, `${sha256(dirs.join('\n')).slice(0, 32)}.lib`);
}

function keyOf(fp: string, files: readonly string[], signature: (file: string) => string): string {
  const parts: string[] = [`${FORMAT}`, fp];
  for (const f of files) parts.push(f, signature(f));
  return sha256(parts.join('\n'));
}

/**
 * The slot for the library read from `files` (every digest file found, in the order found), with
 * their signatures as they are now. Null without a cache, or when a file cannot be stat'ed.
 */
export function libraryCacheSlot(cacheDir: string | null | undefined, files: readonly string[]): LibraryCacheSlot | null {
  // Standard input is read once and never cached.
  if (!cacheDir || files.length === 0 || files.includes(STDIN_PATH)) return null;
  const fp = fingerprintOnce();
  if (!fp) return null;
  const signatures = new Map<string, string>();
  const mtimes = new Map<string, number>();
  let totalBytes = 0;
  try {
    for (const f of files) {
      const st = statSync(f, { bigint: true });
      signatures.set(f, fileSignature(st));
      mtimes.set(f, Number(st.mtimeNs / 1_000_000n));
      totalBytes += Number(st.size);
    }
  } catch {
    return null;
  }
  const keyFor = (some: readonly string[]): string | null => {
    const wanted = new Set(some);
    if (wanted.size !== some.length || some.some((f) => !signatures.has(f))) return null;
    return keyOf(fp, files.filter((f) => wanted.has(f)), (f) => signatures.get(f)!);
  };
  return { path: slotPath(cacheDir, fp, files), key: keyOf(fp, files, (f) => signatures.get(f)!), mtimes, totalBytes, signatures, keyFor };
}

/** The slot to store a library in, keyed by the signatures the files had when they were read. */
export function libraryCacheSlotFor(cacheDir: string | null | undefined, files: readonly string[], signatures: ReadonlyMap<string, string>): { path: string; key: string } | null {
  if (!cacheDir || files.length === 0 || files.includes(STDIN_PATH) || files.some((f) => !signatures.has(f))) return null;
  const fp = fingerprintOnce();
  if (!fp) return null;
  return { path: slotPath(cacheDir, fp, files), key: keyOf(fp, files, (f) => signatures.get(f)!) };
}

export interface Header {
  format: number;
  key: string;
  papers: number;
  strings: number;
  sources: number;
  /** Byte length of each head chunk (titles and links), in file order. */
  chunks: number[];
  chunkSums: string[];
  /** Byte length of each abstract chunk, in file order (after the head chunks). */
  abstractChunks: number[];
  abstractSums: string[];
  wideBytes: number;
  sums: { wide: string; ids: string; arrays: string };
  digests: CachedDigest[];
  plan: string[];
  errors: LoadProblemRecord[];
  warnings: LoadProblemRecord[];
}

export const ID = /^[0-9a-f]{12}$/;
/** strLen's top bit: the string is in the wide (UTF-16) section, not in a chunk. */
export const WIDE = 0x8000_0000;
