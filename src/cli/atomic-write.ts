import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describeFsError } from '../core/fs-errors.js';
import { FatalError } from './errors.js';

/**
 * Writes `text` to `file` all or nothing: a temp file in the same directory (so the rename cannot
 * cross file systems), flushed to disk, then renamed over the target. On any failure the temp file
 * is removed and an existing target keeps every byte. An existing file's permissions are kept.
 */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new FatalError(`${file}: is a directory`, 2);
    mode = st.mode & 0o7777;
  } catch (err) {
    if (err instanceof FatalError) throw err;
  }
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode ?? 0o666);
    const bytes = Buffer.from(text, 'utf8');
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already renamed.
    }
    throw new FatalError(`${file}: cannot write (${describeFsError(err)}); nothing changed`, 2);
  }
}
