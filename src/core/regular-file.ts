// Opening a file for reading without ever blocking. open(2) on a FIFO waits for a writer, forever
// if there is none, and a character device can block on read; a file named *.txt can be either. Every
// read of a path paperterm did not create goes through here: opened non-blocking, checked to be a
// regular file through the open descriptor (no race with a rename), or refused with a short reason.
import { closeSync, constants, fstatSync, openSync, readFileSync, type BigIntStats } from 'node:fs';

/** What fs.Stats and fs.Dirent both tell about a file's type. */
interface FileType {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isDirectory(): boolean;
}

/** Raised for a path that is not a regular file; `message` names what it is instead ("a FIFO"). */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(readonly kind: string) {
    super(`not a regular file (${kind})`);
    this.name = 'NotRegularFileError';
  }
}

/** What a non-regular, non-directory file is, in words. */
export function fileKind(st: FileType): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a directory';
  return 'not a file';
}

// O_NONBLOCK does not exist on Windows, where opening a named pipe path does not wait either.
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Opens `path` read-only without blocking and returns its descriptor and (bigint) stats. Throws
 * NotRegularFileError for anything but a regular file (EISDIR-coded error for a directory); fs
 * errors (ENOENT, EACCES…) pass through.
 */
export function openRegularFile(path: string): { fd: number; stats: BigIntStats } {
  const fd = openSync(path, constants.O_RDONLY | NONBLOCK);
  try {
    const stats = fstatSync(fd, { bigint: true });
    if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
    if (!stats.isFile()) throw new NotRegularFileError(fileKind(stats));
    return { fd, stats };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/**
 * A cache file's descriptor (openRegularFile), or null when it cannot be opened or is not a regular
 * file: a cache is only a speed-up, so any trouble with it is a miss (and a FIFO in its place must
 * not hang the caller).
 */
export function openCacheFile(path: string): number | null {
  try {
    return openRegularFile(path).fd;
  } catch {
    return null;
  }
}

/** The whole text of a regular file, never blocking (see openRegularFile). */
export function readRegularFile(path: string): string {
  const { fd } = openRegularFile(path);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
