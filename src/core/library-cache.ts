// The whole merged library on disk, beside the parsed-digest cache (cache.ts), so that a launch on
// digests that did not change reads one file instead of every digest. The digest cache keeps only
// offsets: a warm load of 100,000 papers still read, sliced and merged ~190 MB of digests (~1.4 s,
// a third of it collecting ~200,000 strings promoted to the old generation). Here the papers' text
// is stored as it is shown, in chunks of a few MB read one at a time: each chunk becomes one string
// kept outside the JS heap (Node makes a large latin1 string external) and every title and abstract
// in it a slice of it, so loading makes no copy of the text per paper and leaves the GC little to do.
//
// A file is only used when everything about it checks out: the code that wrote it, every digest
// file's path and signature (as the digest cache keys them), the digests' dates worked out again,
// checksums of every section, and arrays that fit together. A chunk is checked before its papers
// are handed out. Anything else is a miss (the caller reads the digests and writes the file again),
// and every I/O error is swallowed: the cache can make loading faster, never wrong and never fail.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, readSync, statSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileSignature } from './cache.js';
import { checksumOf, runningChecksum } from './checksum.js';
import { codeFingerprint } from './code-fingerprint.js';
import { compareDigests } from './library.js';
import { digestDay, STDIN_PATH } from './parse.js';
import { pruneOtherVersions, removeAbandonedTemps } from './prune-versions.js';
import { openRegularFile } from './regular-file.js';
import type { Paper } from './types.js';

const MAGIC = Buffer.from('PTLIBRY1', 'latin1');
/** The file's last bytes: the header's length, its checksum's length, the magic. */
const TRAILER_BYTES = 16;
const FORMAT = 1;
/** Text per chunk: large enough to be kept outside the heap (Node's threshold is ~1 MB), small enough to read in one slice of a load. */
const CHUNK_BYTES = 2 << 20;

// Everything that decides what a loaded library holds: parsing, dates, ids, links and merging.
const FINGERPRINTED = ['parse', 'digest-date', 'links', 'library', 'library-builder', 'cache', 'load', 'library-load', 'library-cache'];
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
  return { path: slotPath(cacheDir, fp, files), key: keyOf(fp, files, (f) => signatures.get(f)!), mtimes, totalBytes };
}

/** The slot to store a library in, keyed by the signatures the files had when they were read. */
export function libraryCacheSlotFor(cacheDir: string | null | undefined, files: readonly string[], signatures: ReadonlyMap<string, string>): { path: string; key: string } | null {
  if (!cacheDir || files.length === 0 || files.includes(STDIN_PATH) || files.some((f) => !signatures.has(f))) return null;
  const fp = fingerprintOnce();
  if (!fp) return null;
  return { path: slotPath(cacheDir, fp, files), key: keyOf(fp, files, (f) => signatures.get(f)!) };
}

interface Header {
  format: number;
  key: string;
  papers: number;
  strings: number;
  sources: number;
  /** Byte length of each text chunk, in file order. */
  chunks: number[];
  chunkSums: string[];
  wideBytes: number;
  sums: { wide: string; ids: string; arrays: string };
  digests: CachedDigest[];
  plan: string[];
  errors: LoadProblemRecord[];
  warnings: LoadProblemRecord[];
}

class Damaged extends Error {}

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Damaged(what);
}

const ID = /^[0-9a-f]{12}$/;
const NOT_LATIN1 = /[^\u0000-\u00ff]/;
/** strLen's top bit: the string is in the wide (UTF-16) section, not in a chunk. */
const WIDE = 0x8000_0000;

/**
 * The file's bytes in pieces, each valid until the next is taken: the text chunks (every paper's
 * title, abstract and links, one-byte text), the strings with wider characters (UTF-16), the ids,
 * the arrays that say where everything is, then the header (JSON), its checksum and, last, their
 * lengths and the magic (the header is written last because it holds the chunks' checksums).
 * Throws for papers it cannot store.
 */
export function* libraryCacheChunks(contents: LibraryContents, key: string): Generator<Uint8Array, void, void> {
  const { papers, digests } = contents;
  const n = papers.length;
  const digestAt = new Map<string, number>();
  digests.forEach((d, i) => digestAt.set(d.file, i));
  let strings = 0;
  let sources = 0;
  for (const p of papers) {
    strings += 2 + p.links.length;
    sources += p.sources.length;
  }
  const paperStr = new Uint32Array(n + 1);
  const paperSrc = new Uint32Array(n + 1);
  const src = new Uint32Array(sources);
  const strAt = new Uint32Array(strings);
  const strLen = new Uint32Array(strings);
  const chunkPapers: number[] = [0];
  const chunks: number[] = [];
  const chunkSums: string[] = [];
  const wide: string[] = [];
  let wideLength = 0;
  const ids = Buffer.allocUnsafe(12 * n);
  let buf = Buffer.allocUnsafe(CHUNK_BYTES + (1 << 16));
  let at = 0;
  let s = 0;
  let k = 0;
  const put = (text: string) => {
    if (NOT_LATIN1.test(text)) {
      strAt[s] = wideLength;
      strLen[s] = (text.length | WIDE) >>> 0;
      wide.push(text);
      wideLength += text.length;
    } else {
      if (at + text.length > buf.length) {
        const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, at + text.length));
        buf.copy(bigger, 0, 0, at);
        buf = bigger;
      }
      strAt[s] = at;
      strLen[s] = text.length;
      at += buf.write(text, at, 'latin1');
    }
    s++;
  };
  for (let p = 0; p < n; p++) {
    const paper = papers[p]!;
    if (!ID.test(paper.id) || paper.title.length >= WIDE || paper.abstract.length >= WIDE) throw new Error('paper not storable');
    ids.write(paper.id, 12 * p, 'latin1');
    paperStr[p] = s;
    put(paper.title);
    put(paper.abstract);
    for (const link of paper.links) put(link);
    paperSrc[p] = k;
    for (const file of paper.sources) {
      const d = digestAt.get(file);
      if (d === undefined) throw new Error('paper from an unknown digest');
      src[k++] = d;
    }
    if (at >= CHUNK_BYTES || p === n - 1) {
      const chunk = buf.subarray(0, at);
      chunks.push(at);
      chunkSums.push(checksumOf(chunk));
      chunkPapers.push(p + 1);
      at = 0;
      yield chunk;
    }
  }
  paperStr[n] = s;
  paperSrc[n] = k;
  const wideBytes = Buffer.from(wide.join(''), 'utf16le');
  // One section read back as one array, written in its parts (not joined: a few MB more at the end of a cold start).
  const arrays = [paperStr, paperSrc, src, strAt, strLen, Uint32Array.from(chunkPapers)].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const arraysSum = runningChecksum();
  for (const a of arrays) arraysSum.update(a);
  const header: Header = {
    format: FORMAT,
    key,
    papers: n,
    strings,
    sources,
    chunks,
    chunkSums,
    wideBytes: wideBytes.length,
    sums: { wide: checksumOf(wideBytes), ids: checksumOf(ids), arrays: arraysSum.digest() },
    digests: digests.map(({ file, date, day, label, order }) => ({ file, date, day, label, order })),
    plan: [...contents.plan],
    errors: contents.errors.map(({ path, message }) => ({ path, message })),
    warnings: contents.warnings.map(({ path, message }) => ({ path, message })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const sum = Buffer.from(checksumOf(json), 'latin1');
  const trailer = Buffer.alloc(TRAILER_BYTES);
  trailer.writeUInt32LE(json.length, 0);
  trailer.writeUInt32LE(sum.length, 4);
  MAGIC.copy(trailer, 8);
  yield wideBytes;
  yield ids;
  yield* arrays;
  yield json;
  yield sum;
  yield trailer;
}

/** A cached library being read chunk by chunk (see openCachedLibrary). */
export interface CachedLibrary {
  readonly digests: readonly CachedDigest[];
  readonly plan: readonly string[];
  readonly errors: readonly LoadProblemRecord[];
  readonly warnings: readonly LoadProblemRecord[];
  /** How many papers it holds. */
  readonly size: number;
  /** Papers handed out so far. */
  readonly read: number;
  readonly done: boolean;
  /**
   * Appends the next chunk's papers to `out`, once that chunk checks out; false (and the file
   * closed) when it does not or cannot be read: the caller then loads the digests instead.
   */
  next(out: Paper[]): boolean;
  /** Closes the file (done by `next` once every paper is out). */
  close(): void;
}

/** Typed as a plain list: a Paper's lists are never changed in place (see CachedLibrary.next). */
function frozen<T>(list: T[]): T[] {
  return Object.freeze(list) as T[];
}

function readAt(fd: number, length: number, position: number, into?: Buffer): Buffer {
  const out = into ? into.subarray(0, length) : Buffer.allocUnsafe(length);
  let at = 0;
  while (at < length) {
    const got = readSync(fd, out, at, length - at, position + at);
    if (got === 0) break;
    at += got;
  }
  check(at === length, 'truncated');
  return out;
}

function isProblems(v: unknown): v is LoadProblemRecord[] {
  return Array.isArray(v) && v.every((p) => typeof p === 'object' && p !== null && typeof p.path === 'string' && typeof p.message === 'string');
}

function isHeader(h: Partial<Header>): h is Header {
  const whole = (x: unknown) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < 2 ** 31;
  return (
    whole(h.papers) &&
    whole(h.strings) &&
    whole(h.sources) &&
    whole(h.wideBytes) &&
    Array.isArray(h.chunks) &&
    h.chunks.every(whole) &&
    Array.isArray(h.chunkSums) &&
    h.chunkSums.length === h.chunks.length &&
    h.chunkSums.every((x) => typeof x === 'string') &&
    typeof h.sums === 'object' &&
    h.sums !== null &&
    Array.isArray(h.digests) &&
    h.digests.every(
      (d) => typeof d === 'object' && d !== null && typeof d.file === 'string' && (d.date === null || typeof d.date === 'string') && typeof d.day === 'string' && typeof d.label === 'string' && typeof d.order === 'number',
    ) &&
    Array.isArray(h.plan) &&
    h.plan.every((f) => typeof f === 'string') &&
    isProblems(h.errors) &&
    isProblems(h.warnings)
  );
}

/**
 * The library cached in `slot`, ready to be read a chunk at a time, when its file was written for
 * exactly the digest files the slot was made from and its header, arrays and dates check out; else
 * null. The text chunks are checked one by one as they are read (CachedLibrary.next).
 */
export function openCachedLibrary(slot: LibraryCacheSlot): CachedLibrary | null {
  let fd: number;
  try {
    // A FIFO put in the cache's place must not hang the load.
    fd = openRegularFile(slot.path).fd;
  } catch {
    return null;
  }
  try {
    return cachedLibraryIn(fd, slot);
  } catch {
    closeSync(fd);
    return null;
  }
}

function cachedLibraryIn(fd: number, slot: LibraryCacheSlot): CachedLibrary {
  const size = Number(fstatSync(fd).size);
  check(size >= TRAILER_BYTES, 'not a library file');
  const trailer = readAt(fd, TRAILER_BYTES, size - TRAILER_BYTES);
  check(trailer.subarray(8).equals(MAGIC), 'not a library file');
  const headerLength = trailer.readUInt32LE(0);
  const sumLength = trailer.readUInt32LE(4);
  check(sumLength > 0 && sumLength <= 64 && headerLength > 0 && headerLength <= size - TRAILER_BYTES - sumLength, 'header');
  const headerBytes = readAt(fd, headerLength + sumLength, size - TRAILER_BYTES - sumLength - headerLength);
  const json = headerBytes.subarray(0, headerLength);
  check(checksumOf(json) === headerBytes.subarray(headerLength).toString('latin1'), 'header checksum');
  const header = JSON.parse(json.toString('utf8')) as Partial<Header>;
  check(header.format === FORMAT && header.key === slot.key, 'written for other digests');
  check(isHeader(header), 'header');
  const { papers: n, strings: m, sources } = header;
  const chunkCount = header.chunks.length;
  const textBytes = header.chunks.reduce((a, b) => a + b, 0);
  const arrayCount = 2 * (n + 1) + sources + 2 * m + chunkCount + 1;
  check(textBytes + header.wideBytes + 12 * n + 4 * arrayCount + headerLength + sumLength + TRAILER_BYTES === size, 'sections');
  let position = textBytes;
  const section = (length: number, sum: string) => {
    const bytes = readAt(fd, length, position);
    position += length;
    check(checksumOf(bytes) === sum, 'checksum');
    return bytes;
  };
  const wide = section(header.wideBytes, header.sums.wide);
  const ids = section(12 * n, header.sums.ids).toString('latin1');
  const arrayBytes = section(4 * arrayCount, header.sums.arrays);
  const arrays = new Uint32Array(arrayBytes.buffer, arrayBytes.byteOffset, arrayCount);
  let a = 0;
  const take = (length: number) => arrays.subarray(a, (a += length));
  const paperStr = take(n + 1);
  const paperSrc = take(n + 1);
  const src = take(sources);
  const strAt = take(m);
  const strLen = take(m);
  const chunkPapers = take(chunkCount + 1);
  // Arrays that fit together, so that reading the papers can only index what is there.
  check(paperStr[0] === 0 && paperStr[n] === m && paperSrc[0] === 0 && paperSrc[n] === sources, 'arrays');
  for (let p = 0; p < n; p++) check(paperStr[p + 1]! - paperStr[p]! >= 2 && paperSrc[p + 1]! > paperSrc[p]!, 'arrays');
  const digests = header.digests;
  for (let i = 0; i < sources; i++) check(src[i]! < digests.length, 'arrays');
  check(chunkPapers[0] === 0 && chunkPapers[chunkCount] === n, 'arrays');
  for (let c = 0; c < chunkCount; c++) check(chunkPapers[c + 1]! >= chunkPapers[c]!, 'arrays');
  check(/^[0-9a-f]*$/.test(ids), 'ids');
  // The digests' dates worked out again, and their order: both depend on more than the files (the
  // time zone; the locale, which orders digests of the same day by file name).
  digests.forEach((d, i) => {
    const mtime = slot.mtimes.get(d.file);
    check(mtime !== undefined, 'digests');
    const now = digestDay(d.date, d.file, mtime);
    check(now.day === d.day && now.label === d.label && now.order === d.order, 'dates');
    check(i === 0 || compareDigests(digests[i - 1]!, d) < 0, 'digest order');
  });
  const dates = digests.map((d) => d.label);
  const days = digests.map((d) => d.day);
  const files = digests.map((d) => d.file);
  // Most papers are in one digest: theirs share its dates, days and sources, and papers without
  // links one empty list. Nothing changes a paper's lists in place (a merge makes new ones), and
  // frozen they cannot be: 100,000 papers make ~300,000 fewer objects for the GC to copy.
  const alone = digests.map((d) => ({ dates: frozen([d.label]), days: frozen([d.day]), sources: frozen([d.file]) }));
  const noLinks = frozen<string>([]);
  // One buffer for every chunk's bytes: each new one would count as memory outside the heap, whose
  // growth V8 answers with full collections.
  let buffer = Buffer.allocUnsafe(Math.max(0, ...header.chunks));

  let chunk = 0;
  let chunkAt = 0;
  let open = true;
  let read = 0;
  const close = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  const wideText = (at: number, length: number) => {
    check(at + length <= wide.length / 2, 'strings');
    return wide.toString('utf16le', 2 * at, 2 * (at + length));
  };
  const nextChunk = (out: Paper[]) => {
    const bytes = readAt(fd, header.chunks[chunk]!, chunkAt, buffer);
    check(checksumOf(bytes) === header.chunkSums[chunk], 'checksum');
    // One string for the whole chunk, outside the heap; the papers' strings are slices of it.
    const text = bytes.toString('latin1');
    const string = (s: number): string => {
      const length = strLen[s]!;
      const at = strAt[s]!;
      if (length & WIDE) return wideText(at, length & ~WIDE);
      check(at + length <= text.length, 'strings');
      return text.slice(at, at + length);
    };
    for (let p = chunkPapers[chunk]!, end = chunkPapers[chunk + 1]!; p < end; p++) {
      const s0 = paperStr[p]!;
      const s1 = paperStr[p + 1]!;
      let links = noLinks;
      if (s1 > s0 + 2) {
        links = [];
        for (let s = s0 + 2; s < s1; s++) links.push(string(s));
      }
      const k0 = paperSrc[p]!;
      const k1 = paperSrc[p + 1]!;
      let lists = alone[src[k0]!]!;
      if (k1 > k0 + 1) {
        lists = { dates: [], days: [], sources: [] };
        for (let k = k0; k < k1; k++) {
          const d = src[k]!;
          lists.dates.push(dates[d]!);
          lists.days.push(days[d]!);
          lists.sources.push(files[d]!);
        }
      }
      out.push({ id: ids.slice(12 * p, 12 * p + 12), title: string(s0), abstract: string(s0 + 1), dates: lists.dates, days: lists.days, sources: lists.sources, links });
    }
    chunkAt += header.chunks[chunk]!;
    chunk++;
    read = chunkPapers[chunk]!;
  };

  return {
    digests,
    plan: header.plan,
    errors: header.errors,
    warnings: header.warnings,
    size: n,
    get read() {
      return read;
    },
    get done() {
      return chunk >= chunkCount;
    },
    next(out) {
      if (chunk >= chunkCount) return true;
      const before = out.length;
      try {
        nextChunk(out);
      } catch {
        out.length = before;
        close();
        return false;
      }
      if (chunk >= chunkCount) close();
      return true;
    },
    close,
  };
}

// Library directories of other code versions, and the files in them, as this module names them.
const LIBRARY_DIR = /^library-[0-9a-f]{16}$/;
const LIBRARY_FILE = /^[0-9a-f]{32}\.lib(\.\d+\.tmp)?$/;

const ABANDONED_TEMP = /^[0-9a-f]{32}\.lib\.(\d+)\.tmp$/;

/** Makes the slot's directory (removing other versions' on the way), and removes temp files of writes a process left unfinished (~165 MB each at 100,000 papers). */
function prepareDir(path: string): void {
  const dir = dirname(path);
  if (existsSync(dir)) return removeAbandonedTemps(dir, ABANDONED_TEMP);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  pruneOtherVersions(dirname(dir), dir, LIBRARY_DIR, LIBRARY_FILE);
}

/**
 * Writes the library atomically (aside, then renamed into place; any failure leaves no trace), a
 * chunk at a time, each written by the file system's threads before the next is made: the reader's
 * keys and frames go between chunks. Resolves once written or given up; never rejects.
 */
export async function storeCachedLibrary(slot: { path: string; key: string }, contents: LibraryContents): Promise<void> {
  const temp = `${slot.path}.${process.pid}.tmp`;
  let created = false;
  try {
    prepareDir(slot.path);
    const file = await open(temp, 'w', 0o600);
    created = true;
    try {
      for (const chunk of libraryCacheChunks(contents, slot.key)) {
        for (let at = 0; at < chunk.length; ) at += (await file.write(chunk, at, chunk.length - at)).bytesWritten;
      }
    } finally {
      await file.close();
    }
    await rename(temp, slot.path);
  } catch {
    if (created) await unlink(temp).catch(() => undefined);
  }
}
