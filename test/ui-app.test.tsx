import { render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { stripVTControlCharacters } from 'node:util';
import type { Paper } from '../src/core/types.js';
import type { MarkMap, Marks } from '../src/state/types.js';
import { TestReader as ReaderApp } from './helpers/reader.js';
import { BINDINGS, helpSections } from '../src/ui/reader/keymap.js';
import type { MarkStore } from '../src/ui/reader/session.js';
import { fixedSize } from '../src/ui/terminal/size.js';
import { displayWidth } from '../src/ui/terminal/text.js';
import { cleanupStores, sampleLibrary, tempStore, testSession } from './helpers/session.js';
import { mountedApps, press, tick } from './helpers/ink.js';

const { papers } = sampleLibrary();

const KEY = { down: '\u001b[B', up: '\u001b[A', enter: '\r', tab: '\t', escape: '\u001b', pagedown: '\u001b[6~', end: '\u001b[F', ctrlD: '\u0004' };

type Harness = ReturnType<typeof render> & { size: ReturnType<typeof fixedSize> };
const apps = mountedApps<Harness>();

async function mount(opts: { cols?: number; rows?: number; list?: readonly Paper[]; store?: MarkStore } = {}): Promise<Harness> {
  const cols = opts.cols ?? 80;
  const rows = opts.rows ?? 24;
  const size = fixedSize(cols, rows);
  const { session } = await testSession({ cols, rows, papers: opts.list, days: opts.list ? [{ day: '2025-03-18', label: 'Mar 18' }] : undefined, store: opts.store, engine: null });
  const h = Object.assign(render(<ReaderApp session={session} size={size} color={false} />), { size });
  return apps.track(h);
}

afterEach(() => {
  apps.unmountAll();
  cleanupStores();
});


/** The last frame as text (attributes stripped), one string a row. */
function lines(h: Harness): string[] {
  return stripVTControlCharacters(h.lastFrame() ?? '').split('\n');
}

/** The last frame's rows with their escape codes (colour is off in these tests; attributes stay). */
function rawLines(h: Harness): string[] {
  return (h.lastFrame() ?? '').split('\n');
}

/** The list row of the selected paper (the one with the ">" pointer). */
function selectedRow(h: Harness): string {
  return lines(h).find((l) => l.startsWith('>')) ?? '';
}

describe('the reader at 80×24 (stacked)', () => {
  test('first frame: counts, the first paper selected and its detail, key hints; exactly 24 rows', async () => {
    const h = await mount();
    const l = lines(h);
    expect(l).toHaveLength(24);
    expect(l[0]).toContain(`${papers.length} papers · ${papers.length} unread · 0 starred`);
    expect(l[0]).toContain('All papers');
    expect(l[0]).toMatch(new RegExp(`1/${papers.length}\\s*$`));
    expect(selectedRow(h)).toContain(papers[0]!.title.slice(0, 30));
    // The selection is drawn inverse even in monochrome, and only the selection.
    expect(rawLines(h)[1]).toContain('\u001b[7m');
    expect(rawLines(h).filter((l) => l.includes('\u001b[7m'))).toHaveLength(1);
    expect(lines(h).join('\n')).toContain(`Digest: ${papers[0]!.dates[0]}`);
    expect(l[23]).toContain('j/k move');
    expect(l[23]).toContain('? help');
    for (const line of l) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });

  test('j / ↓ move the selection and the detail follows; k / ↑ come back', async () => {
    const h = await mount();
    await press(h, 'j', KEY.down);
    expect(selectedRow(h)).toContain(papers[2]!.title.slice(0, 30));
    expect(lines(h)[0]).toContain(`3/${papers.length}`);
    const detail = lines(h).slice(10).join(' ');
    expect(detail).toContain(papers[2]!.abstract.split(' ').slice(0, 3).join(' '));
    await press(h, 'k', KEY.up);
    expect(selectedRow(h)).toContain(papers[0]!.title.slice(0, 30));
  });

  test('G / End reach the last paper and the list scrolls to show it; g returns', async () => {
    const h = await mount();
    await press(h, 'G');
    expect(selectedRow(h)).toContain(papers.at(-1)!.title.slice(0, 20));
    expect(lines(h)[0]).toContain(`${papers.length}/${papers.length}`);
    await press(h, 'g');
    expect(lines(h)[0]).toContain(`1/${papers.length}`);
    await press(h, KEY.end);
    expect(lines(h)[0]).toContain(`${papers.length}/${papers.length}`);
  });

  test('PgDn moves by a page of the list, Ctrl-d by half', async () => {
    const h = await mount();
    await press(h, KEY.pagedown);
    expect(lines(h)[0]).toContain(`9/${papers.length}`);
    await press(h, KEY.ctrlD);
    expect(lines(h)[0]).toContain(`13/${papers.length}`);
  });

  test('Enter focuses the detail: j scrolls the abstract, the selection stays; Esc goes back', async () => {
    const h = await mount();
    const before = lines(h).slice(10, 23);
    await press(h, KEY.enter);
    expect(lines(h)[23]).toContain('j/k scroll');
    expect(lines(h)[23]).toMatch(/1-13\/\d+\s*$/);
    await press(h, 'j', 'j');
    const after = lines(h).slice(10, 23);
    expect(after[0]).toBe(before[2]);
    expect(lines(h)[0]).toContain(`1/${papers.length}`);
    await press(h, KEY.escape);
    expect(lines(h)[23]).toContain('j/k move');
    await press(h, 'j');
    expect(lines(h)[0]).toContain(`2/${papers.length}`);
  });

  test('l, h and Tab switch panes too', async () => {
    const h = await mount();
    await press(h, 'l');
    expect(lines(h)[23]).toContain('scroll');
    await press(h, 'h');
    expect(lines(h)[23]).toContain('move');
    await press(h, KEY.tab);
    expect(lines(h)[23]).toContain('scroll');
    await press(h, KEY.tab);
    expect(lines(h)[23]).toContain('move');
  });

  test('keys typed faster than a frame (one read) all count', async () => {
    const h = await mount();
    await press(h, 'jjjj');
    expect(lines(h)[0]).toContain(`5/${papers.length}`);
  });
});

describe('help overlay', () => {
  test('? lists every documented key; ? or Esc closes it and nothing moved', async () => {
    const h = await mount({ cols: 120, rows: 50 });
    await press(h, 'j', '?');
    const frame = lines(h).join('\n');
    for (const b of BINDINGS.filter((x) => x.help)) expect(frame).toContain(b.help);
    expect(frame).toContain('Ctrl-d');
    expect(frame).toContain('PgDn');
    await press(h, 'j', '?');
    expect(lines(h).join('\n')).not.toContain('this help');
    expect(lines(h)[0]).toContain(`2/${papers.length}`);
    await press(h, '?', KEY.escape);
    expect(lines(h).join('\n')).not.toContain('this help');
  });

  test('on a short terminal it scrolls instead of being cut off', async () => {
    const h = await mount({ cols: 80, rows: 12 });
    await press(h, '?');
    expect(lines(h).join('\n')).toContain('more: j/↓');
    expect(lines(h)).toHaveLength(12);
    const last = helpSections().at(-1)!.entries.at(-1)!.help;
    expect(lines(h).join('\n')).not.toContain(last);
    await press(h, 'G');
    expect(lines(h).join('\n')).toContain(last);
    await press(h, 'q');
    expect(lines(h).join('\n')).not.toContain(last);
  });
});

describe('resizing', () => {
  test('at 100+ columns the panes sit side by side, below they stack; every frame fills the screen', async () => {
    const h = await mount();
    await press(h, 'j');
    h.size.resize(120, 30);
    await tick();
    let l = lines(h);
    expect(l).toHaveLength(30);
    const sepColumn = (row: string) => displayWidth(row.slice(0, row.indexOf('│')));
    expect(sepColumn(l[1]!)).toBe(53);
    for (const row of l.slice(1, 29)) expect(sepColumn(row), row).toBe(53);
    expect(selectedRow(h)).toContain(papers[1]!.title.slice(0, 20));
    h.size.resize(60, 20);
    await tick();
    l = lines(h);
    expect(l).toHaveLength(20);
    expect(l.some((row) => /^─+$/.test(row))).toBe(true);
    for (const row of l) expect(displayWidth(row)).toBeLessThanOrEqual(60);
  });

  test('very small: a calm notice, and everything is back when it grows', async () => {
    const h = await mount();
    await press(h, 'j', 'j');
    h.size.resize(20, 5);
    await tick();
    expect(lines(h).join('\n')).toContain('Terminal too small');
    expect(lines(h).length).toBeLessThanOrEqual(5);
    for (const row of lines(h)) expect(displayWidth(row)).toBeLessThanOrEqual(20);
    await press(h, 'j', 'G');
    h.size.resize(80, 24);
    await tick();
    expect(lines(h)[0]).toContain(`3/${papers.length}`);
  });

  test('every size from 20×5 to 140×50 renders a frame that fits the screen', async () => {
    for (const [cols, rows] of [[20, 5], [39, 9], [40, 10], [41, 11], [80, 24], [99, 30], [100, 30], [140, 50]] as const) {
      const h = await mount({ cols, rows });
      const l = lines(h);
      expect(l.length, `${cols}×${rows}`).toBeLessThanOrEqual(rows);
      for (const row of l) expect(displayWidth(row), `${cols}×${rows}`).toBeLessThanOrEqual(cols);
      h.unmount();
    }
  });
});

describe('wide characters and marks', () => {
  const base = papers[0]!;
  const wide: Paper[] = [
    { ...base, id: 'a', title: '深度学习模型的高效鲁棒化方法研究：一个非常长的中文标题用于测试截断' },
    { ...base, id: 'b', title: '🚀 Rocket-fast 👍🏽 emoji titles ❤️ with family 👨‍👩‍👧 sequences' },
    { ...base, id: 'c', title: 'Plain ASCII title for comparison' },
    { ...base, id: 'd', title: 'Ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ and ﾊﾝｶｸ half-width kana' },
  ];

  test('CJK and emoji titles keep every row the same width and the dates in one column', async () => {
    for (const cols of [80, 120]) {
      const h = await mount({ list: wide, cols, rows: 24 });
      const rows = lines(h).slice(1, 5);
      const widths = rows.map((r) => displayWidth(r.slice(0, r.indexOf(base.dates[0]!) + base.dates[0]!.length)));
      expect(new Set(widths).size, rows.join('\n')).toBe(1);
      h.unmount();
    }
  });

  test('unread and starred marks come from the state store, counts into the header', async () => {
    const { store } = await tempStore();
    store.set(['a'], 'read', true);
    store.set(['c'], 'starred', true);
    const h = await mount({ list: wide, store });
    const l = lines(h);
    expect(l[0]).toContain('4 papers · 3 unread · 1 starred');
    expect(l[1]!.slice(0, 3)).toBe('>  ');
    expect(l[2]!.slice(0, 3)).toBe(' ● ');
    expect(l[3]!.slice(0, 3)).toBe(' ●★');
  });
});

describe('scale', () => {
  test('with 100,000 papers a key only looks at the rows on screen', async () => {
    const many: Paper[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: String(i),
      title: `Paper number ${i}`,
      abstract: `Abstract of paper ${i}.`,
      dates: ['Mar 18'],
      days: ['2025-03-18'],
      sources: ['x'],
      links: [],
    }));
    // The marks as the store hands them over, counting how often the reader looks one up.
    let looked = 0;
    class CountingMarks extends Map<string, Marks> {
      override get(id: string) {
        looked++;
        return super.get(id);
      }
    }
    const marks: MarkMap = new CountingMarks();
    const store: MarkStore = { marks, saving: true, apply: () => ({ changed: [], undo: [], saved: true, marks }), refresh: () => marks, takeWarnings: () => [] };
    const h = await mount({ list: many, store });
    looked = 0;
    await press(h, 'G');
    expect(selectedRow(h)).toContain('Paper number 99999');
    expect(lines(h)[0]).toContain('100000/100000');
    // One render of the visible rows (8 here), not a pass over 100,000 papers.
    expect(looked).toBeLessThanOrEqual(2 * 8);
    looked = 0;
    await press(h, 'k');
    expect(selectedRow(h)).toContain('Paper number 99998');
    expect(looked).toBeLessThanOrEqual(2 * 8);
  });
});

describe('keys in one read, and pastes', () => {
  test('Esc followed by j in one read is Esc then j, in every pane', async () => {
    const h = await mount();
    // Detail: Esc goes back to the list, j moves.
    await press(h, KEY.enter, '\u001bj');
    expect(lines(h)[23]).toContain('j/k move');
    expect(lines(h)[0]).toContain(`2/${papers.length}`);
    // Help: Esc closes it, j moves.
    await press(h, '?', '\u001bj');
    expect(lines(h).join('\n')).not.toContain('this help');
    expect(lines(h)[0]).toContain(`3/${papers.length}`);
    // Search line: Esc clears it and goes back, j moves.
    await press(h, '/', 'zz', '\u001bj');
    expect(lines(h)[0]).not.toContain('/zz');
    expect(lines(h)[0]).toContain(`4/${papers.length}`);
    // List: j after Esc moves (and an arrow's own Esc is still an arrow).
    await press(h, `\u001bj${KEY.down}`);
    expect(lines(h)[0]).toContain(`6/${papers.length}`);
  });

  test('a paste into the search line is text: its line breaks do not press Enter', async () => {
    const h = await mount();
    await press(h, '/', '\u001b[200~vision\r\nlanguage\u001b[201~');
    // Still typing: the line is open with the whole paste on one line.
    expect(lines(h)[23]).toMatch(/^\/vision language /);
    expect(lines(h)[0]).toContain('/vision language');
  });

  test('a paste in the list runs no commands: a pasted "l" opens nothing, the text goes to the search line', async () => {
    const h = await mount();
    await press(h, '\u001b[200~lq\u001b[201~');
    expect(lines(h)[23]).toMatch(/^\/lq /);
    await press(h, KEY.escape);
    // Nothing was opened (and so marked read), and q did not quit.
    expect(lines(h)[0]).toContain(`${papers.length} unread`);
    expect(lines(h)[23]).toContain('j/k move');
  });
});

describe('untrusted text and narrow screens', () => {
  const hostile = (label: string): Paper[] =>
    [0, 1].map((i) => ({ id: `h${i}`, title: `Paper ${i}`, abstract: 'Text.', dates: [label], days: ['2025-03-18'], sources: ['x'], links: [] }));

  test('d on an undated digest whose file name holds escapes and a tab: shown as text on one header row', async () => {
    const label = 'evil\u001b]0;PWNED\u0007\u001b[2J\u001b[41mname\tX';
    const size = fixedSize(80, 24);
    const { session } = await testSession({ cols: 80, rows: 24, papers: hostile(label), days: [{ day: '2025-03-18', label }], engine: null });
    const h = apps.track(Object.assign(render(<ReaderApp session={session} size={size} color={false} />), { size }));
    await press(h, 'd');
    const frame = h.lastFrame() ?? '';
    // Nothing but SGR styles in the frame: no title change, no clear, no colour from the file name.
    expect(frame.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(frame).not.toContain('\u001b[41m');
    const l = lines(h);
    expect(l).toHaveLength(24);
    // The tab expanded in place, the OSC title and the clear gone whole.
    expect(l[0]).toMatch(/│ Digest evilname +X 2 /);
    expect(l[0]).toMatch(/1\/2\s*$/);
    expect(l[1]).toContain('Paper 0');
  });

  test('the footer keeps "q quit" and "? help" at 60×20 and 40×10', async () => {
    for (const [cols, rows] of [[60, 20], [40, 10]] as const) {
      const h = await mount({ cols, rows });
      const footer = lines(h)[rows - 1]!;
      expect(footer, `${cols}×${rows}`).toContain('? help');
      expect(footer, `${cols}×${rows}`).toContain('q quit');
      expect(displayWidth(footer)).toBeLessThanOrEqual(cols);
      h.unmount();
    }
  });

  test('at 80 columns every help row is shown whole', async () => {
    const h = await mount({ cols: 80, rows: 60 });
    await press(h, '?');
    const frame = lines(h).join('\n');
    for (const section of helpSections()) for (const e of section.entries) expect(frame, e.help).toContain(e.help);
    expect(frame).not.toContain('…');
  });
});
