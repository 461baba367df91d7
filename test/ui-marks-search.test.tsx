/**
 * Marks, views and search as they look on screen: the Ink app driven by real keys through
 * ink-testing-library, over the real sample digests, with a real state store in a temp dir.
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { stripVTControlCharacters } from 'node:util';
import { openStateStore } from '../src/state/index.js';
import { TestReader as ReaderApp } from './helpers/reader.js';
import type { ReaderSession } from '../src/ui/reader/session.js';
import { fixedSize } from '../src/ui/terminal/size.js';
import { makeTempDir, unwritableDir } from './state-helpers.js';
import { cleanupStores, sampleLibrary, testSession, type TestSessionOptions } from './helpers/session.js';
import { mountedApps, press, tick } from './helpers/ink.js';

const { papers } = sampleLibrary();
const N = papers.length;
const QWEN = 'Qwen2.5 Technical Report';

const ESC = '\u001b';

/** The texts drawn bold in a row of the frame. */
function bold(row: string): string[] {
  return [...row.matchAll(/\u001b\[1m(.*?)\u001b\[22m/g)].map((m) => stripVTControlCharacters(m[1]!));
}
const BOLD = '\u001b[1m';
const UNDERLINE = '\u001b[4m';

type Harness = ReturnType<typeof render> & { session: ReaderSession };
const apps = mountedApps<Harness>();

async function mount(o: TestSessionOptions & { color?: boolean } = {}): Promise<Harness> {
  const { session } = await testSession({ cols: 100, rows: 24, ...o });
  const h = Object.assign(render(<ReaderApp session={session} size={fixedSize(100, 24)} color={o.color ?? false} />), { session });
  return apps.track(h);
}

afterEach(() => {
  apps.unmountAll();
  cleanupStores();
});


const raw = (h: Harness) => (h.lastFrame() ?? '').split('\n');
const lines = (h: Harness) => raw(h).map((l) => stripVTControlCharacters(l));
const header = (h: Harness) => lines(h)[0]!;
const footer = (h: Harness) => lines(h).at(-1)!;
/** List rows (the left pane at 100 columns), plain text and with their escape codes. */
const rows = (h: Harness) => lines(h).slice(1, -1).map((l) => l.slice(0, l.indexOf('│')));
const rawRows = (h: Harness) => raw(h).slice(1, -1).map((l) => l.slice(0, l.indexOf('│')));

describe('marks on screen', () => {
  test('unread rows carry ● and a bold title; Space makes the row plain, s adds ★, counts follow', async () => {
    const h = await mount();
    expect(rows(h)[1]!.startsWith(' ● ')).toBe(true);
    expect(rawRows(h)[1]).toContain(BOLD);
    await press(h, 'j', ' ', 's');
    expect(rows(h)[1]!.slice(0, 3)).toBe('> ★');
    expect(header(h)).toContain(`${N} papers · ${N - 1} unread · 1 starred`);
    await press(h, 'j');
    // The row left behind is read: no marker and no bold anywhere in it.
    expect(rows(h)[1]!.slice(0, 3)).toBe('  ★');
    expect(rawRows(h)[1]).not.toContain(BOLD);
    expect(rawRows(h)[2]).toContain(BOLD);
  });

  test('Enter opens and marks read; A asks in the footer, y marks all; u undoes each step', async () => {
    const h = await mount();
    await press(h, '\r');
    expect(header(h)).toContain(`${N - 1} unread`);
    await press(h, ESC, 'A');
    expect(footer(h)).toContain(`Mark ${N - 1} papers read? y/n`);
    await press(h, 'x');
    expect(footer(h)).toContain('Nothing marked');
    expect(header(h)).toContain(`${N - 1} unread`);
    await press(h, 'A', 'y');
    expect(header(h)).toContain('· 0 unread');
    expect(footer(h)).toContain(`Marked ${N - 1} papers read · u undoes`);
    await press(h, 'u');
    expect(header(h)).toContain(`${N - 1} unread`);
    expect(footer(h)).toContain(`Undone: marked ${N - 1} papers read`);
    await press(h, 'u');
    expect(header(h)).toContain(`${N} unread`);
  });

  test('the views: header names the view and its count; a paper read in Unread stays until 2 again', async () => {
    const h = await mount();
    await press(h, '2');
    expect(header(h)).toContain(`│ Unread ${N}`);
    await press(h, ' ');
    expect(rows(h)[0]).toContain(papers[0]!.title.slice(0, 20));
    expect(header(h)).toContain(`│ Unread ${N}`);
    await press(h, '2');
    expect(header(h)).toContain(`│ Unread ${N - 1}`);
    expect(rows(h)[0]).toContain(papers[1]!.title.slice(0, 20));
    await press(h, '3');
    expect(header(h)).toContain('│ Starred 0');
    expect(lines(h).join('\n')).toContain('No papers here.');
    await press(h, 'd');
    expect(header(h)).toContain('│ Digest Mar 18 106');
  });

  test('under NO_COLOR the star and the unread marker still read, and only by shape and weight', async () => {
    const h = await mount({ color: false });
    await press(h, 's', 'j');
    expect(raw(h).join('\n')).not.toMatch(/\u001b\[(3\d|9\d)m/);
    expect(rows(h)[0]!.slice(0, 3)).toBe(' ●★');
  });

  test('store problems: a warning in the status line and "marks not saved" in the header', async () => {
    const { dir: parent } = makeTempDir();
    const store = await openStateStore({ dir: unwritableDir(parent).dir });
    const h = await mount({ store });
    expect(footer(h)).toMatch(/^ cannot (use|save)/);
    expect(header(h)).toContain('marks not saved');
    await press(h, ' ');
    expect(header(h)).toContain(`${N - 1} unread`);
  });
});

describe('search on screen', () => {
  test('/qwen2.5: the line in the footer, Qwen2.5 first with matches/total; Esc puts everything back', async () => {
    const h = await mount();
    await press(h, 'j', 'j', 'j');
    const before = lines(h);
    await press(h, '/');
    expect(footer(h)).toMatch(/^\/ /);
    await press(h, 'qwen2.5');
    expect(footer(h)).toMatch(/^\/qwen2\.5 /);
    expect(rows(h)[0]).toContain(`>●  ${QWEN}`);
    expect(header(h)).toContain('/qwen2.5  2/428 matches');
    expect(header(h)).toMatch(/ 1\/2\s*$/);
    await press(h, ESC);
    expect(lines(h)).toEqual(before);
  });

  test('Enter keeps the search; / edits it again; Esc there clears it, back on the paper selected before', async () => {
    const h = await mount();
    await press(h, '/', 'qwen2.5', '\r');
    expect(footer(h)).toContain('j/k move');
    expect(header(h)).toContain('/qwen2.5  2/428 matches');
    await press(h, 'j', '/');
    expect(footer(h)).toMatch(/^\/qwen2\.5 /);
    await press(h, '\u007f', '\u007f', '\u007f');
    expect(header(h)).toContain('/qwen  ');
    await press(h, ESC);
    expect(header(h)).toContain('│ All papers 428');
    expect(lines(h).find((l) => l.startsWith('>'))).toContain('EfficientLLM');
  });

  test('without colour, matched characters are bold (nothing underlined) in the list and in the detail title', async () => {
    const h = await mount();
    await press(h, '/', 'qwen2.5', '\r');
    const detailTitle = raw(h).find((l) => stripVTControlCharacters(l).includes(`│ ${QWEN}`))!;
    // The title is bold, but while it holds matches only the matched characters are.
    expect(bold(detailTitle.slice(detailTitle.indexOf('│')))).toEqual(['Qwen2.5']);
    await press(h, 'j');
    // Off the selection bar too (an unread, so otherwise bold, title): "Qwen2.5" bold, the rest not.
    expect(bold(rawRows(h)[0]!)).toEqual(['Qwen2.5']);
    expect(raw(h).join('\n')).not.toContain(UNDERLINE);
  });

  test('no key is lost when they come faster than frames: one burst, or several writes in one turn', async () => {
    const h = await mount();
    await press(h, '/');
    h.stdin.write('qw');
    h.stdin.write('en');
    h.stdin.write(`2.x${ESC}[D${ESC}[C\u007f5`);
    await tick();
    expect(footer(h)).toMatch(/^\/qwen2\.5 /);
    expect(rows(h)[0]).toContain(QWEN);
  });

  test('no match: says so; the view and the search combine in the header', async () => {
    const h = await mount();
    await press(h, '/', 'zzzzqqq');
    expect(lines(h).join('\n')).toContain('No matches.');
    expect(header(h)).toContain('0/428 matches');
    await press(h, '\u0015', 'diffusion', '\r', '2');
    expect(header(h)).toContain('│ Unread  /diffusion  24/428 matches');
  });

  test('while the index is being built the search line works and the header says so', async () => {
    const h = await mount({ engine: null });
    await press(h, '/', 'qwen2.5');
    expect(footer(h)).toMatch(/^\/qwen2\.5 /);
    expect(header(h)).toContain('/qwen2.5  indexing…');
    await h.session.buildIndex();
    await tick();
    expect(rows(h)[0]).toContain(QWEN);
  });
});
