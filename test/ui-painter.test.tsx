/**
 * The painter draws the screen the moment the session changes, and Ink draws it again a little
 * later: both must show exactly the same cells, or the screen would flicker between two pictures.
 */
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { ReaderApp } from '../src/ui/components/App.js';
import { afterNextFrame } from '../src/ui/frame-scheduler.js';
import { startPainter } from '../src/ui/painter.js';
import { ScreenRenderer } from '../src/ui/screen/compose.js';
import { parseLine } from '../src/ui/screen-diff.js';
import { fixedSize } from '../src/ui/size.js';
import { displayWidth } from '../src/ui/text.js';
import { makeTheme } from '../src/ui/theme.js';
import { tick } from './helpers/ink.js';
import { cleanupStores, MEASURE, testSession, turn } from './helpers/session.js';

afterEach(cleanupStores);

/** A line as the cells it puts on screen: grapheme and style per column, trailing blanks dropped. */
function cells(line: string): string {
  const p = parseLine(line);
  if (!p) throw new Error(`not a plain styled line: ${JSON.stringify(line)}`);
  return p.chars
    .slice(0, p.end)
    .map((c, i) => `${c}\u0000${p.styles[i]}`)
    .join('\u0001');
}

describe('the painter', () => {
  test('paints once per turn, after a burst of changes, the newest snapshot; nothing after it stops', async () => {
    const { session } = await testSession({ cols: 120, rows: 30 });
    const renderer = new ScreenRenderer(session, makeTheme(true));
    const painted: (readonly string[])[] = [];
    let after = 0;
    const { stop } = startPainter(session, renderer, (lines) => painted.push(lines), () => after++);
    session.keys(['j'], MEASURE);
    session.keys(['j'], MEASURE);
    session.keys(['s'], MEASURE);
    expect(painted).toHaveLength(0);
    await Promise.resolve();
    expect(painted).toHaveLength(1);
    expect(after).toBe(1);
    expect(painted[0]).toBe(renderer.lines(session.getSnapshot()));
    expect(painted[0]![0]).toContain(' 3/');
    stop();
    session.keys(['j'], MEASURE);
    await turn();
    expect(painted).toHaveLength(1);
  });

  test("a typed key is painted first, then its search's results, in the same turn (before Ink renders)", async () => {
    const frames = afterNextFrame();
    const { session } = await testSession({ cols: 120, rows: 30, schedule: frames.schedule });
    const renderer = new ScreenRenderer(session, makeTheme(false));
    const painted: string[][] = [];
    const { stop } = startPainter(session, renderer, (lines) => painted.push(lines.map((l) => stripVTControlCharacters(l))), frames.frameWritten);
    session.keys(['/', 'l', 'o', 'r'], MEASURE);
    await Promise.resolve();
    session.keys(['a'], MEASURE);
    painted.length = 0;
    await Promise.resolve();
    stop();
    // The search line shows the typed key at once, while the list is still the last search's...
    expect(painted).toHaveLength(2);
    expect(painted[0]!.at(-1)).toContain('/lora');
    // ...then the list of results for it: the screen as it is now.
    expect(painted[1]).toEqual(renderer.lines(session.getSnapshot()).map((l) => stripVTControlCharacters(l)));
    expect(painted[1]!.slice(1, -1)).not.toEqual(painted[0]!.slice(1, -1));
    expect(painted[1]![1]).toMatch(/lora/i);
  });

  // Sizes for both layouts and the too-small notice; keys through the list, the detail, the help,
  // marks, a search and its line, a confirmation and the views.
  const SIZES: [number, number][] = [
    [120, 40],
    [100, 12],
    [80, 24],
    [41, 10],
    [30, 8],
  ];
  const KEYS = ['j', 'j', 'G', 'k', 'space', 's', 'enter', 'j', 'j', 'escape', '?', 'j', '?', '/', 'm', 'o', 'd', 'e', 'l', 'enter', '2', 'A', 'n', 'd', '1', 'u', 'g'];

  test.each(SIZES)('at %i×%i Ink draws exactly the cells the painter draws, key after key', async (cols, rows) => {
    const { session } = await testSession({ cols, rows });
    const renderer = new ScreenRenderer(session, makeTheme(true));
    const painted: (readonly string[])[] = [];
    const { stop } = startPainter(session, renderer, (lines) => painted.push(lines), () => {});
    const ink = render(<ReaderApp session={session} renderer={renderer} size={fixedSize(cols, rows)} color />);
    try {
      await tick();
      for (const key of KEYS) {
        const raw = { escape: '\u001b', enter: '\r', space: ' ' }[key] ?? key;
        ink.stdin.write(raw);
        await tick();
        const screen = renderer.lines(session.getSnapshot());
        // (Below the minimum size keys change nothing, so nothing is painted: Ink's first frame stands.)
        if (painted.length > 0 || cols >= 40) expect(painted.at(-1), `after ${key}`).toBe(screen);
        expect(screen).toHaveLength(rows);
        for (const line of screen) expect(displayWidth(line.replace(/\u001b\[[0-9;]*m/g, ''))).toBeLessThanOrEqual(cols);
        const frame = (ink.lastFrame() ?? '').split('\n');
        expect(frame.map(cells), `after ${key} at ${cols}×${rows}`).toEqual(screen.map(cells));
      }
    } finally {
      stop();
      ink.unmount();
    }
  });
});
