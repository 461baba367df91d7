// Writing the library cache (library-cache.ts): the file a chunk at a time, atomically.
import { existsSync, mkdirSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checksumOf, runningChecksum } from './checksum.js';
import { CHUNK_BYTES, FORMAT, HEAD_CHUNK_BYTES, ID, MAGIC, TRAILER_BYTES, WIDE, type Header, type LibraryContents } from './library-cache.js';
import { pruneOtherVersions, removeAbandonedTemps } from './prune-versions.js';

const NOT_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * The file's bytes in pieces, each valid until the next is taken: the head chunks (every paper's
 * title and links, one-byte text), the abstract chunks (every paper's abstract, one-byte text), the
 * strings with wider characters (UTF-16), the ids, the arrays that say where everything is, then the
 * header (JSON), its checksum and, last, their lengths and the magic (the header is written last
 * because it holds the chunks' checksums). Titles and abstracts apart: a load reads the heads alone
 * (~5% of the text) and each abstract chunk when first asked for (library-cache-read.ts).
 * Throws for papers it cannot store.
 */
function* libraryCacheChunks(contents: LibraryContents, key: string): Generator<Uint8Array, void, void> {
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
  const abstractPapers: number[] = [0];
  const chunks: number[] = [];
  const chunkSums: string[] = [];
  const abstractChunks: number[] = [];
  const abstractSums: string[] = [];
  const wide: string[] = [];
  let wideLength = 0;
  const ids = Buffer.allocUnsafe(12 * n);
  let buf = Buffer.allocUnsafe(CHUNK_BYTES + (1 << 16));
  // Bytes in `buf`, and where the chunk being filled starts in it: head chunks are small, but they
  // are written a few MB at a time. Each write waits for a turn of the event loop, which the reader
  // shares with its index build: 64 KB at a time, a cold start at 100,000 papers had not cached its
  // library 6.5 s after it was whole; a few MB at a time, it has after ~4–5.5 s.
  let at = 0;
  let base = 0;
  const put = (s: number, text: string) => {
    if (NOT_LATIN1.test(text)) {
      strAt[s] = wideLength;
      strLen[s] = (text.length | WIDE) >>> 0;
      wide.push(text);
      wideLength += text.length;
      return;
    }
    if (at + text.length > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, at + text.length));
      buf.copy(bigger, 0, 0, at);
      buf = bigger;
    }
    strAt[s] = at - base;
    strLen[s] = text.length;
    at += buf.write(text, at, 'latin1');
  };
  /** Ends the chunk being filled when it is full or the papers are done; whether it did. */
  const cut = (p: number, size: number, lengths: number[], sums: string[], bounds: number[]): boolean => {
    if (at - base < size && p !== n - 1) return false;
    lengths.push(at - base);
    sums.push(checksumOf(buf.subarray(base, at)));
    bounds.push(p + 1);
    base = at;
    return true;
  };
  /** The chunks filled so far, to be written; `buf` is filled from its start again. */
  const take = (): Uint8Array => {
    const piece = buf.subarray(0, at);
    at = base = 0;
    return piece;
  };
  let s = 0;
  let k = 0;
  for (let p = 0; p < n; p++) {
    const paper = papers[p]!;
    if (!ID.test(paper.id) || paper.title.length >= WIDE || paper.abstract.length >= WIDE) throw new Error('paper not storable');
    ids.write(paper.id, 12 * p, 'latin1');
    paperStr[p] = s;
    put(s, paper.title);
    // The abstract's string (s + 1) is placed by the second pass.
    s += 2;
    for (const link of paper.links) put(s++, link);
    paperSrc[p] = k;
    for (const file of paper.sources) {
      const d = digestAt.get(file);
      if (d === undefined) throw new Error('paper from an unknown digest');
      src[k++] = d;
    }
    if (cut(p, HEAD_CHUNK_BYTES, chunks, chunkSums, chunkPapers) && (at >= CHUNK_BYTES || p === n - 1)) yield take();
  }
  for (let p = 0; p < n; p++) {
    put(paperStr[p]! + 1, papers[p]!.abstract);
    if (cut(p, CHUNK_BYTES, abstractChunks, abstractSums, abstractPapers)) yield take();
  }
  paperStr[n] = s;
  paperSrc[n] = k;
  const wideBytes = Buffer.from(wide.join(''), 'utf16le');
  // One section read back as one array, written in its parts (not joined: a few MB more at the end of a cold start).
  const arrays = [paperStr, paperSrc, src, strAt, strLen, Uint32Array.from(chunkPapers), Uint32Array.from(abstractPapers)].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
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
    abstractChunks,
    abstractSums,
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
 * keys and frames go between chunks. Resolves once written or given up (also when `stop` is
 * aborted: the reader quit, which should not wait for ~165 MB to be written); never rejects.
 */
export async function storeCachedLibrary(slot: { path: string; key: string }, contents: LibraryContents, stop?: AbortSignal): Promise<void> {
  const temp = `${slot.path}.${process.pid}.tmp`;
  let created = false;
  try {
    stop?.throwIfAborted();
    prepareDir(slot.path);
    const file = await open(temp, 'w', 0o600);
    created = true;
    try {
      // Checked before the first chunk too: making it asks every paper for its links.
      stop?.throwIfAborted();
      for (const chunk of libraryCacheChunks(contents, slot.key)) {
        stop?.throwIfAborted();
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
