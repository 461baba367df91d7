// The search index on disk, beside the parsed-digest cache (core/cache.ts), so a launch reads the
// index instead of building it (≈ 40 ms per 1,000 papers). A file is only used when everything
// about it checks out: its format and the code that wrote it, the digest files it was built from
// (path and signature, as the digest cache keys them), a checksum of its contents, arrays that fit
// together, and the papers' titles, abstracts' lengths and dates. Anything else is a miss and the
// index is built afresh and written over it, or, when the file is whole but was built for other
// digests (one was added, edited or removed), updated from it (index-update.ts). Every I/O error is swallowed: the cache can make a
// launch faster, never wrong and never fail.
import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, mkdirSync, readSync, statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-file.js';
import { fileSignature } from '../core/cache.js';
import { runningChecksum } from '../core/checksum.js';
import { abstractLengthOf } from '../core/cached-paper.js';
import { codeFingerprint } from '../core/code-fingerprint.js';
import { openCacheFile } from '../core/regular-file.js';
import { pruneOtherVersions } from '../core/prune-versions.js';
import type { Paper } from '../core/types.js';
import { fold } from './fold.js';
import { Postings, type PostingsParts } from './postings.js';
import type { PaperFields, WordIndex } from './word-index.js';

const MAGIC = Buffer.from('PTSEARCH', 'latin1');
const FORMAT = 4;

/** Where one library's index lives and what it must have been built from. */
export interface IndexCacheKey {
  path: string;
  /** Covers the code version and every digest file's path and signature. */
  key: string;
  /** Those paths and signatures: an index file keeps them, for an update to tell what changed. */
  files?: readonly DigestSignature[];
}

/** A digest file's path and its signature (core/cache.ts fileSignature). */
export type DigestSignature = readonly [path: string, signature: string];

// The modules whose output the file holds: changing any of them starts afresh.
const FINGERPRINTED = ['word-index', 'tokens', 'fold', 'postings', 'index-cache', 'index-update'];
let fingerprint: string | null | undefined;

function fingerprintOnce(): string | null {
  if (fingerprint === undefined) fingerprint = codeFingerprint(import.meta.url, FINGERPRINTED);
  return fingerprint;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The cache slot for a library read from `files` (the digests' paths): one file per set of
 * directories, so adding or removing a digest replaces the old index instead of leaving it behind.
 * `signatures`: the files' signatures as the library was read from them (LibraryLoad.signatures),
 * else each is stat'ed now. Null when there is no cache or a digest cannot be stat'ed.
 */
export function indexCacheKey(cacheDir: string | null | undefined, files: readonly string[], signatures?: ReadonlyMap<string, string>): IndexCacheKey | null {
  if (!cacheDir || files.length === 0) return null;
  const fp = fingerprintOnce();
  if (!fp) return null;
  const parts: string[] = [`${FORMAT}`, fp];
  const signed: DigestSignature[] = [];
  try {
    for (const f of files) {
      const signature = signatures?.get(f) ?? fileSignature(statSync(f, { bigint: true }));
      parts.push(f, signature);
      signed.push([f, signature]);
    }
  } catch {
    return null;
  }
  const dirs = [...new Set(files.map((f) => dirname(f)))].sort();
  return { path: join(cacheDir, `search-${fp}`, `${sha256(dirs.join('\n')).slice(0, 32)}.idx`), key: sha256(parts.join('\n')), files: signed };
}

type ArrayName =
  | 'wordStart' | 'wordLetters' | 'titleLetters' | 'abstractLetters' | 'titleNorm' | 'abstractNorm' | 'labelNorm'
  | 'paperLabelStart' | 'paperLabels' | 'titleEnd' | 'abstractLength';
const POSTINGS = ['title', 'abstract', 'titleAcronyms', 'abstractAcronyms'] as const;
const POSTING_PARTS = ['offsets', 'docs', 'slot', 'bits'] as const;

interface Header {
  format: number;
  key: string;
  /** The digest files it was built from (IndexCacheKey.files). */
  files: DigestSignature[];
  papers: number;
  words: number;
  /** Byte length of the text sections: blob, folded titles, titles as written, labels (JSON). */
  text: [number, number, number, number];
  /** Element counts of the arrays, in writing order. */
  arrays: Record<string, number>;
  checksum: string;
}

type Typed = Uint32Array | Int32Array | Float32Array | Uint16Array;

/** Each array the file holds, by name, in one piece or several (the bitsets are kept in blocks). */
function arraysOf(index: WordIndex, titleEnd: Uint32Array, abstractLength: Uint32Array): [string, readonly Typed[]][] {
  const named: Record<ArrayName, Typed> = {
    wordStart: index.wordStart,
    wordLetters: index.wordLetters,
    titleLetters: index.titleLetters,
    abstractLetters: index.abstractLetters,
    titleNorm: index.titleNorm,
    abstractNorm: index.abstractNorm,
    labelNorm: index.labelNorm,
    paperLabelStart: index.paperLabelStart,
    paperLabels: index.paperLabels,
    titleEnd,
    abstractLength,
  };
  const out: [string, readonly Typed[]][] = Object.entries(named).map(([name, a]) => [name, [a]]);
  for (const p of POSTINGS) {
    const parts = index[p].parts();
    for (const k of POSTING_PARTS) {
      const part = parts[k];
      out.push([`${p}.${k}`, Array.isArray(part) ? part : [part as Typed]]);
    }
  }
  return out;
}

/** The index as bytes: magic, header length, header JSON, then the text and arrays, 4-byte aligned. */
export function serializeIndex(index: WordIndex, key: string, files: readonly DigestSignature[] = []): Buffer {
  // Each piece copied as it comes: the title pieces share one scratch buffer.
  return Buffer.concat(Array.from(serializedChunks(index, key, files), (c) => Buffer.from(c)));
}

/**
 * serializeIndex's bytes in pieces, each valid only until the next is taken: the arrays are views of
 * the index's own, and the title sections are encoded a slice at a time into one small buffer, twice
 * (once for the checksum the header carries, once to be written). Nothing the size of the file or of
 * a section is made: at 100,000 papers two copies of ~50 MB were once the peak of a cold start, and
 * then the two 8 MB title sections.
 */
function* serializedChunks(index: WordIndex, key: string, files: readonly DigestSignature[]): Generator<Uint8Array, void, void> {
  const titleEnd = new Uint32Array(index.titleLower.length);
  let at = 0;
  index.titleLower.forEach((t, d) => {
    at += t.length;
    titleEnd[d] = at;
  });
  const abstractLength = new Uint32Array(index.papers.length);
  index.papers.forEach((p, d) => {
    abstractLength[d] = abstractLengthOf(p);
  });
  const written = index.papers.map((p) => p.title);
  const blob = Buffer.from(index.blob, 'utf8');
  const labels = Buffer.from(JSON.stringify(index.labels), 'utf8');
  // Kept as written too: checking them against the papers is then a plain comparison, not a fold.
  const textLengths = [blob.length, joinedLength(index.titleLower, 0), joinedLength(written, 1), labels.length];
  const arrays = arraysOf(index, titleEnd, abstractLength);
  const scratch = Buffer.allocUnsafe(1 << 16);
  const body = function* (): Generator<Uint8Array, void, void> {
    const texts = [[blob], encodedJoined(index.titleLower, '', scratch), encodedJoined(written, '\n', scratch), [labels]];
    for (let i = 0; i < texts.length; i++) {
      yield* texts[i]!;
      yield PADDING.subarray(0, (4 - (textLengths[i]! % 4)) % 4);
    }
    for (const [, pieces] of arrays) {
      let bytes = 0;
      for (const a of pieces) {
        yield new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
        bytes += a.byteLength;
      }
      yield PADDING.subarray(0, (4 - (bytes % 4)) % 4);
    }
  };
  const sum = runningChecksum();
  for (const b of body()) sum.update(b);
  const header: Header = {
    format: FORMAT,
    key,
    files: files.map(([f, signature]) => [f, signature]),
    papers: index.papers.length,
    words: index.words.length,
    text: [textLengths[0]!, textLengths[1]!, textLengths[2]!, textLengths[3]!],
    arrays: Object.fromEntries(arrays.map(([name, pieces]) => [name, pieces.reduce((sum, a) => sum + a.length, 0)])),
    checksum: sum.digest(),
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  json = Buffer.concat([json, Buffer.alloc((4 - ((json.length + 12) % 4)) % 4, 0x20)]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  yield MAGIC;
  yield length;
  yield json;
  yield* body();
}

const PADDING = Buffer.alloc(4);

/** UTF-8 bytes of the strings joined by a one-byte separator (`separatorBytes` 0 or 1). */
function joinedLength(parts: readonly string[], separatorBytes: number): number {
  let bytes = Math.max(0, parts.length - 1) * separatorBytes;
  for (const p of parts) bytes += Buffer.byteLength(p, 'utf8');
  return bytes;
}

/** The strings joined by `separator` (one ASCII character or none), as UTF-8, in pieces of `scratch` (each valid until the next). */
function* encodedJoined(parts: readonly string[], separator: string, scratch: Buffer): Generator<Uint8Array, void, void> {
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const need = Buffer.byteLength(p, 'utf8') + (i > 0 ? separator.length : 0);
    if (at + need > scratch.length) {
      if (at > 0) yield scratch.subarray(0, at);
      at = 0;
      if (need > scratch.length) {
        yield Buffer.from(i > 0 ? separator + p : p, 'utf8');
        continue;
      }
    }
    if (i > 0 && separator) at += scratch.write(separator, at, 'latin1');
    at += scratch.write(p, at, 'utf8');
  }
  if (at > 0) yield scratch.subarray(0, at);
}

class Damaged extends Error {}

/** A section's length padded to 4 bytes, so every array in the file starts aligned. */
const padded = (n: number): number => n + ((4 - (n % 4)) % 4);
/** The typed array an array section is read into, by its name's ending. */
const arrayType = (name: string) => (name.endsWith('Norm') ? Float32Array : name.endsWith('.slot') ? Int32Array : name.endsWith('.docs') ? Uint16Array : Uint32Array);

function check(ok: boolean, what: string): void {
  if (!ok) throw new Damaged(what);
}

/**
 * Reads and checks an index file piece by piece: a generator that yields how many bytes it wants
 * next and is given them (fresh memory, exactly that many, or fewer at the end of the file). Each
 * array is read straight into its own typed array, so loading never holds the whole file at once.
 * Throws Damaged unless the file was built for exactly these papers under `key`.
 */
/** The file's opening (magic, header length) and its JSON header, read as parseIndex reads the rest. */
function* parseHeader(): Generator<number, Header, Uint8Array> {
  const opening = yield 12;
  check(opening.length === 12 && Buffer.from(opening.buffer, opening.byteOffset, 8).equals(MAGIC), 'not an index file');
  const headerLength = Buffer.from(opening.buffer, opening.byteOffset, 12).readUInt32LE(8);
  // The header lists every digest file (path and signature, ~100 bytes each): room for ~150,000.
  check(headerLength > 0 && headerLength < 1 << 24, 'header');
  const headerBytes = yield headerLength;
  check(headerBytes.length === headerLength, 'truncated header');
  return JSON.parse(Buffer.from(headerBytes.buffer, headerBytes.byteOffset, headerBytes.length).toString('utf8')) as Header;
}

/** An index file's contents, checked to be whole (checksum) but not yet against any papers. */
interface Sections {
  header: Header;
  blob: string;
  /** The folded titles, joined, as UTF-8 (an update has no use for them). */
  titles: Uint8Array;
  /** The titles as written, UTF-8, joined by newlines. */
  written: Uint8Array;
  labels: string[];
  arrays: Map<string, Typed>;
}

/** The sections of a file whose header `wanted` accepts (else Damaged), checksum checked. */
function* parseSections(wanted: (header: Header) => boolean): Generator<number, Sections, Uint8Array> {
  const header = yield* parseHeader();
  check(header.format === FORMAT && wanted(header), 'built for other digests');
  check(Array.isArray(header.text) && header.text.length === 4 && typeof header.arrays === 'object' && header.arrays !== null, 'header');
  const sum = runningChecksum();
  function* take(n: number): Generator<number, Uint8Array, Uint8Array> {
    check(Number.isInteger(n) && n >= 0 && n < 2 ** 31, 'header');
    const bytes = yield padded(n);
    check(bytes.length === padded(n), 'truncated');
    sum.update(bytes);
    return bytes.subarray(0, n);
  }
  const text = function* (n: number): Generator<number, string, Uint8Array> {
    const b = yield* take(n);
    return Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8');
  };
  const [blobBytes, titleBytes, writtenBytes, labelBytes] = header.text;
  const blob = yield* text(blobBytes);
  const titles = yield* take(titleBytes);
  // Compared with the papers' titles byte by byte, never decoded: as one string it was 8 MB of
  // garbage at 100,000 papers, and split 100,000 strings of it.
  const written = yield* take(writtenBytes);
  const parsedLabels = JSON.parse(yield* text(labelBytes)) as unknown;
  check(Array.isArray(parsedLabels) && parsedLabels.every((l) => typeof l === 'string'), 'labels');
  const labels = parsedLabels as string[];
  const arrays = new Map<string, Typed>();
  for (const [name, count] of Object.entries(header.arrays)) {
    const ctor = arrayType(name);
    check(Number.isInteger(count) && count >= 0 && count < 2 ** 30, 'header');
    const bytes = yield* take(count * ctor.BYTES_PER_ELEMENT);
    arrays.set(name, new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, count));
  }
  const rest = yield 1;
  check(rest.length === 0, 'trailing bytes');
  check(sum.digest() === header.checksum, 'checksum mismatch');
  return { header, blob, titles, written, labels, arrays };
}

/** The typed arrays of a file, checked for type and length as they are taken. */
function sectionArrays(s: Sections) {
  const { arrays } = s;
  const n = s.header.papers;
  const words = s.header.words;
  const u32 = (name: string, length?: number): Uint32Array => {
    const a = arrays.get(name);
    check(a instanceof Uint32Array && (length === undefined || a.length === length), name);
    return a as Uint32Array;
  };
  const f32 = (name: string, length: number): Float32Array => {
    const a = arrays.get(name);
    check(a instanceof Float32Array && a.length === length, name);
    return a as Float32Array;
  };
  const postings = (p: string): Postings => {
    const slot = arrays.get(`${p}.slot`);
    check(slot instanceof Int32Array, p);
    const docs = arrays.get(`${p}.docs`);
    check(docs instanceof Uint16Array, p);
    const parts: PostingsParts = { paperCount: n, offsets: u32(`${p}.offsets`), docs: docs as Uint16Array, slot: slot as Int32Array, bits: [u32(`${p}.bits`)] };
    try {
      return Postings.fromParts(parts, words);
    } catch (err) {
      throw new Damaged(`${p}: ${(err as Error).message}`);
    }
  };

  return { u32, f32, postings };
}

/** The vocabulary of a file: its words, in id order. */
function vocabulary(s: Sections, wordStart: Uint32Array): string[] {
  const { blob } = s;
  const words = s.header.words;
  check(blob.length === 0 ? words === 0 : blob[0] === '\n' && blob[blob.length - 1] === '\n', 'vocabulary');
  check(wordStart[words] === blob.length, 'vocabulary');
  const wordList = words === 0 ? [] : blob.slice(1, -1).split('\n');
  check(wordList.length === words, 'vocabulary');
  return wordList;
}

function* parseIndex(key: string, papers: readonly Paper[]): Generator<number, WordIndex, Uint8Array> {
  const s = yield* parseSections((header) => header.key === key && header.papers === papers.length);
  const { written, labels } = s;
  const titles = Buffer.from(s.titles.buffer, s.titles.byteOffset, s.titles.length).toString('utf8');
  const { u32, f32, postings } = sectionArrays(s);
  const n = papers.length;
  const words = s.header.words;
  const wordStart = u32('wordStart', words + 1);
  const wordList = vocabulary(s, wordStart);
  // The papers must be the ones the index was built from: titles exactly, abstracts by length, dates exactly.
  const titleEnd = u32('titleEnd', n);
  const abstractLength = u32('abstractLength', n);
  const paperLabelStart = u32('paperLabelStart', n + 1);
  const paperLabels = u32('paperLabels');
  check(paperLabelStart[0] === 0 && paperLabelStart[n] === paperLabels.length, 'dates');
  const titleLower: string[] = new Array<string>(n);
  let start = 0;
  let writtenAt = 0;
  for (let d = 0; d < n; d++) {
    const p = papers[d]!;
    const end = titleEnd[d]!;
    check(end >= start && end <= titles.length, 'titles');
    const t = titles.slice(start, end);
    if (d > 0) {
      check(written[writtenAt] === 10, 'papers changed');
      writtenAt++;
    }
    writtenAt = writtenTitleEnd(written, writtenAt, p.title);
    check(writtenAt >= 0 && abstractLength[d] === abstractLengthOf(p), 'papers changed');
    titleLower[d] = t;
    start = end;
    const from = paperLabelStart[d]!;
    const to = paperLabelStart[d + 1]!;
    check(to >= from && to - from === p.dates.length, 'dates');
    for (let k = from; k < to; k++) check(labels[paperLabels[k]!] === p.dates[k - from], 'dates');
  }
  check(writtenAt === written.length, 'titles');
  return {
    papers,
    words: wordList,
    blob: s.blob,
    wordStart,
    title: postings('title'),
    abstract: postings('abstract'),
    titleAcronyms: postings('titleAcronyms'),
    abstractAcronyms: postings('abstractAcronyms'),
    wordLetters: u32('wordLetters', words),
    titleLetters: u32('titleLetters', n),
    abstractLetters: u32('abstractLetters', n),
    titleLower,
    titleNorm: f32('titleNorm', n),
    abstractNorm: f32('abstractNorm', n),
    labels,
    labelLower: labels.map((l) => fold(l)),
    labelNorm: f32('labelNorm', labels.length),
    paperLabelStart,
    paperLabels,
  };
}

/** An index file built for other digests than the library's now, whole: what an update starts from (index-update.ts). */
export interface StaleIndex extends PaperFields {
  /** The digest files it was built from, with their signatures then. */
  files: readonly DigestSignature[];
  words: string[];
  /** Its papers' titles as written, abstracts' lengths, and dates (labels[paperLabels[k]] for k in paperLabelStart[d] .. paperLabelStart[d + 1]). */
  titles: string[];
  abstractLength: Uint32Array;
  labels: string[];
  paperLabelStart: Uint32Array;
  paperLabels: Uint32Array;
}

/** A whole index file built for other digests than `key`'s (a file without its digests' signatures is none). */
function* parseStale(key: string): Generator<number, StaleIndex, Uint8Array> {
  const s = yield* parseSections((header) => header.key !== key && Array.isArray(header.files) && Number.isInteger(header.papers) && header.papers >= 0);
  const { u32, f32, postings } = sectionArrays(s);
  const n = s.header.papers;
  const files = s.header.files;
  check(files.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string'), 'files');
  const titles = n === 0 ? [] : Buffer.from(s.written.buffer, s.written.byteOffset, s.written.length).toString('utf8').split('\n');
  check(titles.length === n, 'titles');
  const paperLabelStart = u32('paperLabelStart', n + 1);
  const paperLabels = u32('paperLabels');
  check(paperLabelStart[0] === 0 && paperLabelStart[n] === paperLabels.length, 'dates');
  for (let d = 0; d < n; d++) check(paperLabelStart[d + 1]! >= paperLabelStart[d]!, 'dates');
  for (const l of paperLabels) check(l < s.labels.length, 'dates');
  return {
    files,
    words: vocabulary(s, u32('wordStart', s.header.words + 1)),
    titles,
    abstractLength: u32('abstractLength', n),
    labels: s.labels,
    paperLabelStart,
    paperLabels,
    title: postings('title'),
    abstract: postings('abstract'),
    titleAcronyms: postings('titleAcronyms'),
    abstractAcronyms: postings('abstractAcronyms'),
    titleNorm: f32('titleNorm', n),
    abstractNorm: f32('abstractNorm', n),
    titleLetters: u32('titleLetters', n),
    abstractLetters: u32('abstractLetters', n),
  };
}

/**
 * The index file in `slot` when it is whole but was built for other digests than `slot.key`'s
 * (null otherwise: missing, current, damaged, from before files were kept, unreadable).
 */
export function loadStaleIndex(slot: IndexCacheKey): StaleIndex | null {
  return withIndexFile(slot, (fd) => readWith(fd, parseStale(slot.key)));
}

/** loadStaleIndex with the file read off the main thread. */
export function loadStaleIndexAsync(slot: IndexCacheKey): Promise<StaleIndex | null> {
  return readIndexAsync(slot, parseStale(slot.key));
}

/**
 * Where `title`, as UTF-8, ends if `bytes` holds it from `at` on (and no newline is in it), else -1.
 * ASCII titles, nearly all of them, are compared code by byte without encoding anything.
 */
function writtenTitleEnd(bytes: Uint8Array, at: number, title: string): number {
  const n = title.length;
  if (at + n > bytes.length) return -1;
  let i = 0;
  for (; i < n; i++) {
    const c = title.charCodeAt(i);
    if (c >= 128) break;
    if (bytes[at + i] !== c || c === 10) return -1;
  }
  if (i === n) return at + n;
  const rest = Buffer.from(title.slice(i), 'utf8');
  const from = at + i;
  if (from + rest.length > bytes.length) return -1;
  for (let k = 0; k < rest.length; k++) if (bytes[from + k] !== rest[k]) return -1;
  return from + rest.length;
}

/** The index in `bytes` (a whole index file) if it checks out for these papers; throws otherwise. */
export function deserializeIndex(bytes: Uint8Array, key: string, papers: readonly Paper[]): WordIndex {
  const steps = parseIndex(key, papers);
  let at = 0;
  for (let step = steps.next(new Uint8Array(0)); ; ) {
    if (step.done) return step.value;
    const n = Math.min(step.value, bytes.length - at);
    const chunk = bytes.slice(at, at + n);
    at += n;
    step = steps.next(chunk);
  }
}

/** The cached index for these papers, or null (missing, stale, damaged or unreadable: all the same to the caller). */
export function loadCachedIndex(slot: IndexCacheKey, papers: readonly Paper[]): WordIndex | null {
  return withIndexFile(slot, (fd) => readWith(fd, parseIndex(slot.key, papers)));
}

/**
 * `read` on the cache file, opened non-blocking and checked to be a regular file (a FIFO put in the
 * cache's place must not hang the search); null when it cannot be opened or `read` throws (missing,
 * stale, damaged or unreadable: all the same to the caller).
 */
function withIndexFile<T>(slot: IndexCacheKey, read: (fd: number) => T): T | null {
  const fd = openCacheFile(slot.path);
  if (fd === null) return null;
  try {
    return read(fd);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Drives a parser that asks for byte counts with reads of the file. */
function readWith<T>(fd: number, steps: Generator<number, T, Uint8Array>): T {
  for (let step = steps.next(new Uint8Array(0)); ; ) {
    if (step.done) return step.value;
    step = steps.next(readFully(fd, step.value));
  }
}

function readFully(fd: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let at = 0;
  while (at < n) {
    const got = readSync(fd, out, at, n - at, null);
    if (got === 0) break;
    at += got;
  }
  return at === n ? out : out.subarray(0, at);
}

/** loadCachedIndex with the file read off the main thread (the checks still run on it). */
export function loadCachedIndexAsync(slot: IndexCacheKey, papers: readonly Paper[]): Promise<WordIndex | null> {
  return readIndexAsync(slot, parseIndex(slot.key, papers));
}

/** Drives a parser of the index file in `slot` with reads off the main thread; null if it throws or the file cannot be read. */
async function readIndexAsync<T>(slot: IndexCacheKey, steps: Generator<number, T, Uint8Array>): Promise<T | null> {
  let file: FileHandle;
  let size: number;
  try {
    // As in loadCachedIndex: never wait on a FIFO (it would hold a thread and the index forever).
    file = await open(slot.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = await file.stat();
    if (!stats.isFile()) {
      await file.close();
      return null;
    }
    size = stats.size;
  } catch {
    return null;
  }
  try {
    // The opening and the header one after the other; then every section at once, as the header
    // places them: read one after the other, each waited for, they left the main thread idle
    // between them (~50 ms of the ~0.44 s an index took at 100,000 papers).
    const header = parseHeader();
    let position = 0;
    let step = steps.next(new Uint8Array(0));
    for (let h = header.next(new Uint8Array(0)); !h.done; ) {
      const bytes = await readAt(file, h.value, position);
      position += bytes.length;
      step = steps.next(bytes);
      h = header.next(bytes);
      if (h.done) {
        const plan = sectionPlan(h.value);
        // Sizes the file cannot hold are not allocated: the header is damaged.
        if (position + plan.reduce((a, b) => a + b, 0) !== size) return null;
        const starts = plan.map((n) => (position += n) - n);
        const pieces = await Promise.all([...plan.map((n, i) => readAt(file, n, starts[i]!)), readAt(file, 1, position)]);
        // Checked a piece per turn of the event loop, so keys are read in between.
        for (const piece of pieces) {
          if (step.done) break;
          step = steps.next(piece);
          await new Promise<void>((turn) => setImmediate(turn));
        }
      }
    }
    return step.done ? step.value : null;
  } catch {
    return null;
  } finally {
    await file.close().catch(() => undefined);
  }
}

/** The byte counts parseIndex asks for after the header, in order (the header's sizes, padded to 4). */
function sectionPlan(header: Header): number[] {
  const sizes = [...(header.text ?? []), ...Object.entries(header.arrays ?? {}).map(([name, count]) => count * arrayType(name).BYTES_PER_ELEMENT)];
  if (!sizes.every((n) => Number.isInteger(n) && n >= 0 && n < 2 ** 31)) return [];
  return sizes.map(padded);
}

/** `n` bytes of `file` from `position`, in memory of their own (fewer at the end of the file). */
async function readAt(file: FileHandle, n: number, position: number): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  let at = 0;
  while (at < n) {
    const { bytesRead } = await file.read(out, at, n - at, position + at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at === n ? out : out.subarray(0, at);
}

/**
 * Whether the cache holds an index built for exactly `slot` (its header says so: format and key),
 * without reading the rest: a hint for a caller deciding what to do before the library is whole.
 * The full checks still run when the index is loaded.
 */
export function cachedIndexMatches(slot: IndexCacheKey): boolean {
  const header = withIndexFile(slot, (fd) => readWith(fd, parseHeader()));
  return header !== null && header.format === FORMAT && header.key === slot.key;
}

/** Writes the index atomically (aside, then renamed into place); any failure leaves no trace. */
export function storeCachedIndex(slot: IndexCacheKey, index: WordIndex): void {
  try {
    const dir = dirname(slot.path);
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      pruneOtherVersions(dirname(dir), dir, INDEX_DIR, INDEX_FILE);
    }
    // Chunk by chunk: most are views of the index's own arrays, never joined into one copy.
    writeFileAtomic(slot.path, serializedChunks(index, slot.key, slot.files ?? []), { mode: 0o600, temp: `${slot.path}.${process.pid}.tmp`, fsync: false });
  } catch {
    // Nothing was left behind; the next launch builds the index again.
  }
}

// Index directories of other code versions, and the files in them, as this module names them.
const INDEX_DIR = /^search-[0-9a-f]{16}$/;
const INDEX_FILE = /^[0-9a-f]{32}\.idx(\.\d+\.tmp)?$/;
