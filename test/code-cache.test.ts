// bin/paperterm.js keeps V8's compiled code for the bundle in the cache directory (a code cache):
// a speed-up only. These runs hold it to that: the output is the same with a cache, without one and
// with a damaged one, and no state of the cache file or its directory makes a run fail or wait.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { spawnPaperterm } from './helpers/pty.js';
import { SAMPLE_DIR, tempDir } from './helpers/digests.js';

const GUARD_MS = 15_000;
const LIST = ['list', '--json', SAMPLE_DIR];

/** The code cache directories in `cacheDir` and their files. */
function codeCaches(cacheDir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of readdirSync(cacheDir)) if (d.startsWith('code-')) out[d] = readdirSync(join(cacheDir, d)).sort();
  return out;
}

function cacheFile(cacheDir: string, name: string): string {
  const dirs = Object.keys(codeCaches(cacheDir));
  expect(dirs).toHaveLength(1);
  return join(cacheDir, dirs[0]!, name);
}

describe('the launcher', () => {
  it('says in one line, exit 70, when the program is not built', () => {
    const root = tempDir('paperterm-unbuilt-');
    mkdirSync(join(root, 'bin'));
    for (const f of ['paperterm.js', 'package.json']) copyFileSync(join(import.meta.dirname, '../bin', f), join(root, 'bin', f));
    const r = spawnSync(process.execPath, [join(root, 'bin/paperterm.js'), 'list'], { encoding: 'utf8' });
    expect(r.status).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([`paperterm: cannot read ${join(root, 'dist/paperterm.cjs')} (ENOENT): run \`npm install\` or \`npm run build\` in ${root}`]);
  });
});

describe('the code cache', () => {
  const expected = runCli(LIST, { env: { PAPERTERM_CODE_CACHE: '0' } });

  it('is written by the first run and used by the next, one per command, the output always the same', () => {
    const cacheDir = tempDir('paperterm-code-');
    expect(expected.code).toBe(0);
    expect(JSON.parse(expected.stdout)).toHaveLength(428);

    const first = runCli(LIST, { env: { PAPERTERM_CACHE_DIR: cacheDir } });
    expect(first).toEqual(expected);
    const file = cacheFile(cacheDir, 'list.jsc');
    const written = statSync(file);
    expect(written.isFile()).toBe(true);

    const second = runCli(LIST, { env: { PAPERTERM_CACHE_DIR: cacheDir } });
    expect(second).toEqual(expected);
    // Taken as it is: not written again.
    const after = statSync(file);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([written.ino, written.mtimeMs, written.size]);

    const search = runCli(['search', 'model soup', SAMPLE_DIR], { env: { PAPERTERM_CACHE_DIR: cacheDir } });
    expect(search.code).toBe(0);
    expect(Object.values(codeCaches(cacheDir))).toEqual([['list.jsc', 'search.jsc']]);
  });

  it('a damaged or cut cache file is not used, and is written again', () => {
    const cacheDir = tempDir('paperterm-code-');
    runCli(LIST, { env: { PAPERTERM_CACHE_DIR: cacheDir } });
    const file = cacheFile(cacheDir, 'list.jsc');
    const good = readFileSync(file);

    const damaged = Buffer.from(good);
    for (let i = damaged.length >> 1; i < (damaged.length >> 1) + 4096; i++) damaged[i] = damaged[i]! ^ 0x5a;
    for (const bad of [damaged, good.subarray(0, good.length >> 1), good.subarray(0, 8), Buffer.alloc(0), Buffer.from('not a cache')]) {
      writeFileSync(file, bad);
      expect(runCli(LIST, { env: { PAPERTERM_CACHE_DIR: cacheDir }, timeout: GUARD_MS })).toEqual(expected);
      expect(readFileSync(file).length).toBeGreaterThan(1000);
    }
  });

  it('a FIFO or a directory in its place, or a cache directory that cannot be made: the run is the same, uncached', () => {
    const cacheDir = tempDir('paperterm-code-');
    runCli(LIST, { env: { PAPERTERM_CACHE_DIR: cacheDir } });
    const file = cacheFile(cacheDir, 'list.jsc');
    execFileSync('rm', [file]);
    execFileSync('mkfifo', [file]);
    expect(runCli(LIST, { env: { PAPERTERM_CACHE_DIR: cacheDir }, timeout: GUARD_MS })).toEqual(expected);
    expect(statSync(file).isFile()).toBe(true);

    execFileSync('rm', [file]);
    mkdirSync(file);
    expect(runCli(LIST, { env: { PAPERTERM_CACHE_DIR: cacheDir }, timeout: GUARD_MS })).toEqual(expected);

    const notADir = join(tempDir('paperterm-code-'), 'file');
    writeFileSync(notADir, 'x');
    expect(runCli(LIST, { env: { PAPERTERM_CACHE_DIR: join(notADir, 'cache') }, timeout: GUARD_MS })).toEqual(expected);
  });

  it("other builds' caches are removed when a cache is written, nothing else", () => {
    const cacheDir = tempDir('paperterm-code-');
    const stale = join(cacheDir, 'code-0123456789abcdef-v20.0.0-x64');
    const kept = join(cacheDir, 'code-fedcba9876543210-v20.0.0-x64');
    mkdirSync(stale);
    mkdirSync(kept);
    writeFileSync(join(stale, 'reader.jsc'), 'old');
    writeFileSync(join(stale, '.list.jsc.123.tmp'), 'old');
    writeFileSync(join(kept, 'reader.jsc'), 'old');
    writeFileSync(join(kept, 'notes.txt'), 'mine');
    writeFileSync(join(cacheDir, 'code-notes.txt'), 'mine');
    expect(runCli(LIST, { env: { PAPERTERM_CACHE_DIR: cacheDir } })).toEqual(expected);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(kept)).toEqual(['notes.txt']);
    expect(readFileSync(join(cacheDir, 'code-notes.txt'), 'utf8')).toBe('mine');
  });

  it("the reader's own cache, taken by the next start, which shows the same screen", { timeout: 60_000 }, async () => {
    const cacheDir = tempDir('paperterm-code-');
    const screens: string[] = [];
    const stats: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const t = spawnPaperterm({ args: [SAMPLE_DIR, '--query', 'model soup'], cols: 100, rows: 30, env: { PAPERTERM_CACHE_DIR: cacheDir } });
      try {
        await t.waitFor(/model soup +\d+\/428 matches/, 30_000);
        screens.push(t.lines()[0]!);
        t.press('q');
        expect((await t.exited(10_000)).exitCode).toBe(0);
      } finally {
        t.dispose();
      }
      expect(Object.values(codeCaches(cacheDir))).toEqual([['reader.jsc']]);
      const st = statSync(cacheFile(cacheDir, 'reader.jsc'));
      stats.push([st.ino, st.mtimeMs]);
    }
    expect(screens[1]).toBe(screens[0]);
    expect(stats[1]).toEqual(stats[0]);
  });

  it('the reader writes its cache once its first frame is drawn, while it runs: what start-up compiled, not a whole session', { timeout: 60_000 }, async () => {
    const cacheDir = tempDir('paperterm-code-');
    const t = spawnPaperterm({ args: [SAMPLE_DIR], cols: 100, rows: 30, env: { PAPERTERM_CACHE_DIR: cacheDir } });
    try {
      await t.waitFor(/428 papers/, 30_000);
      const deadline = Date.now() + GUARD_MS;
      // Its directory is made before the file is renamed into it: wait for the file.
      while (!Object.values(codeCaches(cacheDir)).flat().includes('reader.jsc') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(Object.values(codeCaches(cacheDir))).toEqual([['reader.jsc']]);
      const written = statSync(cacheFile(cacheDir, 'reader.jsc')).mtimeMs;
      // The rest of the session (here: a search) does not write it again.
      t.write('/soup\r');
      await t.waitFor(/soup +\d+\/428 match/, 30_000);
      t.press('q');
      expect((await t.exited(10_000)).exitCode).toBe(0);
      expect(statSync(cacheFile(cacheDir, 'reader.jsc')).mtimeMs).toBe(written);
    } finally {
      t.dispose();
    }
  });

  it("the bundle's import() (of `open`) works with the cache too: a link opens in the browser", { timeout: 60_000 }, async () => {
    const cacheDir = tempDir('paperterm-code-');
    const dir = tempDir('paperterm-browser-');
    const browser = join(dir, 'browser');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > "$0.opened"\n`, { mode: 0o755 });
    for (let run = 0; run < 2; run++) {
      const t = spawnPaperterm({ args: [SAMPLE_DIR], cols: 100, rows: 30, env: { PAPERTERM_CACHE_DIR: cacheDir, BROWSER: browser, DISPLAY: ':0' } });
      try {
        await t.waitFor(/428 papers/, 30_000);
        t.press('o');
        await t.waitFor(/opened in the browser/, 15_000);
        expect(readFileSync(`${browser}.opened`, 'utf8')).toMatch(/^https?:\/\//);
        execFileSync('rm', [`${browser}.opened`]);
        t.press('q');
        expect((await t.exited(10_000)).exitCode).toBe(0);
      } finally {
        t.dispose();
      }
      expect(Object.values(codeCaches(cacheDir))).toEqual([['reader.jsc']]);
    }
  });

  it('help, a failed run and PAPERTERM_CODE_CACHE=0 write none', () => {
    const cacheDir = tempDir('paperterm-code-');
    expect(runCli(['--help'], { env: { PAPERTERM_CACHE_DIR: cacheDir } }).code).toBe(0);
    expect(runCli(['list', join(cacheDir, 'missing')], { env: { PAPERTERM_CACHE_DIR: cacheDir } }).code).not.toBe(0);
    expect(runCli(LIST, { env: { PAPERTERM_CACHE_DIR: cacheDir, PAPERTERM_CODE_CACHE: '0' } })).toEqual(expected);
    expect(codeCaches(cacheDir)).toEqual({});
  });
});
