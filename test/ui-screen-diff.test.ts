/**
 * The frame differ under Ink (the one writer): whatever sequence of frames it is given, a terminal
 * fed its bytes shows exactly what a terminal fed each whole frame shows, cell by cell (text, width,
 * colours, attributes). Checked on a real terminal emulator (headless xterm).
 */
import unicode11 from '@xterm/addon-unicode11';
import xtermHeadless from '@xterm/headless';
import { describe, expect, test } from 'vitest';
import { seededRng, type Rng } from '../bench/rng.js';
import { Box, render, Text } from 'ink';
import { createElement as h } from 'react';
import { frameWriter } from '../src/ui/terminal/frame-writer.js';
import { cleanLine, parseLine, ScreenDiff } from '../src/ui/terminal/screen-diff.js';

type Term = InstanceType<typeof xtermHeadless.Terminal>;
const COLS = 40;
const ROWS = 8;

function terminal(): Term {
  const t = new xtermHeadless.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true, scrollback: 0 });
  t.loadAddon(new unicode11.Unicode11Addon());
  t.unicode.activeVersion = '11';
  return t;
}
const write = (t: Term, data: string) => new Promise<void>((done) => t.write(data, done));

/** Every cell as text + width + colours + attributes. */
function cells(t: Term): string[] {
  const buf = t.buffer.active;
  const out: string[] = [];
  for (let y = 0; y < ROWS; y++) {
    const line = buf.getLine(y)!;
    for (let x = 0; x < COLS; x++) {
      const c = line.getCell(x)!;
      const attrs = [c.isBold(), c.isDim(), c.isItalic(), c.isUnderline(), c.isInverse(), c.isStrikethrough()].map(Number).join('');
      out.push(`${y},${x}:${c.getChars() || ' '}/${c.getWidth()}/${c.getFgColorMode()}:${c.getFgColor()}/${c.getBgColorMode()}:${c.getBgColor()}/${attrs}`);
    }
  }
  return out;
}

/** The reference: clear the screen and write the frame whole. */
const wholeFrame = (lines: readonly string[]) => `\u001b[2J\u001b[H${lines.map((l) => `${l}\u001b[m`).join('\r\n')}`;

const STYLES = ['\u001b[1m', '\u001b[22m', '\u001b[7m', '\u001b[27m', '\u001b[36m', '\u001b[39m', '\u001b[4m', '\u001b[24m', '\u001b[m', '\u001b[90m', '\u001b[1;33m', '\u001b[38;5;208m', '\u001b[48;2;10;20;30m', '\u001b[49m', '\u001b[2m', '\u001b[3m'];
const PIECES = ['a', 'b', ' ', 'xyz', '   ', '            ', '中', '文字', '🚀', 'é', '│', '…', '●'];

/** A random frame line of at most COLS columns, built from pieces and style codes. */
function randomLine(rng: Rng): string {
  let line = '';
  let width = 0;
  const target = rng.int(COLS + 1);
  while (width < target) {
    if (rng.next() < 0.25) line += rng.pick(STYLES);
    const piece = rng.pick(PIECES);
    const w = [...piece].reduce((n, ch) => n + (/[中文字🚀]/u.test(ch) ? 2 : 1), 0);
    if (width + w > COLS) break;
    line += piece;
    width += w;
  }
  return line.replace(/ +$/, '');
}

/** The next frame: mostly the last one with a few lines changed a little, sometimes a new height. */
function nextFrame(rng: Rng, last: string[]): string[] {
  const height = rng.next() < 0.1 ? 1 + rng.int(ROWS) : last.length || ROWS;
  const frame = Array.from({ length: height }, (_, y) => last[y] ?? randomLine(rng));
  if (rng.next() < 0.3) {
    // A block of rows scrolls up or down, by a row or by half a pane, as a list does.
    const k = (1 + rng.int(rng.next() < 0.5 ? 3 : Math.max(1, height - 3))) * (rng.next() < 0.5 ? 1 : -1);
    const a = rng.int(height);
    const b = Math.min(height - 1, a + 2 + rng.int(height));
    const block = frame.slice(a, b + 1);
    for (let y = a; y <= b; y++) {
      const from = y - a + k;
      frame[y] = from >= 0 && from < block.length ? block[from]! : randomLine(rng);
    }
  }
  for (let k = rng.int(4); k >= 0; k--) {
    const y = rng.int(height);
    const old = frame[y]!;
    // Either a fresh line or the old one with a piece swapped somewhere in the middle.
    const points = [...old];
    const kept = points.slice(0, rng.int(points.length + 1)).join('').replace(/\u001b[^m]*$/, '');
    frame[y] = rng.next() < 0.5 ? randomLine(rng) : kept + [...randomLine(rng)].slice(0, 6).join('').replace(/\u001b[^m]*$/, '');
    if (parseLine(frame[y]!)!.chars.length > COLS) frame[y] = randomLine(rng);
  }
  return frame;
}

describe('ScreenDiff', () => {
  test('random frame sequences: the screen always equals the frame written whole', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rng = seededRng(seed);
      const diffed = terminal();
      const reference = terminal();
      const diff = new ScreenDiff();
      let frame: string[] = [];
      for (let step = 0; step < 40; step++) {
        frame = nextFrame(rng, frame);
        // Sometimes the same frame comes twice, the second time in other bytes for the same cells
        // (a reset at the end of every line).
        if (rng.next() < 0.3) await write(diffed, diff.frame(frame));
        await write(diffed, diff.frame(rng.next() < 0.3 ? frame.map((l) => `${l}\u001b[m`) : frame));
        await write(reference, wholeFrame(frame));
        expect(cells(diffed), `seed ${seed} step ${step}:\n${frame.join('\n')}`).toEqual(cells(reference));
      }
      diffed.dispose();
      reference.dispose();
    }
  });

  test('a block of rows that moved up or down is scrolled by the terminal, not sent again', () => {
    const diff = new ScreenDiff();
    const rows = Array.from({ length: 10 }, (_, i) => `row number ${i} with some text`);
    diff.frame(['header', ...rows.slice(0, 6), 'footer']);
    const down = diff.frame(['header', ...rows.slice(1, 7), 'footer']);
    // Rows 2-7 scroll up one; only the row that came in is written.
    expect(down).toBe('\u001b[2;7r\u001b[7H\u001bD\u001b[r\u001b[7Hrow number 6 with some text');
    const up = diff.frame(['header', ...rows.slice(0, 6), 'footer']);
    expect(up).toBe('\u001b[2;7r\u001b[2H\u001bM\u001b[r\u001b[2Hrow number 0 with some text');
  });

  test('a list that jumped by half its height is scrolled too: only the rows that came in are sent', () => {
    const diff = new ScreenDiff();
    const rows = Array.from({ length: 20 }, (_, i) => `row number ${i} with some text`);
    diff.frame(['header', ...rows.slice(0, 8), 'footer']);
    const down = diff.frame(['header', ...rows.slice(4, 12), 'footer']);
    expect(down).toBe(`\u001b[2;9r\u001b[9H${'\u001bD'.repeat(4)}\u001b[r\u001b[6H${rows.slice(8, 12).join('\r\n')}`);
    const up = diff.frame(['header', ...rows.slice(0, 8), 'footer']);
    expect(up).toBe(`\u001b[2;9r\u001b[2H${'\u001bM'.repeat(4)}\u001b[r\u001b[2H${rows.slice(0, 4).join('\r\n')}`);
  });

  test('writes nothing for an unchanged frame and only the changed cells otherwise', () => {
    const diff = new ScreenDiff();
    const a = ['\u001b[1m paperterm\u001b[22m  3 papers', ' one', '\u001b[7m> two\u001b[27m', ' three'];
    expect(diff.frame(a)).toContain('paperterm');
    expect(diff.frame(a)).toBe('');
    const b = ['\u001b[1m paperterm\u001b[22m  4 papers', ' one', '\u001b[7m> two\u001b[27m', ' three'];
    // Row 1, column 13 (1-based): only the digit.
    expect(diff.frame(b)).toBe('\u001b[1;13H4');
  });

  test('erases to the end of the line instead of writing blanks, and style codes only where the style changes', () => {
    const diff = new ScreenDiff();
    diff.frame(['a long line of text here']);
    // From column 8: column 7 was a blank and still is.
    expect(diff.frame(['a long'])).toBe('\u001b[1;8H\u001b[K');
    const styled = diff.frame(['\u001b[36mab\u001b[39m\u001b[36mcd\u001b[39m']);
    expect(styled.match(/\u001b\[36m/g)).toHaveLength(1);
  });

  test('after someone else wrote to the screen, rewrites every line whole; after a clear, only what is not blank', () => {
    const diff = new ScreenDiff();
    const frame = ['one', '', 'three'];
    diff.frame(frame);
    diff.reset('unknown');
    // From row to row by CR LF (2 bytes) rather than a position (4).
    expect(diff.frame(frame)).toBe('\u001b[1Hone\u001b[K\r\n\u001b[K\r\nthree\u001b[K');
    diff.reset('blank');
    expect(diff.frame(frame)).toBe('\u001b[1Hone\u001b[3Hthree');
  });

  test('after the terminal got shorter, nothing is drawn or erased below its last row (which would scroll or clear it)', () => {
    const diff = new ScreenDiff();
    diff.frame(Array.from({ length: 10 }, (_, i) => `row ${i}`));
    const bytes = diff.frame(['a', 'b', 'c', 'd'], 4);
    expect(bytes).not.toMatch(/\u001b\[(?:[5-9]|10)(?:;\d+)?H/);
    // Row 4 (the last) is reached from row 3, never left by a line feed.
    expect(bytes.split('\n').length - 1).toBeLessThanOrEqual(3);
  });

  test('only text and SGR styles reach the terminal: any other code or control byte in a frame is dropped', () => {
    const diff = new ScreenDiff();
    const hostile = 'a\u001b]0;PWNED\u0007b\u001b[41mc\u001b[2Jd\u0007e\bf\u001b[1;1Hg\u009b2Jh\u001b]8;;https://x.org\u0007i\u001b]8;;\u0007';
    expect(cleanLine(hostile)).toBe('ab\u001b[41mcdefgh' + 'i');
    const bytes = diff.frame([hostile]);
    expect(bytes).toBe('\u001b[1Hab\u001b[41mcdefghi\u001b[m');
    expect(bytes.replace(/\u001b\[[0-9;]*[mHK]/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    // A tab would move the cursor over cells the differ believes it wrote.
    expect(cleanLine('x\ty')).toBe('xy');
  });
});

describe('OSC 8 links in frames (the detail pane\'s numbered links)', () => {
  const open = (url: string) => `\u001b]8;id=pt1;${url}\u001b\\`;
  const close = '\u001b]8;;\u001b\\';

  test('a link is a property of its cells: opened before them, closed after, the same text drawn', async () => {
    const diff = new ScreenDiff();
    const line = `see ${open('https://x.org/a')}1 https://x.org/a${close} end`;
    expect(cleanLine(line)).toBe(line);
    const bytes = diff.frame([line]);
    expect(bytes).toBe(`\u001b[1Hsee ${open('https://x.org/a')}1 https://x.org/a${close} end`);
    const t = terminal();
    await write(t, bytes);
    // (xterm.js marks linked cells underlined: compare the characters.)
    expect(t.buffer.active.getLine(0)!.translateToString(true)).toBe('see 1 https://x.org/a end');
  });

  test('the same text with another link is redrawn; an unchanged frame sends nothing; the link never stays open', () => {
    const diff = new ScreenDiff();
    diff.frame([`${open('https://x.org/a')}1 link${close}`, 'row']);
    expect(diff.frame([`${open('https://x.org/a')}1 link${close}`, 'row'])).toBe('');
    const bytes = diff.frame([`${open('https://x.org/b')}1 link${close}`, 'row']);
    expect(bytes).toBe(`\u001b[1H${open('https://x.org/b')}1 link${close}`);
    // Styled link text: the link closes before the style resets at the end of the frame.
    const styled = new ScreenDiff().frame([`\u001b[4m${open('https://x.org/c')}go${close}\u001b[24m`]);
    expect(styled).toBe(`\u001b[1H${open('https://x.org/c')}\u001b[4mgo${close}\u001b[m`);
  });

  test('only the program\'s own form passes: BEL-terminated, spaced or control-laden links are dropped', () => {
    for (const bad of ['\u001b]8;;https://x.org\u0007', '\u001b]8;;https://x .org\u001b\\', '\u001b]8;;https://x.org/\u0007evil\u001b\\', '\u001b]8;foo=bar;https://x.org\u001b\\']) {
      expect(cleanLine(`a${bad}b`), JSON.stringify(bad)).not.toContain('\u001b]8');
    }
  });
});

describe('the frame writer under Ink', () => {
  /** A stand-in terminal stream whose bytes go to a headless xterm. */
  function screenStream() {
    const term = terminal();
    let pending = Promise.resolve();
    const stream = {
      columns: COLS,
      rows: ROWS,
      write(chunk: string) {
        pending = pending.then(() => write(term, chunk));
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    return { term, stream, settled: () => pending };
  }
  const text = (t: Term) => Array.from({ length: ROWS }, (_, y) => t.buffer.active.getLine(y)!.translateToString(true));

  test("Ink's frames (debug mode) reach the terminal through the differ: each change sends its cells only; repaint draws it all again", async () => {
    const { term, stream, settled } = screenStream();
    const writer = frameWriter(stream);
    const frame = (n: number) =>
      h(Box, { flexDirection: 'column', width: COLS, height: ROWS }, h(Text, { bold: true }, `header ${n}/9`), h(Text, null, `> row ${n}`), h(Text, null, 'footer'));
    const app = render(frame(1), { stdout: writer.sink as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false });
    await settled();
    expect(text(term).slice(0, 3)).toEqual(['header 1/9', '> row 1', 'footer']);
    const before = writer.bytesWritten;
    app.rerender(frame(2));
    await settled();
    expect(text(term).slice(0, 3)).toEqual(['header 2/9', '> row 2', 'footer']);
    // Two digits changed: two short writes, not the frame again.
    expect(writer.bytesWritten - before).toBeLessThan(40);
    await write(term, '\u001b[2J');
    writer.repaint();
    await settled();
    expect(text(term).slice(0, 3)).toEqual(['header 2/9', '> row 2', 'footer']);
    app.unmount();
    term.dispose();
  });
});
