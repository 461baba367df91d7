import { chmodSync, closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AtomicWriteOptions {
  /** Permissions of a new file (the umask still applies). Default 0o666. */
  mode?: number;
  /** An existing file keeps its exact permissions (umask or not); a new one gets `mode`. */
  keepMode?: boolean;
  /**
   * The temp file's path, in the target's directory. Default: a hidden, unpredictable name, created
   * exclusively. A fixed name (one a pruner recognises) is overwritten if a crashed run left it.
   */
  temp?: string;
  /**
   * Flush to disk before the rename (default true). Caches pass false: a record lost in a crash is
   * only a miss, and a flush per record would slow a cold start.
   */
  fsync?: boolean;
}

/**
 * Writes `data` to `file` all or nothing: a temp file in the same directory (so the rename cannot
 * cross file systems), then renamed over the target, so a reader or a crash sees the old file or
 * the new one, never half. On failure the temp file is removed, the target is untouched, and the
 * error is rethrown. `data` may be a sequence of chunks, written one by one without joining them.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array | Iterable<Uint8Array>, options: AtomicWriteOptions = {}): void {
  const temp = options.temp ?? join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let keep: number | undefined;
  if (options.keepMode) {
    try {
      keep = statSync(file).mode & 0o7777;
    } catch {
      // No file yet: it gets `mode`.
    }
  }
  let fd: number | undefined;
  try {
    fd = openSync(temp, options.temp === undefined ? 'wx' : 'w', keep ?? options.mode ?? 0o666);
    const chunks = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at);
    }
    if (options.fsync !== false) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (keep !== undefined) chmodSync(temp, keep);
    renameSync(temp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    throw err;
  }
}
