// Reading the library cache (library-cache.ts): checked, then a chunk of papers at a time.
import { closeSync, fstatSync, readSync, statSync, unlinkSync } from 'node:fs';
import { CachedPaper, type AbstractStore } from './cached-paper.js';
import { checksumOf } from './checksum.js';
import { FORMAT, MAGIC, TRAILER_BYTES, WIDE, type CachedDigest, type Header, type LibraryCacheSlot, type LoadProblemRecord } from './library-cache.js';
import { compareDigests } from './library.js';
import { digestDay } from './parse.js';
import { openCacheFile } from './regular-file.js';
import type { Paper } from './types.js';

class Damaged extends Error {}

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Damaged(what);
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
  /** An abstract chunk did not check out (the file is removed; those abstracts came from the digests). */
  readonly damaged: boolean;
  /**
   * Appends the next head chunk's papers to `out`, once that chunk checks out; false (and the file
   * closed) when it does not or cannot be read: the caller then loads the digests instead. Their
   * abstracts are read when first asked for (CachedPaper), a chunk at a time, checked first.
   */
  next(out: Paper[]): boolean;
  /**
   * Closes the file (done by `next` when a chunk does not check out, and once every paper and
   * abstract is out). Abstracts not read by then are read from the papers' digests.
   */
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
    Array.isArray(h.abstractChunks) &&
    h.abstractChunks.every(whole) &&
    Array.isArray(h.abstractSums) &&
    h.abstractSums.length === h.abstractChunks.length &&
    h.abstractSums.every((x) => typeof x === 'string') &&
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
 * exactly the digest files the slot was made from, or for some of them (its `plan` then names fewer
 * files: the others are new since), and its header, arrays and dates check out; else
 * null. The text chunks are checked one by one as they are read (CachedLibrary.next, and
 * CachedPaper for the abstracts). `recover` reads a paper's abstract from its digests, for an
 * abstract chunk found damaged (or the file closed) before that abstract was read.
 */
export function openCachedLibrary(slot: LibraryCacheSlot, recover: (paper: Paper) => string): CachedLibrary | null {
  const fd = openCacheFile(slot.path);
  if (fd === null) return null;
  try {
    return cachedLibraryIn(fd, slot, recover);
  } catch {
    closeSync(fd);
    return null;
  }
}

/** Closes the file of a cached library dropped with abstracts still unread (a command's load, a test's). */
const unreadFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Closed already.
  }
});

/** The first index `c` with `bounds[c] <= p < bounds[c + 1]` (bounds ascending, `bounds[0] <= p`). */
function chunkOf(bounds: Uint32Array, p: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid]! <= p) lo = mid;
    else hi = mid;
  }
  return lo;
}

function cachedLibraryIn(fd: number, slot: LibraryCacheSlot, recover: (paper: Paper) => string): CachedLibrary {
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
  check(header.format === FORMAT, 'format');
  check(isHeader(header), 'header');
  // Written for these digests, or (a new digest since) for some of them, every one unchanged.
  check(header.key === slot.key || (header.plan.length < slot.mtimes.size && header.key === slot.keyFor(header.plan)), 'written for other digests');
  const { papers: n, strings: m, sources } = header;
  const chunkCount = header.chunks.length;
  const abstractCount = header.abstractChunks.length;
  const headBytes = header.chunks.reduce((a, b) => a + b, 0);
  const textBytes = headBytes + header.abstractChunks.reduce((a, b) => a + b, 0);
  const arrayCount = 2 * (n + 1) + sources + 2 * m + chunkCount + 1 + abstractCount + 1;
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
  const abstractPapers = take(abstractCount + 1);
  // Arrays that fit together, so that reading the papers can only index what is there.
  check(paperStr[0] === 0 && paperStr[n] === m && paperSrc[0] === 0 && paperSrc[n] === sources, 'arrays');
  for (let p = 0; p < n; p++) check(paperStr[p + 1]! - paperStr[p]! >= 2 && paperSrc[p + 1]! > paperSrc[p]!, 'arrays');
  const digests = header.digests;
  for (let i = 0; i < sources; i++) check(src[i]! < digests.length, 'arrays');
  check(chunkPapers[0] === 0 && chunkPapers[chunkCount] === n, 'arrays');
  for (let c = 0; c < chunkCount; c++) check(chunkPapers[c + 1]! >= chunkPapers[c]!, 'arrays');
  check(abstractPapers[0] === 0 && abstractPapers[abstractCount] === n, 'arrays');
  for (let c = 0; c < abstractCount; c++) check(abstractPapers[c + 1]! >= abstractPapers[c]!, 'arrays');
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
  const buffer = Buffer.allocUnsafe(Math.max(0, ...header.chunks, ...header.abstractChunks));

  let chunk = 0;
  let chunkAt = 0;
  let open = true;
  let read = 0;
  const wideText = (at: number, length: number) => {
    check(at + length <= wide.length / 2, 'strings');
    return wide.toString('utf16le', 2 * at, 2 * (at + length));
  };

  // The abstracts: each chunk read when a paper in it is first asked for its abstract. A chunk's
  // text is undefined until read, null when it could not be (damaged, or the file closed).
  const abstractTexts: (string | null | undefined)[] = new Array<undefined>(abstractCount).fill(undefined);
  const abstractAt: number[] = [];
  for (let c = 0, at = headBytes; c < abstractCount; at += header.abstractChunks[c]!, c++) abstractAt.push(at);
  let abstractsLeft = abstractCount;
  let foundDamaged = false;
  /** A damaged file is removed (unless replaced meanwhile): the next load then reads the digests and writes it again. */
  const damaged = () => {
    if (foundDamaged) return;
    foundDamaged = true;
    try {
      const here = fstatSync(fd, { bigint: true });
      const there = statSync(slot.path, { bigint: true });
      if (here.ino === there.ino && here.dev === there.dev) unlinkSync(slot.path);
    } catch {
      // Gone already, or not ours to remove.
    }
  };
  const abstractChunk = (c: number): string | null => {
    const known = abstractTexts[c];
    if (known !== undefined) return known;
    let text: string | null = null;
    if (open) {
      try {
        const bytes = readAt(fd, header.abstractChunks[c]!, abstractAt[c]!, buffer);
        check(checksumOf(bytes) === header.abstractSums[c], 'checksum');
        text = bytes.toString('latin1');
      } catch {
        damaged();
      }
    }
    abstractTexts[c] = text;
    if (--abstractsLeft === 0 && chunk >= chunkCount) close();
    return text;
  };
  const store: AbstractStore = {
    length: (p) => (strLen[paperStr[p]! + 1]! & ~WIDE) >>> 0,
    text(p, paper) {
      const s = paperStr[p]! + 1;
      const length = strLen[s]!;
      const at = strAt[s]!;
      try {
        if (length & WIDE) return wideText(at, length & ~WIDE);
        const text = abstractChunk(chunkOf(abstractPapers, p));
        if (text !== null && at + length <= text.length) return text.slice(at, at + length);
      } catch {
        // As a damaged chunk: from the digests.
      }
      return recover(paper);
    },
  };
  const close = () => {
    if (!open) return;
    open = false;
    unreadFiles.unregister(store);
    closeSync(fd);
  };
  unreadFiles.register(store, fd, store);

  const nextChunk = (out: Paper[]) => {
    const bytes = readAt(fd, header.chunks[chunk]!, chunkAt, buffer);
    check(checksumOf(bytes) === header.chunkSums[chunk], 'checksum');
    // One string for the whole chunk; the papers' titles and links are slices of it.
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
      out.push(new CachedPaper(ids.slice(12 * p, 12 * p + 12), string(s0), store, p, lists.dates, lists.days, lists.sources, links));
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
    get damaged() {
      return foundDamaged;
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
      if (chunk >= chunkCount && abstractsLeft === 0) close();
      return true;
    },
    close,
  };
}
