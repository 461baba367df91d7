#!/usr/bin/env node
// Figures for the interactive reader, from the real built binary in a real pty:
//   bytes written and time to the end of the frame for one keypress, at a few sizes and list lengths.
// Usage: npm run build && node test/helpers/measure-reader.mjs [papers=100000]
// Not a test: it asserts nothing and prints a table. (Runs in ~1 min on a 2-core machine.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pty from 'node-pty';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const BIN = join(ROOT, 'bin/paperterm.js');
const ESU = '\u001b[?2026l';
const many = Number(process.argv[2] ?? 100_000);

function makeDigests(n) {
  const dir = mkdtempSync(join(tmpdir(), 'paperterm-measure-'));
  const perFile = 10_000;
  const filler = 'We study a problem of some interest and report results on several benchmarks, '.repeat(5);
  for (let f = 0; f * perFile < n; f++) {
    const count = Math.min(perFile, n - f * perFile);
    const parts = [`Mar ${1 + (f % 28)}, 2024`, ''];
    for (let i = 0; i < count; i++) parts.push(`Paper ${f * perFile + i}: a method for thing ${i % 97}`, '', `${filler}(${f}-${i})`, '');
    writeFileSync(join(dir, `d${String(f).padStart(3, '0')}.txt`), parts.join('\n'));
  }
  return dir;
}

function env(extra) {
  const e = { ...process.env, TERM: 'xterm-256color', ...extra };
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION', 'NODE_ENV', 'NO_COLOR', 'FORCE_COLOR']) delete e[k];
  return e;
}

async function session(args, cols, rows, keys, extraEnv = {}) {
  const child = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols, rows, cwd: ROOT, env: env(extraEnv) });
  let out = '';
  let frames = 0;
  const waiters = [];
  child.onData((d) => {
    out += d;
    const n = out.split(ESU).length - 1;
    if (n > frames) {
      frames = n;
      for (const w of waiters.splice(0)) w();
    }
  });
  const nextFrame = (timeout = 20_000) =>
    new Promise((done, fail) => {
      const t = setTimeout(() => fail(new Error('no frame')), timeout);
      waiters.push(() => (clearTimeout(t), done()));
    });
  const t0 = performance.now();
  await nextFrame(120_000);
  const startupMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 300));
  const results = [];
  for (const key of keys) {
    const before = out.length;
    const framesBefore = frames;
    const start = performance.now();
    child.write(key);
    while (frames === framesBefore) await nextFrame();
    const ms = performance.now() - start;
    await new Promise((r) => setTimeout(r, 60)); // past Ink's 33 ms throttle: one frame per key
    results.push({ ms, bytes: out.length - before });
  }
  const fullFrame = out.indexOf(ESU) - out.indexOf('\u001b[?2026h');
  child.write('q');
  await new Promise((r) => child.onExit(r));
  return { startupMs, results, fullFrame };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);

const dir = makeDigests(many);
try {
  const rowsOut = [];
  for (const [label, args] of [['428 sample papers', [join(ROOT, 'sample-data')]], [`${many} papers`, [dir]]]) {
    for (const [cols, rows] of [[80, 24], [120, 40]]) {
      const keys = [...Array(20).fill('j'), ...Array(5).fill('k'), 'G', 'g', '\u0004', '\u0004'];
      const { startupMs, results, fullFrame } = await session(args, cols, rows, keys);
      const moves = results.slice(0, 25);
      rowsOut.push({
        list: label,
        size: `${cols}x${rows}`,
        'first frame ms': Math.round(startupMs),
        'full frame B': fullFrame,
        'j/k B (median)': median(moves.map((r) => r.bytes)),
        'j/k ms (median)': median(moves.map((r) => r.ms)).toFixed(1),
        'j/k ms (max)': max(moves.map((r) => r.ms)).toFixed(1),
        'G ms': results[25].ms.toFixed(1),
        'Ctrl-d ms': results[27].ms.toFixed(1),
      });
    }
  }
  console.table(rowsOut);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
