/**
 * No stale cells: random keys (seeded), then the screen compared cell by cell with what Ctrl-L (a
 * clear and a whole redraw) draws. In a bare pty at 80×24 and 120×40, and inside tmux when it is
 * installed (tmux keeps its own copy of the screen and redraws it its own way).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { seededRng } from '../bench/rng.js';
import { BIN, KEYS, picture, type PtySession, SAMPLE_DATA } from './helpers/pty.js';
import { ptySessions } from './helpers/pty-sessions.js';

const TIMEOUT = 90_000;
const start = ptySessions();

/** Keys that change what is drawn (never quit or suspend): moves, panes, help, search, marks, views. */
const RANDOM_KEYS = ['j', 'j', 'j', 'k', 'G', 'g', KEYS.pagedown, KEYS.pageup, KEYS.enter, KEYS.escape, KEYS.tab, '?', '/', 'e', 'x', '\u007f', 's', ' ', 'u', '1', '2', '3', 'd', KEYS['ctrl+d'], KEYS['ctrl+u'], 'A', 'n', KEYS.down];

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

async function randomKeys(t: PtySession, seed: number): Promise<void> {
  const rng = seededRng(seed);
  await t.waitFor((s) => (s.lines().at(-1) ?? '').includes('quit'), 20_000);
  // The search index is built after the first frame: let it be ready, so no result comes late.
  t.write('/x');
  await t.waitFor((s) => (s.lines()[0] ?? '').includes('/x ') && !(s.lines()[0] ?? '').includes('indexing'), 20_000);
  t.write(KEYS.escape);
  await t.waitFor((s) => (s.lines().at(-1) ?? '').includes('quit'));
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < 10; i++) {
      const key = rng.pick(RANDOM_KEYS);
      // A lone Esc sent right before another key would be read with it: give it its own moment.
      t.write(key);
      await new Promise((r) => setTimeout(r, key === KEYS.escape ? 60 : 15));
    }
    // A search still running (a loaded machine can hold it past the quiet moment) ends in a frame of its own.
    await t.waitFor((s) => !/searching…|indexing/.test(s.lines()[0] ?? ''), 20_000);
    await t.quiet(250);
    const drawn = picture(t);
    const before = t.text();
    t.write(KEYS['ctrl+l']);
    await t.quiet(250);
    expect(picture(t), `seed ${seed}, round ${round}, before Ctrl-L:\n${before}\nafter:\n${t.text()}`).toEqual(drawn);
  }
}

describe('random keys, then Ctrl-L changes no cell', () => {
  for (const [cols, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    test(`bare pty, ${cols}×${rows}`, async () => {
      const t = start({ args: [SAMPLE_DATA], cols, rows });
      await randomKeys(t, cols);
    }, TIMEOUT);

    test.runIf(hasTmux)(`inside tmux, ${cols}×${rows}`, async () => {
      const socket = `paperterm-e2e-${process.pid}-${cols}`;
      const t = start({
        command: {
          file: 'tmux',
          args: ['-L', socket, '-f', '/dev/null', 'new-session', `'${process.execPath}' '${BIN}' '${SAMPLE_DATA}'`, ';', 'set', '-g', 'status', 'off'],
        },
        cols,
        rows,
        env: { TMUX: undefined },
      });
      try {
        await randomKeys(t, cols + 1);
      } finally {
        spawnSync('tmux', ['-L', socket, 'kill-server']);
      }
    }, TIMEOUT);
  }
});
