/**
 * The real built binary in a real pseudo-terminal, read back through a headless xterm: what a user
 * at a terminal would see, and what their terminal is left in afterwards.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import { BIN, footer, header, PAPERTERM, picture, type PtySession, REPO_ROOT, SAMPLE_DATA } from './helpers/pty.js';
import { ptySessions } from './helpers/pty-sessions.js';

const TIMEOUT = 30_000;
const N = loadLibrary([SAMPLE_DATA]).papers.length;

const start = ptySessions();

const ALT_ON = '\u001b[?1049h';
const ALT_OFF = '\u001b[?1049l';
const CURSOR_HIDE = '\u001b[?25l';
const CURSOR_SHOW = '\u001b[?25h';

/** After the program ended: main screen back, cursor shown after it was last hidden, no half-open sync block. */
function expectRestored(t: PtySession) {
  expect(t.inAltScreen()).toBe(false);
  expect(t.output).toContain(ALT_ON);
  expect(t.output.lastIndexOf(ALT_OFF)).toBeGreaterThan(t.output.lastIndexOf(ALT_ON));
  expect(t.output.lastIndexOf(CURSOR_SHOW)).toBeGreaterThan(t.output.lastIndexOf(CURSOR_HIDE));
  expect(t.term.modes.synchronizedOutputMode).toBe(false);
  // Mouse reporting (on while the reader runs) is off again: the shell's clicks are its own.
  expect(t.output).toContain('\u001b[?1000h');
  expect(t.term.modes.mouseTrackingMode).toBe('none');
}

/** The shell's `stty -a` after paperterm shows the line discipline cooked again: canonical, echo on. */
async function expectCookedTerminal(t: PtySession) {
  await t.waitFor(/(^|\s)-?icanon(\s|$)/m);
  await t.waitFor(/(^|\s)-?echo(\s|$)/m);
  expect(t.text()).not.toMatch(/(^|\s)-icanon(\s|$)/m);
  expect(t.text()).not.toMatch(/(^|\s)-echo(\s|$)/m);
}

/** Column (in cells) of the first "│" on a row of the screen, found cell by cell. */
function separatorColumn(t: PtySession, y: number): number {
  for (let x = 0; x < t.term.cols; x++) if (t.cell(x, y)?.getChars() === '│') return x;
  return -1;
}

describe('the reader in a real terminal', () => {
  test(
    'move, read, help, resize, quit: the screen follows and the terminal comes back as it was',
    async () => {
      const t = start({
        command: { file: '/bin/sh', args: ['-c', `${PAPERTERM} '${SAMPLE_DATA}'; echo; stty -a`] },
        cols: 80,
        rows: 24,
      });
      // Loading may take more than one frame on a slow machine: wait for the whole library.
      await t.waitFor((s) => footer(s).includes('j/k move') && header(s).includes(`${N} papers`), 15_000);
      expect(t.inAltScreen()).toBe(true);
      expect(header(t)).toContain(`${N} papers · ${N} unread · 0 starred`);
      expect(t.lines()[1]!.startsWith('>')).toBe(true);
      expect(t.cell(5, 1)?.isInverse()).toBeTruthy();

      t.press('j', 'down');
      await t.waitFor((s) => header(s).includes(`3/${N}`));
      expect(t.lines()[3]!.startsWith('>')).toBe(true);
      expect(t.cell(5, 3)?.isInverse()).toBeTruthy();
      expect(t.cell(5, 1)?.isInverse()).toBeFalsy();

      t.press('enter');
      await t.waitFor((s) => footer(s).includes('j/k scroll'));
      const firstDetailLine = t.lines()[11];
      t.press('j');
      await t.waitFor((s) => s.lines()[10] === firstDetailLine);
      expect(header(t)).toContain(`3/${N}`);
      t.press('escape');
      await t.waitFor((s) => footer(s).includes('j/k move'));

      t.press('?');
      await t.waitFor('this help (toggle)');
      expect(t.text()).toContain('Ctrl-d');
      t.press('?');
      await t.waitFor((s) => !s.text().includes('this help') && footer(s).includes('j/k move'));

      t.resize(120, 30);
      await t.waitFor((s) => s.lines().slice(1, 29).every((_, i) => separatorColumn(s, i + 1) === 53) && footer(s).includes('j/k move'));
      expect(t.lines()[3]!.startsWith('>')).toBe(true);

      t.resize(20, 5);
      await t.waitFor('Terminal too small');

      t.resize(80, 24);
      await t.waitFor((s) => header(s).includes(`3/${N}`) && footer(s).includes('j/k move') && s.lines()[9]!.startsWith('────'));
      // What the line-diffing left on screen is what a from-scratch repaint draws (Ctrl-L).
      await t.quiet(150);
      const diffed = t.text();
      t.press('ctrl+l');
      await t.quiet(150);
      expect(t.text()).toBe(diffed);

      t.press('q');
      expect((await t.exited(10_000)).exitCode).toBe(0);
      expectRestored(t);
      await expectCookedTerminal(t);
    },
    TIMEOUT,
  );

  test(
    'Ctrl-C quits from the list, the detail and the help, restoring the terminal',
    async () => {
      for (const before of [[], ['enter'], ['?']]) {
        const t = start({ args: [SAMPLE_DATA], cols: 80, rows: 24 });
        await t.waitFor((s) => footer(s).includes('j/k move'), 15_000);
        t.press(...before);
        await t.quiet(100);
        t.press('ctrl+c');
        expect((await t.exited(10_000)).exitCode).toBe(0);
        expectRestored(t);
      }
    },
    TIMEOUT,
  );

  test(
    'q quits even while the terminal is too small (and the help was open)',
    async () => {
      const t = start({ args: [SAMPLE_DATA], cols: 80, rows: 24 });
      await t.waitFor((s) => footer(s).includes('j/k move'), 15_000);
      t.press('?');
      await t.waitFor('this help');
      t.resize(30, 6);
      await t.waitFor('Terminal too small');
      t.press('q');
      expect((await t.exited(10_000)).exitCode).toBe(0);
      expectRestored(t);
    },
    TIMEOUT,
  );

  test(
    'Ctrl-Z gives the shell its screen back; fg brings the reader back where it was',
    async () => {
      const t = start({ command: { file: '/bin/bash', args: ['--norc', '--noprofile', '-i'] }, env: { PS1: 'PROMPT$ ' }, cols: 80, rows: 24 });
      await t.waitFor('PROMPT$');
      t.write(`${PAPERTERM} '${SAMPLE_DATA}'\r`);
      await t.waitFor((s) => footer(s).includes('j/k move'), 15_000);
      t.press('j');
      await t.waitFor((s) => header(s).includes(`2/${N}`));
      t.press('ctrl+z');
      await t.waitFor((s) => !s.inAltScreen() && /Stopped/.test(s.text()));
      expect(t.term.modes.mouseTrackingMode).toBe('none');
      t.write('stty -a | grep -o -- " -\\?icanon" ; echo done\r');
      await t.waitFor(/^done/m);
      expect(t.text()).toContain(' icanon');
      t.write('fg\r');
      await t.waitFor((s) => s.inAltScreen() && header(s).includes(`2/${N}`) && footer(s).includes('j/k move'));
      expect(t.term.modes.mouseTrackingMode).toBe('vt200');
      t.press('j');
      await t.waitFor((s) => header(s).includes(`3/${N}`));
      t.press('q');
      await t.waitFor((s) => !s.inAltScreen() && s.text().includes('PROMPT$'));
      expectRestored(t);
      t.write('exit\r');
      await t.exited();
    },
    TIMEOUT,
  );

  test(
    'keys typed before the reader took the terminal are not left on the shell screen; bracketed paste is on while it runs and off after',
    async () => {
      const t = start({ command: { file: '/bin/sh', args: ['-c', `${PAPERTERM} '${SAMPLE_DATA}'; echo "exit=$?"`] }, cols: 80, rows: 24 });
      // Typed at once: the terminal echoes them while the program is still starting.
      t.write('xwzvx'); // keys no binding uses: whether the reader reads them or not, nothing changes on screen
      await t.waitFor((s) => footer(s).includes('j/k move'), 15_000);
      expect(t.term.modes.bracketedPasteMode).toBe(true);
      // A paste with a newline and a command key in it runs nothing: it becomes the search text.
      t.write('\u001b[200~zz\rq\u001b[201~');
      await t.waitFor((s) => footer(s).startsWith('/zz q'));
      expect(t.inAltScreen()).toBe(true);
      t.press('escape');
      await t.waitFor((s) => footer(s).includes('j/k move'));
      t.press('q');
      await t.waitFor('exit=0', 10_000);
      expectRestored(t);
      expect(t.term.modes.bracketedPasteMode).toBe(false);
      expect(t.text()).not.toContain('xwzvx');
    },
    TIMEOUT,
  );

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    test(
      `${signal} restores the terminal (screen, cursor, paste mode, line discipline) and exits ${code}`,
      async () => {
        const t = start({
          command: { file: '/bin/sh', args: ['-c', `${PAPERTERM} '${SAMPLE_DATA}'; echo "exit=$?"; stty -a`] },
          cols: 80,
          rows: 24,
        });
        await t.waitFor((s) => footer(s).includes('j/k move'), 15_000);
        t.press('enter');
        await t.waitFor((s) => footer(s).includes('j/k scroll'));
        const pid = execFileSync('pgrep', ['-P', String(t.child.pid)], { encoding: 'utf8' }).trim();
        process.kill(Number(pid), signal);
        await t.waitFor(`exit=${code}`);
        expectRestored(t);
        expect(t.term.modes.bracketedPasteMode).toBe(false);
        await expectCookedTerminal(t);
        await t.exited();
      },
      TIMEOUT,
    );
  }

  test(
    'a keypress rewrites only the lines that changed: no clear-screen, untouched rows not resent',
    async () => {
      const t = start({ args: [SAMPLE_DATA], cols: 80, rows: 24 });
      await t.waitFor((s) => footer(s).includes('j/k move'), 15_000);
      await t.quiet(150);
      const rowText = (y: number) => t.lines()[y]!.slice(4, 40);
      const untouched = [3, 4, 5, 6, 7, 8].map(rowText);
      const mark = t.output.length;
      t.press('j');
      await t.waitFor((s) => header(s).includes(`2/${N}`) && s.lines()[2]!.startsWith('>'));
      await t.quiet(100);
      const keyBytes = t.output.slice(mark);
      expect(keyBytes).not.toContain('\u001b[2J');
      expect(keyBytes).not.toContain('\u001b[3J');
      expect(keyBytes).toContain(rowText(1)); // the row that lost the selection
      expect(keyBytes).toContain(rowText(2)); // the row that gained it
      for (const text of untouched) expect(keyBytes).not.toContain(text);
      expect([3, 4, 5, 6, 7, 8].map(rowText)).toEqual(untouched);
    },
    TIMEOUT,
  );
});

describe('cell-diffed frames', () => {
  test(
    'a held j: the selection follows every key, the detail catches up when the keys stop, and the screen is what a full redraw draws',
    async () => {
      const papers = loadLibrary([SAMPLE_DATA]).papers;
      const t = start({ args: [SAMPLE_DATA], cols: 120, rows: 30 });
      await t.waitFor((s) => footer(s).includes('j/k move'), 15_000);
      await t.quiet(300);
      const mark = t.output.length;
      // Key repeat: every 25 ms, well inside the 60 ms the detail waits for.
      for (let i = 0; i < 12; i++) {
        t.press('j');
        await new Promise((r) => setTimeout(r, 25));
      }
      await t.waitFor((s) => header(s).includes(`13/${N}`));
      await t.quiet(200);
      const held = t.output.slice(mark);
      // Abstracts passed on the way are not sent, only the first move's and the last one's: ~7 KB
      // for the twelve moves, ~20 KB when every abstract is drawn. (On a loaded machine a key can
      // reach the reader more than 60 ms after the one before, which counts as a pause: room for two.)
      expect(Buffer.byteLength(held)).toBeLessThan(12_000);
      const selected = papers[12]!;
      expect(t.lines()[1]!.slice(54)).toContain(selected.title.slice(0, 30));
      expect(t.lines()[13]!.startsWith('>')).toBe(true);
      // Ctrl-L clears the terminal and draws everything from scratch: not one cell may differ.
      const drawn = picture(t);
      t.press('ctrl+l');
      await t.quiet(200);
      expect(t.output.lastIndexOf('\u001b[2J')).toBeGreaterThan(mark);
      expect(picture(t)).toEqual(drawn);
    },
    TIMEOUT,
  );
});

describe('colour', () => {
  /** Cells on screen whose foreground or background is not the terminal default. */
  function coloredCells(t: PtySession): number {
    let n = 0;
    for (let y = 0; y < t.term.rows; y++) {
      for (let x = 0; x < t.term.cols; x++) {
        const c = t.cell(x, y);
        if (c && (c.getFgColorMode() !== 0 || c.getBgColorMode() !== 0)) n++;
      }
    }
    return n;
  }

  test(
    'NO_COLOR and --no-color give a monochrome screen where the selection is still inverse',
    async () => {
      const colored = start({ args: [SAMPLE_DATA], cols: 80, rows: 24 });
      await colored.waitFor((s) => footer(s).includes('j/k move'), 15_000);
      expect(coloredCells(colored)).toBeGreaterThan(0);

      for (const opts of [{ args: [SAMPLE_DATA], env: { NO_COLOR: '1' } }, { args: ['--no-color', SAMPLE_DATA] }]) {
        const t = start({ ...opts, cols: 80, rows: 24 });
        await t.waitFor((s) => footer(s).includes('j/k move'), 15_000);
        t.press('j');
        await t.waitFor((s) => header(s).includes(`2/${N}`));
        expect(coloredCells(t)).toBe(0);
        expect(t.cell(10, 2)?.isInverse()).toBeTruthy();
        expect(t.cell(10, 1)?.isInverse()).toBeFalsy();
      }
    },
    TIMEOUT,
  );
});

describe('wide characters', () => {
  test(
    'CJK and emoji titles never shift the date column or the pane separator',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'paperterm-wide-'));
      try {
        const abstract = 'An abstract long enough to be taken for one by the parser. '.repeat(8);
        const titles = [
          '深度学习模型的高效鲁棒化方法研究：一个非常长的中文标题用于测试截断和对齐',
          '🚀 Rocket-fast 👍🏽 emoji titles ❤️ with a family 👨‍👩‍👧 in them',
          'Plain ASCII title',
          '日本語のタイトル ﾊﾝｶｸ and Ｆｕｌｌｗｉｄｔｈ',
        ];
        writeFileSync(join(dir, 'd.txt'), `Mar 18\n\n${titles.map((x) => `${x}\n\n${abstract}\n`).join('\n')}`);
        const t = start({ args: [dir], cols: 120, rows: 20 });
        await t.waitFor((s) => footer(s).includes('j/k move'), 15_000);
        for (let y = 1; y <= 4; y++) {
          expect(separatorColumn(t, y), t.lines()[y]).toBe(53);
          // The date column's last character sits in the same cell on every row.
          expect(t.cell(51, y)?.getChars(), t.lines()[y]).toBe('8');
        }
        t.press('j');
        await t.waitFor((s) => header(s).includes('2/4'));
        expect(t.text()).toContain('Rocket-fast');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});

describe('no terminal', () => {
  test(
    'stdout piped: the plain list, exactly as `paperterm list` prints it, exit 0',
    () => {
      // Its own cache directory: tests never write to the user's (parsed digests, compiled code).
      const env = { ...process.env, CI: undefined, FORCE_COLOR: undefined, PAPERTERM_CACHE_DIR: mkdtempSync(join(tmpdir(), 'paperterm-cache-')) };
      const plain = spawnSync(process.execPath, [BIN, SAMPLE_DATA], { cwd: REPO_ROOT, env, encoding: 'utf8' });
      const list = spawnSync(process.execPath, [BIN, 'list', SAMPLE_DATA], { cwd: REPO_ROOT, env, encoding: 'utf8' });
      expect(plain.status).toBe(0);
      expect(plain.stderr).toBe('');
      expect(plain.stdout).toBe(list.stdout);
      expect(plain.stdout.split('\n')).toHaveLength(N + 1);
      expect(plain.stdout).not.toContain('\u001b');
    },
    TIMEOUT,
  );

  test(
    'stdin not a terminal (stdout is): the plain list, no raw-mode error, exit 0',
    async () => {
      const t = start({ command: { file: '/bin/sh', args: ['-c', `${PAPERTERM} '${SAMPLE_DATA}' < /dev/null; echo "exit=$?"; sleep 0.3`] }, cols: 200, rows: 10 });
      await t.waitFor('exit=0', 15_000);
      expect(t.output).not.toContain(ALT_ON);
      expect(t.output).not.toMatch(/raw mode/i);
      // The last papers of the list, one a line: id, date, title.
      expect(t.lines().filter((l) => /^[0-9a-f]{12} {2}\S/.test(l)).length).toBeGreaterThan(5);
      await t.exited();
    },
    TIMEOUT,
  );
});
