import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeFsError } from '../core/fs-errors.js';

/**
 * Why a file could not be created or read in the state directory `dir`, in words that fit what the
 * user sees there: the path component that is a file, or a directory that exists but refuses new
 * files (/proc answers ENOENT, which would read as "no such file or directory").
 */
export function describeDirProblem(dir: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    for (let p = dir; ; p = dirname(p)) {
      const kind = statKind(p);
      if (kind === 'file') return p === dir ? 'it is a file, not a directory' : `${p} is a file, not a directory`;
      if (kind === 'dir' || dirname(p) === p) break;
    }
  }
  if (code === 'ENOENT' && statKind(dir) === 'dir') return 'no new files can be created in that directory';
  return describeFsError(err);
}

function statKind(path: string): 'file' | 'dir' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}
