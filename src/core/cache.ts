// A per-user cache of parsed digests. It holds where each entry stands in the file plus the ids
// derived from it, not the text itself: the text is read from the digest every time, so a cache hit
// only skips parsing and hashing (links are looked for only in the abstracts of papers shown or
// exported: built-paper.ts; when no digest changed, the reader reads the whole merged library, text
// included, from library-cache.ts instead). Any doubt about a record (other file version, other
// code version, bad JSON, offsets that do not fit) makes it a miss, and every I/O error is
// swallowed: the cache can make loading faster, never wrong and never fail.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, type BigIntStats } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { codeFingerprint } from './code-fingerprint.js';
import { paperId } from './library.js';
import { pruneOtherVersions, removeAbandonedTemps } from './prune-versions.js';
import { readRegularFile } from './regular-file.js';
import { digestFromLayout, type DigestLayout, type DigestText } from './parse.js';
import type { Digest } from './types.js';

/** Where the cache lives: $PAPERTERM_CACHE_DIR, else $XDG_CACHE_HOME/paperterm, else ~/.cache/paperterm. */
export function cacheDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PAPERTERM_CACHE_DIR) return env.PAPERTERM_CACHE_DIR;
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'paperterm');
  let home = env.HOME;
  if (!home) {
    try {
      home = homedir();
    } catch {
      return null;
    }
  }
  return home ? join(home, '.cache', 'paperterm') : null;
}

/**
 * Changes whenever the file's contents may have: size, modification and status-change times in
 * nanoseconds, inode and device. ctime cannot be set back by `touch`, so an edit that restores the
 * size and mtime is still seen.
 */
export function fileSignature(st: BigIntStats): string {
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}`;
}

interface CacheRecord {
  file: string;
  signature: string;
  date: string | null;
  warnings: string[];
  spans: number[];
  ids: string[];
}

export interface DigestCache {
  /**
   * The digest as cached for this exact version of the file, or null. `text` is the file's decoded
   * text (or its DigestText), `mtimeMs` its modification time (which dates the digest; the signature covers it).
   */
  load(file: string, signature: string, text: string | DigestText, mtimeMs: number): Digest | null;
  /**
   * Records a freshly parsed digest. Fills in its entries' ids (buildLibrary then reuses them
   * instead of recomputing). Never throws.
   */
  store(file: string, signature: string, layout: DigestLayout, digest: Digest): void;
  /**
   * With DigestCacheOptions.hold: builds and writes the records stored so far, a few per turn of the
   * event loop. Resolves once they are all on their way (see digestCacheWritten), or once `stop` is
   * aborted (those not built yet are misses next time). Never rejects.
   */
  flush(stop?: AbortSignal): Promise<void>;
}

// Records are only valid for the code that wrote them: the fingerprint covers the sources of the
// modules that decide what a record holds, so a changed parser or link extractor starts afresh.
const FINGERPRINTED = ['parse', 'links', 'library', 'cache'];
let fingerprint: string | null | undefined;

function fingerprintOnce(): string | null {
  if (fingerprint === undefined) fingerprint = codeFingerprint(import.meta.url, FINGERPRINTED);
  return fingerprint;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

const ID = /^[0-9a-f]{12}$/;

function asRecord(v: unknown): CacheRecord | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Partial<CacheRecord>;
  const n = Array.isArray(r.spans) ? r.spans.length / 4 : 0;
  const ok =
    typeof r.file === 'string' &&
    typeof r.signature === 'string' &&
    (r.date === null || typeof r.date === 'string') &&
    isStringArray(r.warnings) &&
    Number.isInteger(n) &&
    n > 0 &&
    r.spans!.every((x) => Number.isInteger(x)) &&
    isStringArray(r.ids) &&
    r.ids.length === n &&
    r.ids.every((id) => ID.test(id));
  return ok ? (r as CacheRecord) : null;
}

/** Entries in order, non-empty titles, abstracts after their titles, everything inside the text. */
function spansFit(spans: readonly number[], length: number): boolean {
  let end = 0;
  for (let k = 0; k < spans.length; k += 4) {
    const [t0, t1, a0, a1] = [spans[k]!, spans[k + 1]!, spans[k + 2]!, spans[k + 3]!];
    if (t0 < end || t1 <= t0 || t1 > length) return false;
    end = t1;
    if (a0 === -1 && a1 === -1) continue;
    if (a0 < t1 || a1 <= a0 || a1 > length) return false;
    end = a1;
  }
  return true;
}

export interface DigestCacheOptions {
  /**
   * Records are written by the file system's threads, not the caller's: a cold load of 782 digests
   * spent ~0.9 s of its ~3 s creating their record files (open, write, rename), which the reader's
   * first answer waited for. A record still on its way when the process ends is only a miss next
   * time (its temp file is removed by a later store).
   */
  background?: boolean;
  /**
   * Records are only built and written on flush(): at 100,000 papers, serialising them and starting
   * their writes cost ~0.4 s of the main thread during a cold load, which a reader's first answer
   * waited for. store() then only fills in the entries' ids. A record never flushed is a miss next time.
   */
  hold?: boolean;
}

/** The cache in `dir` (created on first store). Nothing is read or written until it is used. */
export function openDigestCache(dir: string, options: DigestCacheOptions = {}): DigestCache {
  const recordsDir = () => {
    const fp = fingerprintOnce();
    return fp ? join(dir, `digests-${fp}`) : null;
  };
  const recordPath = (records: string, file: string) =>
    join(records, `${createHash('sha256').update(file).digest('hex').slice(0, 32)}.json`);
  let prepared = false;
  // A cold cache has no records directory: every load would be a failed open, whose error (with its
  // stack) costs ~0.2 ms, ~0.15 s over a large library. Looked at once; a directory made meanwhile
  // by another process only means misses in this one.
  let recordsExist: boolean | undefined;
  const held: { file: string; signature: string; layout: DigestLayout; entries: Digest['entries'] }[] = [];

  const write = (record: CacheRecord) => {
    const records = recordsDir();
    if (!records) return;
    const target = recordPath(records, record.file);
    try {
      if (!prepared) {
        prepared = true;
        mkdirSync(records, { recursive: true, mode: 0o700 });
        recordsExist = true;
        pruneOtherVersions(dir, records, RECORDS_DIR, RECORD_FILE);
        if (options.background) removeAbandonedTemps(records, ABANDONED_TEMP);
      }
      // Atomic, so a reader never sees half a record; the temp name is one pruneOtherVersions knows.
      const temp = `${target}.${process.pid}.tmp`;
      if (options.background) writeInBackground(target, temp, JSON.stringify(record));
      else writeFileAtomic(target, JSON.stringify(record), { mode: 0o600, temp, fsync: false });
    } catch {
      // The cache only makes loading faster: a record not written is a miss next time.
    }
  };

  return {
    load(file, signature, text, mtimeMs) {
      const records = recordsDir();
      if (!records) return null;
      recordsExist ??= existsSync(records);
      if (!recordsExist) return null;
      let record: CacheRecord | null;
      try {
        // A record path someone replaced by a FIFO must not hang the load: a miss.
        record = asRecord(JSON.parse(readRegularFile(recordPath(records, file))));
      } catch {
        return null;
      }
      if (!record || record.file !== file || record.signature !== signature) return null;
      if (!spansFit(record.spans, text.length)) return null;
      return digestFromLayout(text, file, { date: record.date, spans: record.spans, warnings: record.warnings }, record, mtimeMs);
    },

    store(file, signature, layout, digest) {
      for (const e of digest.entries) e.id = paperId(e.title);
      if (options.hold) held.push({ file, signature, layout, entries: digest.entries });
      else write({ file, signature, date: layout.date, warnings: layout.warnings, spans: layout.spans, ids: digest.entries.map((e) => e.id!) });
    },

    async flush(stop) {
      const BUDGET_MS = 8;
      let until = performance.now() + BUDGET_MS;
      while (held.length > 0 && !stop?.aborted) {
        const { file, signature, layout, entries } = held.shift()!;
        write({ file, signature, date: layout.date, warnings: layout.warnings, spans: layout.spans, ids: entries.map((e) => e.id!) });
        if (performance.now() >= until) {
          await new Promise((resolve) => setImmediate(resolve));
          until = performance.now() + BUDGET_MS;
        }
      }
    },
  };
}

// Record directories of other code versions, and the files in them, as this module names them.
const RECORDS_DIR = /^digests-[0-9a-f]{16}$/;
const RECORD_FILE = /^[0-9a-f]{32}\.json(\.\d+\.tmp)?$/;
const ABANDONED_TEMP = /^[0-9a-f]{32}\.json\.(\d+)\.tmp$/;

/** Background writes not finished yet, by target: a second record for the same file waits for the first (they share a temp name). */
const writing = new Map<string, Promise<void>>();

function writeInBackground(target: string, temp: string, text: string): void {
  const write = async () => {
    const file = await open(temp, 'w', 0o600);
    try {
      await file.writeFile(text, 'utf8');
    } finally {
      await file.close();
    }
    await rename(temp, target);
  };
  const after = writing.get(target) ?? Promise.resolve();
  const done: Promise<void> = after
    .then(write)
    .catch(() => unlink(temp).catch(() => undefined))
    .finally(() => {
      if (writing.get(target) === done) writing.delete(target);
    });
  writing.set(target, done);
}

/** Resolves once every record written in the background so far is in place (or given up). */
export async function digestCacheWritten(): Promise<void> {
  while (writing.size > 0) await Promise.all(writing.values());
}

