/**
 * No stale cells: random keys (seeded), then the screen compared cell by cell with what Ctrl-L (a
 * clear and a whole redraw) draws. In a bare pty at 80×24 and 120×40, and inside tmux when it is
 * installed (tmux keeps its own copy of the screen and redraws it its own way).
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, test } from 'vitest';
import { seededRng } from '../bench/rng.js';
import { BIN, KEYS, type PtySession, SAMPLE_DATA, spawnPaperterm } from './helpers/pty.js';

const TIMEOUT = 90_000;
const sessions: PtySession[] = [];
afterEach(() => {
  for (const t of sessions.splice(0)) t.dispose();
});

/** Keys that change what is drawn (never quit or suspend): moves, panes, help, search, marks, views. */
const RANDOM_KEYS = ['j', 'j', 'j', 'k', 'G', 'g', KEYS.pagedown, KEYS.pageup, KEYS.enter, KEYS.escape, KEYS.tab, '?', '/', 'e', 'x', '\u007f', 's', ' ', 'u', '1', '2', '3', 'd', KEYS['ctrl+d'], KEYS['ctrl+u'], 'A', 'n', KEYS.down];

/** Every cell of the screen with its looks. */
function picture(t: PtySession): string[] {
  const rows: string[] = [];
  for (let y = 0; y < t.term.rows; y++) {
    let row = '';
    for (let x = 0; x < t.term.cols; x++) {
      const c = t.cell(x, y);
      if (!c) continue;
      row += `${c.getChars() || ' '}${c.getFgColor()}.${c.getBgColor()}.${c.isBold()}${c.isInverse()}${c.isUnderline()}|`;
    }
    rows.push(row);
  }
  return rows;
}

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
      const t = spawnPaperterm({ args: [SAMPLE_DATA], cols, rows });
      sessions.push(t);
      await randomKeys(t, cols);
    }, TIMEOUT);

    test.runIf(hasTmux)(`inside tmux, ${cols}×${rows}`, async () => {
      const socket = `paperterm-e2e-${process.pid}-${cols}`;
      const t = spawnPaperterm({
        command: {
          file: 'tmux',
          args: ['-L', socket, '-f', '/dev/null', 'new-session', `'${process.execPath}' '${BIN}' '${SAMPLE_DATA}'`, ';', 'set', '-g', 'status', 'off'],
        },
        cols,
        rows,
        env: { TMUX: undefined },
      });
      sessions.push(t);
      try {
        await randomKeys(t, cols + 1);
      } finally {
        spawnSync('tmux', ['-L', socket, 'kill-server']);
      }
    }, TIMEOUT);
  }
});
