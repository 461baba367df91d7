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
