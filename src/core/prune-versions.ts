import { readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files written by other versions of the code are never read again: in `dir`, removes every
 * directory named like `dirName` except `keep`, with the files in it named like `fileName`. Only what
 * the caller's module writes is removed (a directory holding anything else stays), never anything
 * else a user keeps there. Best effort: stale files are only wasted space.
 */
export function pruneOtherVersions(dir: string, keep: string, dirName: RegExp, fileName: RegExp): void {
  try {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (!e.isDirectory() || !dirName.test(e.name) || path === keep) continue;
      for (const f of readdirSync(path)) if (fileName.test(f)) unlinkSync(join(path, f));
      rmdirSync(path);
    }
  } catch {
    // Best effort.
  }
}

/**
 * Temp files in `dir` of writes whose process ended before renaming them into place: names matching
 * `temp`, whose first group is the writer's pid. Best effort: a stale temp file is only wasted space.
 */
export function removeAbandonedTemps(dir: string, temp: RegExp): void {
  try {
    for (const name of readdirSync(dir)) {
      const m = temp.exec(name);
      if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) unlinkSync(join(dir, name));
    }
  } catch {
    // Best effort.
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: there is such a process, someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
