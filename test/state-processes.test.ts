import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMarks } from '../src/state/store.js';
import { makeTempDir } from './state-helpers.js';

// Child processes run the built store (npm test builds first), as the real binary does.
const STORE = pathToFileURL(resolve('dist/src/state/store.js')).href;
const LOCATION = pathToFileURL(resolve('dist/src/state/location.js')).href;

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

function nodeChild(script: string, env: NodeJS.ProcessEnv = process.env): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--input-type=module', '-e', script], { env });
}

function lines(child: ChildProcessWithoutNullStreams, onLine: (line: string) => void): void {
  createInterface({ input: child.stdout }).on('line', onLine);
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((res) => child.on('close', (code, signal) => res({ code, signal, stderr })));
}

const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(12 - prefix.length, '0')}`;

describe('the store across real processes', () => {
  it('loses no mark when two processes write the same store at once', async () => {
    const N = 120;
    const SHARED = 40;
    // Each mark goes through a freshly opened store, as separate `paperterm read` runs would, so a
    // mark overwritten by the other process is not healed by this one's memory. Both say "ready",
    // then wait for "go" so that their writes interleave.
    const writer = (own: string, sharedField: string) => `
      import { openStateStore } from ${JSON.stringify(STORE)};
      const open = () => openStateStore({ dir: ${JSON.stringify(tmp.dir)}, checkWritable: false });
      await open();
      process.stdout.write('ready\\n');
      process.stdin.once('data', async () => {
        const warnings = [];
        for (let i = 0; i < ${N}; i++) {
          const store = await open();
          store.set([${JSON.stringify(own)} + String(i).padStart(${12 - own.length}, '0')], 'read', true);
          if (i < ${SHARED}) store.set(['5' + String(i).padStart(11, '0')], ${JSON.stringify(sharedField)}, true);
          warnings.push(...store.takeWarnings());
        }
        if (warnings.length) { console.error(JSON.stringify(warnings)); process.exit(1); }
        process.exit(0);
      });`;
    const children = [nodeChild(writer('a', 'starred')), nodeChild(writer('b', 'read'))];
    const done = children.map(exited);
    let ready = 0;
    for (const c of children) {
      lines(c, (l) => {
        if (l === 'ready' && ++ready === children.length) for (const k of children) k.stdin.write('go\n');
      });
    }
    const results = await Promise.all(done);
    expect(results.map((r) => [r.code, r.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);

    const marks = readMarks(tmp.dir).marks;
    const missing: string[] = [];
    for (let i = 0; i < N; i++) for (const p of ['a', 'b']) if (!marks.get(id(p, i))?.read) missing.push(id(p, i));
    for (let i = 0; i < SHARED; i++) {
      const m = marks.get(id('5', i));
      if (!m?.read || !m.starred) missing.push(`${id('5', i)} ${JSON.stringify(m)}`);
    }
    expect(missing).toEqual([]);
    expect(marks.size).toBe(2 * N + SHARED);
  }, 30_000);

  it('has every acknowledged mark on disk, in a whole file, after kill -9', async () => {
    // The child marks papers one by one forever and prints each id once set() has returned.
    const child = nodeChild(`
      import { openStateStore } from ${JSON.stringify(STORE)};
      const store = await openStateStore({ dir: ${JSON.stringify(tmp.dir)} });
      for (let i = 0; ; i++) {
        const id = 'c' + String(i).padStart(11, '0');
        store.set([id], i % 2 ? 'starred' : 'read', true);
        process.stdout.write(id + '\\n');
      }`);
    const done = exited(child);
    const acknowledged: string[] = [];
    lines(child, (l) => {
      acknowledged.push(l);
      if (acknowledged.length === 25) child.kill('SIGKILL');
    });
    const result = await done;
    expect(result.signal).toBe('SIGKILL');

    const text = readFileSync(join(tmp.dir, 'state.json'), 'utf8');
    const onDisk = JSON.parse(text) as { marks: Record<string, unknown> };
    const missing = acknowledged.filter((k) => !(k in onDisk.marks));
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);
    expect(missing).toEqual([]);

    // A lock the killed process may have held must not block the next session.
    const next = nodeChild(`
      import { openStateStore } from ${JSON.stringify(STORE)};
      const store = await openStateStore({ dir: ${JSON.stringify(tmp.dir)} });
      process.stdout.write(String(store.set(['dddddddddddd'], 'read', true).saved));`);
    let out = '';
    next.stdout.on('data', (d) => (out += d));
    expect((await exited(next)).code).toBe(0);
    expect(out).toBe('true');
    expect(existsSync(join(tmp.dir, 'state.json.lock'))).toBe(false);
  }, 30_000);

  it("finds the store where conf puts it by default, without loading conf to read it", () => {
    const home = join(tmp.dir, 'home');
    const xdg = join(tmp.dir, 'xdg');
    const script = `
      import Conf from 'conf';
      import { stateDir, stateFilePath } from ${JSON.stringify(LOCATION)};
      const conf = new Conf({ projectName: 'paperterm', projectSuffix: '', configName: 'state' });
      console.log(JSON.stringify({ ours: stateFilePath(stateDir(undefined, process.env)), conf: conf.path }));`;
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: xdg, APPDATA: xdg };
    delete env.PAPERTERM_STATE_DIR;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', cwd: resolve('.') });
    expect(r.stderr).toBe('');
    const { ours, conf } = JSON.parse(r.stdout) as { ours: string; conf: string };
    expect(ours).toBe(conf);
    expect(ours.startsWith(tmp.dir)).toBe(true);
    expect(ours.endsWith(join('paperterm', 'state.json')) || ours.endsWith(join('paperterm', 'Config', 'state.json'))).toBe(true);
  });
});
