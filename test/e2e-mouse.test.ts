/**
 * The mouse in the real binary in a pty, read back through a headless xterm: SGR reports as a
 * terminal sends them (wheel, press, release), the screen they lead to, and mouse reporting off
 * again when the reader quits (or never on, with --no-mouse).
 */
import { describe, expect, test } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import { footer, header, type PtySession, SAMPLE_DATA } from './helpers/pty.js';
import { ptySessions } from './helpers/pty-sessions.js';

const TIMEOUT = 30_000;
const N = loadLibrary([SAMPLE_DATA]).papers.length;

const start = ptySessions();

const MOUSE_ON = '\u001b[?1000h';
const SGR_ON = '\u001b[?1006h';
const MOUSE_OFF = '\u001b[?1000l';
const ANY_MOTION = /\u001b\[\?100[23]h/;

/** An SGR 1006 report for the cell at 0-based column x, row y. */
const report = (code: number, x: number, y: number, final = 'M') => `\u001b[<${code};${x + 1};${y + 1}${final}`;
const wheelDown = (x: number, y: number) => report(65, x, y);
const click = (x: number, y: number) => report(0, x, y) + report(0, x, y, 'm');

describe('the mouse in a real terminal', () => {
  test(
    'the wheel moves the list and scrolls the detail, a click selects a row and a second one opens it; q turns reporting off',
    async () => {
      // 80×24 is stacked: the list on rows 1–8, a rule on row 9, the detail on rows 10–22.
      const t = start({ args: [SAMPLE_DATA], cols: 80, rows: 24 });
      await t.waitFor((s) => footer(s).includes('j/k move') && header(s).includes(`1/${N}`), 15_000);
      expect(t.term.modes.mouseTrackingMode).toBe('vt200'); // buttons only: no motion
      expect(t.output).toContain(SGR_ON);
      expect(t.output).not.toMatch(ANY_MOTION);

      t.write(wheelDown(10, 3));
      await t.waitFor((s) => header(s).includes(`4/${N}`));
      // Two notches in one read, as a fast wheel sends them.
      t.write(wheelDown(10, 3) + wheelDown(10, 3));
      await t.waitFor((s) => header(s).includes(`10/${N}`));
      // The selection is on the last list row (8 rows shown, the 10th paper): the list scrolled by 2,
      // so screen row 2 (the list's second row) shows the 4th paper.
      const rowTitle = t.lines()[2]!.trim().slice(4, 24);
      t.write(click(10, 2));
      // That paper is selected and its detail shown.
      await t.waitFor((s) => header(s).includes(`4/${N}`) && footer(s).includes('j/k move'));
      expect(t.text()).not.toMatch(/\[<|;\d+;\d+[Mm]/); // no byte of a report typed as a key
      const detailTitle = t.lines().slice(10, 13).join(' ');
      expect(detailTitle.replace(/\s+/g, ' ')).toContain(rowTitle.replace(/\s+/g, ' ').replace(/…$/, '').trim().slice(0, 12));

      // A click on the selected row opens it, as Enter.
      t.write(click(10, 2));
      await t.waitFor((s) => footer(s).includes('j/k scroll'));
      const firstDetailLine = t.lines()[10];
      // The wheel over the detail scrolls it by three lines.
      t.write(wheelDown(10, 15));
      await t.waitFor((s) => / 4-\d+\/\d+ *$/.test(footer(s)));
      expect(t.lines()[10]).not.toBe(firstDetailLine);
      expect(header(t)).toContain(`4/${N}`);

      t.press('q');
      expect((await t.exited(10_000)).exitCode).toBe(0);
      await t.settled();
      expect(t.term.modes.mouseTrackingMode).toBe('none');
      expect(t.output.lastIndexOf(MOUSE_OFF)).toBeGreaterThan(t.output.lastIndexOf(MOUSE_ON));
    },
    TIMEOUT,
  );

  test(
    '--no-mouse asks for no reporting; a report that arrives anyway is not read as keys',
    async () => {
      const t = start({ args: ['--no-mouse', SAMPLE_DATA], cols: 80, rows: 24 });
      await t.waitFor((s) => footer(s).includes('j/k move'), 15_000);
      expect(t.term.modes.mouseTrackingMode).toBe('none');
      expect(t.output).not.toContain(MOUSE_ON);
      t.write(`${wheelDown(10, 3)}${click(10, 5)}j`);
      await t.waitFor((s) => header(s).includes(`2/${N}`));
      t.press('q');
      expect((await t.exited(10_000)).exitCode).toBe(0);
    },
    TIMEOUT,
  );
});
