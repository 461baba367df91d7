#!/usr/bin/env node
// Figures for typing in the reader's search line, from the real built binary in a real pty, on the
// sample digests and on generated libraries (bench/digest-writer): for every key, the time until
// the search line on screen shows it (echo), and after the last key the time until the header
// shows that query's match count (results). Typed right after the first frame (the index is still
// being built) and again once it is built.
// Usage: npm run build && node test/helpers/measure-search-typing.mjs [sizes=10000,100000] [msBetweenKeys=25]
// Not a test: it asserts nothing and prints a table. SHOW_ECHO=1 also prints every key's echo time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import * as pty from 'node-pty';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const BIN = join(ROOT, 'bin/paperterm.js');
const { writeCorpus } = await import(join(ROOT, 'dist/bench/digest-writer.js'));
const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const gapMs = Number(process.argv[3] ?? 25);
const ESU = '\u001b[?2026l';
const QUERIES = ['diffusion models', 'reinforcment lerning'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function env(home) {
  const e = { ...process.env, TERM: 'xterm-256color', PAPERTERM_STATE_DIR: join(home, 'state'), PAPERTERM_CACHE_DIR: join(home, 'cache') };
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION', 'NODE_ENV', 'NO_COLOR', 'FORCE_COLOR', 'PAPERTERM_DIGESTS']) delete e[k];
  return e;
}

/** Types `query` one key every gapMs; resolves with echo latencies and the time to results after the last key. */
async function typeQuery(child, output, query) {
  const echo = [];
  for (let i = 0; i < query.length; i++) {
    const mark = output.text.length;
    const sent = performance.now();
    child.write(query[i] === ' ' ? ' ' : query[i]);
    const want = `/${query.slice(0, i + 1)}`;
    const waitEcho = (async () => {
      while (!stripVTControlCharacters(output.text.slice(mark)).includes(want)) await sleep(1);
      echo.push(performance.now() - sent);
    })();
    if (i === query.length - 1) {
      await waitEcho;
      const results = new RegExp(`/${escapeRe(query)} {2}\\d+\\+?/\\d+ match`);
      while (!results.test(stripVTControlCharacters(output.text.slice(mark)))) await sleep(1);
      return { echo, resultsMs: performance.now() - sent };
    }
    await Promise.race([waitEcho, sleep(gapMs)]);
    await sleep(Math.max(0, gapMs - (performance.now() - sent)));
    await waitEcho;
  }
  throw new Error('unreachable');
}

async function measure(label, args) {
  const home = mkdtempSync(join(tmpdir(), 'paperterm-typing-'));
  const child = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: 120, rows: 30, cwd: ROOT, env: env(home) });
  const output = { text: '' };
  child.onData((d) => (output.text += d));
  const t0 = performance.now();
  while (!output.text.includes(ESU)) await sleep(2);
  const firstFrame = performance.now() - t0;
  child.write('/');
  const cold = await typeQuery(child, output, QUERIES[0]);
  if (process.env.SHOW_ECHO) console.log(label, cold.echo.map((x) => x.toFixed(0)).join(' '));
  await sleep(300);
  child.write('\u0015'); // Ctrl-U: erase the line
  await sleep(300);
  const warm = await typeQuery(child, output, QUERIES[1]);
  child.write('\u0003');
  await new Promise((r) => child.onExit(r));
  rmSync(home, { recursive: true, force: true });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (n) => n.toFixed(1);
  return {
    library: label,
    'first frame ms': Math.round(firstFrame),
    'echo ms median (index building)': fmt(median(cold.echo)),
    'echo ms max (index building)': fmt(Math.max(...cold.echo)),
    'results ms after last key (index building)': fmt(cold.resultsMs),
    'echo ms median': fmt(median(warm.echo)),
    'echo ms max': fmt(Math.max(...warm.echo)),
    'results ms after last key': fmt(warm.resultsMs),
  };
}

const rows = [await measure('428 sample papers', [join(ROOT, 'sample-data')])];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'paperterm-typing-corpus-'));
  try {
    writeCorpus(dir, { papers: n });
    rows.push(await measure(`${n} papers`, [dir]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`typing one key every ${gapMs} ms: "${QUERIES[0]}" right after the first frame, then "${QUERIES[1]}"`);
console.table(rows);
