// A FIFO (or any file that is not a regular file) named *.txt must never make paperterm wait: opening
// one blocks until a writer comes, which is forever. Every run here is a child process with a
// timeout, so a regression fails the test instead of hanging the run.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, expectCleanErrors } from './helpers/cli.js';
import { abstract, layoutA, tempDir, writeDigests } from './helpers/digests.js';

const GUARD_MS = 10_000;
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

describe('non-regular files among the digests', () => {
  let dir: string;
  let fifo: string;
  beforeAll(() => {
    dir = writeDigests({ 'good.txt': layoutA('Mar 2', [['Alpha', abstract('alpha')]]) });
    fifo = join(dir, 'pipe.txt');
    mkfifo(fifo);
    symlinkSync('pipe.txt', join(dir, 'link.txt'));
  });

  it('list skips a FIFO in a directory (and a link to it) with one line naming it', () => {
    const r = runCli(['list', dir], { timeout: GUARD_MS });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Alpha\n$/);
    expect(expectCleanErrors(r.stderr).sort()).toEqual([
      `paperterm: ${join(dir, 'link.txt')}: not a regular file (a FIFO); skipped`,
      `paperterm: ${fifo}: not a regular file (a FIFO); skipped`,
    ]);
  });

  it('a FIFO given directly is skipped the same way; alone it loads nothing, exit 2', () => {
    const both = runCli(['search', 'alpha', join(dir, 'good.txt'), fifo], { timeout: GUARD_MS });
    expect(both.code).toBe(0);
    expect(expectCleanErrors(both.stderr)).toEqual([`paperterm: ${fifo}: not a regular file (a FIFO); skipped`]);
    const alone = runCli(['list', fifo], { timeout: GUARD_MS });
    expect(alone.code).toBe(2);
    expect(expectCleanErrors(alone.stderr)).toEqual([`paperterm: ${fifo}: not a regular file (a FIFO); skipped`, 'paperterm: no digests loaded']);
  });

  it("the reader's progressive loader reads past a FIFO", () => {
    const lib = resolve(import.meta.dirname, '../dist/src/core/library-load.js');
    const script = `
      const { startLibraryLoad } = await import(${JSON.stringify(lib)});
      const load = startLibraryLoad([${JSON.stringify(dir)}, ${JSON.stringify(fifo)}], { cacheDir: ${JSON.stringify(tempDir())} });
      while (!load.step(50));
      console.log(JSON.stringify({ titles: load.papers().map((p) => p.title), errors: load.errors.map((e) => e.message) }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: GUARD_MS, killSignal: 'SIGKILL' });
    expect(r.signal, 'timed out: a read blocked').toBeNull();
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { titles: string[]; errors: string[] };
    expect(out.titles).toEqual(['Alpha']);
    expect(out.errors.sort()).toEqual([`${join(dir, 'link.txt')}: not a regular file (a FIFO); skipped`, `${fifo}: not a regular file (a FIFO); skipped`]);
  });

  it('a FIFO in place of a cache record is a cache miss, not a hang', () => {
    const cache = tempDir('paperterm-cache-');
    const good = join(dir, 'good.txt');
    expect(runCli(['list', good], { env: { PAPERTERM_CACHE_DIR: cache } }).code).toBe(0);
    const records = join(cache, readdirSync(cache).find((d) => d.startsWith('digests-'))!);
    const [record] = readdirSync(records);
    rmSync(join(records, record!));
    mkfifo(join(records, record!));
    const r = runCli(['list', good], { env: { PAPERTERM_CACHE_DIR: cache }, timeout: GUARD_MS });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Alpha\n$/);
    expect(r.stderr).toBe('');
  });
});

describe('a FIFO where the state store keeps its files', () => {
  it('in place of state.json: shown as damaged, moved aside by the first mark; never waited on', () => {
    const id = (JSON.parse(runCli(['list', '--json']).stdout) as { id: string }[])[0]!.id;
    const state = tempDir('paperterm-state-');
    mkfifo(join(state, 'state.json'));
    const list = runCli(['list', '--state-dir', state], { timeout: GUARD_MS });
    expect(list.code).toBe(0);
    expect(expectCleanErrors(list.stderr)).toEqual([expect.stringMatching(/state\.json is unreadable \(not a regular file \(a FIFO\)\); showing no marks/)]);
    const star = runCli(['star', id, '--state-dir', state], { timeout: GUARD_MS });
    expect(star.code).toBe(0);
    expect(expectCleanErrors(star.stderr)).toEqual([expect.stringMatching(/state\.json was unreadable \(not a regular file \(a FIFO\)\); moved it to /)]);
  });

  it('in place of the lock file: a mark command exits 1 at once with one line', () => {
    const id = (JSON.parse(runCli(['list', '--json']).stdout) as { id: string }[])[0]!.id;
    const state = tempDir('paperterm-state-');
    mkfifo(join(state, 'state.json.lock'));
    const star = runCli(['star', id, '--state-dir', state], { timeout: GUARD_MS });
    expect(star.code).toBe(1);
    expect(expectCleanErrors(star.stderr)).toEqual([expect.stringMatching(/^paperterm: cannot save marks in .*\(.*state\.json\.lock: not a regular file \(a FIFO\)\); nothing changed$/)]);
  });
});

describe('a FIFO in place of the other state files', () => {
  it('seen.json (list --new) and search-history.json are read without waiting', () => {
    const state = tempDir('paperterm-state-');
    mkfifo(join(state, 'seen.json'));
    mkfifo(join(state, 'search-history.json'));
    const r = runCli(['list', '--new', '--state-dir', state], { timeout: GUARD_MS });
    expect(r.code).toBe(0);
    expect(expectCleanErrors(r.stderr).join('\n')).toMatch(/seen\.json.*not a regular file \(a FIFO\)/);
    const lib = resolve(import.meta.dirname, '../dist/src/state/search-history.js');
    const script = `const { readSearchHistory } = await import(${JSON.stringify(lib)}); console.log(readSearchHistory(${JSON.stringify(state)}).kind);`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: GUARD_MS, killSignal: 'SIGKILL' });
    expect(child.signal, 'timed out: a read blocked').toBeNull();
    expect(child.stdout.trim()).toBe('damaged');
  });
});
