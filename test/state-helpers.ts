import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system temp dir; every test's store lives in one, never in ~/.config. */
export function makeTempDir(prefix = 'paperterm-state-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      makeWritable(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) makeWritable(join(dir, e.name));
}

/**
 * A state directory that really cannot be written. chmod 0555 does not stop root (CI runs tests as
 * root), so when a probe write still succeeds the directory goes under a regular file instead.
 */
export function unwritableDir(parent: string): { dir: string; how: string } {
  const ro = join(parent, 'readonly');
  mkdirSync(ro);
  chmodSync(ro, 0o555);
  try {
    writeFileSync(join(ro, 'probe'), 'x');
    unlinkSync(join(ro, 'probe'));
  } catch {
    return { dir: ro, how: 'chmod 0555' };
  }
  chmodSync(ro, 0o755);
  const file = join(parent, 'a-regular-file');
  writeFileSync(file, 'not a directory');
  return { dir: join(file, 'state'), how: 'under a regular file' };
}
