import { closeSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { readRegularFile } from '../core/regular-file.js';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/** How long to wait for a live holder before deciding it is stuck and taking the lock anyway. */
const WAIT_LIMIT_MS = 3000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** The lock could not be created for a reason other than another holder: the location is unwritable. */
export class LockError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'LockError';
  }
}

function holderIsDead(content: string): boolean {
  const m = /^(\d+)@(.*) \d+$/.exec(content);
  if (!m || m[2] !== hostname()) return false;
  try {
    process.kill(Number(m[1]), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The lock's content, or null when it is gone; a lock path that is no regular file (a FIFO would block the read) is a LockError. */
function readLock(path: string): string | null {
  try {
    return readRegularFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new LockError(`${path}: ${(err as Error).message}`, code);
  }
}

/**
 * Runs `fn` holding an exclusive lock file (`O_CREAT|O_EXCL`) next to the store, so that two
 * paperterm processes never interleave read-merge-write. A lock left by a killed process is broken at
 * once when its pid is gone, otherwise after WAIT_LIMIT_MS. Synchronous, like the writes it guards.
 */
export function withFileLock<T>(path: string, fn: () => T): T {
  const token = `${process.pid}@${hostname()} ${Date.now()}`;
  let deadline = Date.now() + WAIT_LIMIT_MS;
  let fd: number | undefined;
  for (let attempt = 0; fd === undefined; attempt++) {
    try {
      fd = openSync(path, 'wx');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && attempt === 0) {
        try {
          mkdirSync(dirname(path), { recursive: true });
        } catch (mkErr) {
          throw new LockError((mkErr as Error).message, (mkErr as NodeJS.ErrnoException).code);
        }
        continue;
      }
      if (code !== 'EEXIST') throw new LockError((err as Error).message, code);
      const content = readLock(path);
      if (content === null) continue; // released between our open and read
      if (holderIsDead(content) || Date.now() > deadline) {
        // Re-check right before removing, so we do not remove a lock someone else just took.
        if (readLock(path) === content) {
          try {
            unlinkSync(path);
          } catch (unErr) {
            const unCode = (unErr as NodeJS.ErrnoException).code;
            if (unCode !== 'ENOENT') throw new LockError((unErr as Error).message, unCode);
          }
        }
        // Whoever takes the lock next gets a full wait of its own.
        deadline = Date.now() + WAIT_LIMIT_MS;
        continue;
      }
      sleepSync(1 + Math.floor(Math.random() * 4));
    }
  }
  try {
    writeSync(fd, token);
  } finally {
    closeSync(fd);
  }
  try {
    return fn();
  } finally {
    // If a process that thought we were stuck broke our lock, the file is now theirs: leave it.
    try {
      if (readLock(path) === token) unlinkSync(path);
    } catch {
      // Gone already, or no longer ours to release.
    }
  }
}
