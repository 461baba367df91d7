import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { tempDir } from './digests.js';

const RUN = resolve(import.meta.dirname, '../../dist/bench/run.js');

/** Runs the built benchmark as `npm run bench` does; what it leaves in temp dirs goes after the file's tests. */
export function benchRunner() {
  const temps: string[] = [];
  afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return {
    run: (args: string[]) => spawnSync(process.execPath, ['--expose-gc', RUN, ...args], { encoding: 'utf8', timeout: 120_000 }),
    /** A results.json path in a fresh temp dir. */
    outFile(): string {
      const dir = tempDir('paperterm-bench-test-');
      temps.push(dir);
      return join(dir, 'results.json');
    },
    /** Removes `dir` after the file's tests too (e.g. a corpus kept with --keep). */
    track: (dir: string) => void temps.push(dir),
  };
}
