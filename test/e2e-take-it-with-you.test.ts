/**
 * y and o in the real binary, in a real pty: the exact OSC 52 bytes the terminal receives, in a
 * bare pty and inside tmux (when installed: the reader wraps the sequence for tmux, and tmux with
 * allow-passthrough hands the terminal outside the plain OSC 52), and the footer's confirmation.
 * Over SSH (SSH_CONNECTION set) o copies the link instead of starting a browser.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import { BIN, SAMPLE_DATA, spawnPaperterm, type PtySession } from './helpers/pty.js';

const ESC = '\u001b';
const TIMEOUT = 40_000;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

// The same library the binary loads (same files, same times), so the same order.
const { papers } = loadLibrary([SAMPLE_DATA]);
const withLink = papers.findIndex((p) => p.links.length === 1);
const url = papers[withLink]!.links[0]!;
const osc52 = (text: string) => `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
/** Not local with a display, not over SSH, not in a multiplexer: unless a test says otherwise. */
const PLAIN = { SSH_CONNECTION: undefined, SSH_TTY: undefined, SSH_CLIENT: undefined, DISPLAY: undefined, WAYLAND_DISPLAY: undefined, TMUX: undefined, STY: undefined };

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

async function toThePaper(t: PtySession): Promise<void> {
  await t.waitFor((s) => (s.lines().at(-1) ?? '').includes('quit'), 20_000);
  t.write('j'.repeat(withLink));
  await t.waitFor((s) => s.text().includes(url.slice(0, 30)));
}

describe('y and o in a pty', () => {
  test('y: exactly OSC 52 of the first link reaches the terminal; the footer says what was copied', async () => {
    expect(withLink).toBeGreaterThanOrEqual(0);
    const t = spawnPaperterm({ args: [SAMPLE_DATA], cols: 120, rows: 40, env: { ...PLAIN } });
    sessions.push(t);
    await toThePaper(t);
    t.write('y');
    await t.waitFor((s) => (s.lines().at(-1) ?? '').includes('copied http'));
    expect(t.output.split(osc52(url)).length - 1).toBe(1);
    // Nothing else for the clipboard, and no passthrough wrapping outside a multiplexer.
    expect(t.output.match(/\u001b\]52;/g)).toHaveLength(1);
    expect(t.output).not.toContain(`${ESC}Ptmux;`);
    t.press('q');
    expect((await t.exited()).exitCode).toBe(0);
  }, TIMEOUT);

  test('o over SSH: the link is copied (OSC 52) and the footer says so; no browser is started', async () => {
    const t = spawnPaperterm({ args: [SAMPLE_DATA], cols: 120, rows: 40, env: { ...PLAIN, SSH_CONNECTION: '10.0.0.1 50000 10.0.0.2 22' } });
    sessions.push(t);
    await toThePaper(t);
    t.write('o');
    await t.waitFor('remote session: link copied instead');
    expect(t.output.split(osc52(url)).length - 1).toBe(1);
    t.press('q');
    expect((await t.exited()).exitCode).toBe(0);
  }, TIMEOUT);

  test('the detail\'s links are OSC 8 hyperlinks; --no-hyperlinks and TERM=dumb leave them plain text', async () => {
    const link = `${ESC}]8;id=`;
    // node-pty sets TERM from the terminal's name: TERM=dumb is given through env(1).
    for (const [term, args, wanted] of [
      ['xterm-256color', [SAMPLE_DATA], true],
      ['xterm-256color', ['--no-hyperlinks', SAMPLE_DATA], false],
      ['dumb', [SAMPLE_DATA], false],
    ] as const) {
      const t = spawnPaperterm({ command: { file: 'env', args: [`TERM=${term}`, process.execPath, BIN, ...args] }, cols: 120, rows: 40, env: { ...PLAIN } });
      sessions.push(t);
      await toThePaper(t);
      expect(t.output.includes(link), `TERM=${term} ${args.join(' ')}`).toBe(wanted);
      if (wanted) expect(t.output).toMatch(new RegExp(`\u001b\\]8;id=pt[0-9a-z]+;${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\u001b\\\\`));
      t.press('q');
      expect((await t.exited()).exitCode).toBe(0);
    }
  }, TIMEOUT);

  test.runIf(hasTmux)('inside tmux: the reader wraps OSC 52 for tmux, and the terminal outside gets it', async () => {
    const socket = `paperterm-osc-${process.pid}`;
    const paneOut = join(tmpdir(), `${socket}.out`);
    const t = spawnPaperterm({
      command: {
        file: 'tmux',
        args: [
          '-L', socket, '-f', '/dev/null',
          'new-session', `'${process.execPath}' '${BIN}' '${SAMPLE_DATA}'`,
          ';', 'set', '-g', 'status', 'off',
          ';', 'set', '-g', 'allow-passthrough', 'on',
          // What the reader itself writes inside tmux, copied to a file (from start-up on).
          ';', 'pipe-pane', '-o', `cat >> '${paneOut}'`,
        ],
      },
      cols: 120,
      rows: 40,
      env: { ...PLAIN },
    });
    sessions.push(t);
    try {
      await toThePaper(t);
      t.write('y');
      await t.waitFor((s) => (s.lines().at(-1) ?? '').includes('copied http'));
      await new Promise((r) => setTimeout(r, 200));
      // Outside tmux: the plain OSC 52, unwrapped by tmux's passthrough.
      expect(t.output).toContain(osc52(url));
      // Inside: the reader wrote it in a tmux DCS passthrough, every ESC doubled.
      const inner = readFileSync(paneOut, 'utf8');
      expect(inner).toContain(`${ESC}Ptmux;${ESC}${ESC}]52;c;${Buffer.from(url).toString('base64')}\u0007${ESC}\\`);
    } finally {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      rmSync(paneOut, { force: true });
    }
  }, TIMEOUT);
});
