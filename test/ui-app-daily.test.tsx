/**
 * The reader on screen (ink-testing-library, the real App, the real samples) for issues 13 and 14:
 * numbered links and the copy / open keys carried out, new papers (marker, count, view 4), similar
 * papers under their header, a digest arriving while the reader runs.
 */
import { rmSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { loadLibrary, readDigestFile } from '../src/core/load.js';
import { isLinkEffect, performLinkEffect } from '../src/ui/app/link-effects.js';
import type { Effect, ReaderSession } from '../src/ui/reader/session.js';
import { digestDays } from '../src/ui/reader/views.js';
import { fixedSize } from '../src/ui/terminal/size.js';
import { pinnedSamples } from './helpers/digests.js';
import { mountedApps, press, tick } from './helpers/ink.js';
import { TestReader } from './helpers/reader.js';
import { cleanupStores, sampleLibrary, testSession, type TestSessionOptions } from './helpers/session.js';

const { papers, dates } = sampleLibrary();
const ESC = '\u001b';
const KEY = { escape: ESC, tab: '\t' };

type Harness = ReturnType<typeof render> & { session: ReaderSession; written: string[] };
const apps = mountedApps<Harness>();

afterEach(() => {
  apps.unmountAll();
  cleanupStores();
});

/** The app at 120×40 (side by side), link Effects carried out as the app does, into `written`. */
async function mount(o: TestSessionOptions & { env?: NodeJS.ProcessEnv; hyperlinks?: boolean } = {}): Promise<Harness> {
  const { session } = await testSession({ cols: 120, rows: 40, ...o });
  const written: string[] = [];
  const env = o.env ?? { TERM: 'xterm-256color' };
  const effects = (effect: Effect) => {
    if (isLinkEffect(effect)) void performLinkEffect(effect, { write: (b) => written.push(b), notify: (t, w) => session.notify(t, w), env, open: { platform: 'linux' } });
  };
  const h = render(<TestReader session={session} size={fixedSize(120, 40)} color={false} effects={effects} hyperlinks={o.hyperlinks ?? false} />);
  return apps.track(Object.assign(h, { session, written }));
}

const lines = (h: Harness) => stripVTControlCharacters(h.lastFrame() ?? '').split('\n');
const screen = (h: Harness) => lines(h).join('\n');
// One read holding n keys, as a fast typist over SSH sends them: the decoder splits it.
const down = (n: number) => ['j'.repeat(n)];

describe('links in the detail, and the keys that take them away', () => {
  const two = papers.findIndex((p) => p.links.length === 2);

  test('the detail numbers the links as o 1–9 chooses them', async () => {
    const h = await mount();
    await press(h, ...down(two));
    const p = papers[two]!;
    expect(screen(h)).toContain(`1 ${p.links[0]!.slice(0, 40)}`);
    expect(screen(h)).toContain(`2 ${p.links[1]!.slice(0, 40)}`);
  });

  test('with hyperlinks on, each numbered link is an OSC 8 link to its URL; off, plain text', async () => {
    const p = papers[two]!;
    const on = await mount({ hyperlinks: true });
    await press(on, ...down(two));
    for (const [i, url] of p.links.entries()) {
      expect(on.lastFrame()).toMatch(new RegExp(`\u001b\\]8;id=pt[0-9a-z]+;${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\u001b\\\\${i + 1} `));
    }
    const off = await mount();
    await press(off, ...down(two));
    expect(off.lastFrame()).not.toContain('\u001b]8;');
    expect(screen(off)).toContain(`2 ${p.links[1]!.slice(0, 40)}`);
  });

  test('y writes OSC 52 of the first link and the footer confirms; inside tmux wrapped for it', async () => {
    const h = await mount();
    await press(h, ...down(two), 'y');
    const url = papers[two]!.links[0]!;
    expect(h.written).toEqual([`${ESC}]52;c;${Buffer.from(url).toString('base64')}\u0007`]);
    expect(lines(h).at(-1)).toContain(`copied ${url.slice(0, 40)}`);
    const t = await mount({ env: { TMUX: '/tmp/tmux-1000/default,1,0' } });
    await press(t, ...down(two), 'Y');
    expect(t.written[0]!.startsWith(`${ESC}Ptmux;${ESC}${ESC}]52;c;`)).toBe(true);
    expect(t.written[0]!.endsWith(`\u0007${ESC}\\`)).toBe(true);
    expect(lines(t).at(-1)).toContain('copied a Markdown link');
  });

  test('o then 2 over SSH: the footer asks, then says the second link was copied instead', async () => {
    const h = await mount({ env: { SSH_CONNECTION: '10.0.0.1 5 10.0.0.2 22' } });
    await press(h, ...down(two), 'o');
    expect(lines(h).at(-1)).toContain('Open which link? 1–2');
    await press(h, '2');
    await tick();
    expect(h.written).toEqual([`${ESC}]52;c;${Buffer.from(papers[two]!.links[1]!).toString('base64')}\u0007`]);
    expect(lines(h).at(-1)).toContain('remote session: link copied instead');
  });
});

describe('new papers', () => {
  const fresh = papers.filter((p) => p.dates.length === 1 && p.dates[0] === dates[0]);
  const newIds = new Set(fresh.map((p) => p.id));

  test("the header counts them, their rows carry '+', 4 lists them under 'New papers'", async () => {
    const h = await mount({ newIds });
    expect(lines(h)[0]).toContain(`${papers.length} papers · ${fresh.length} new · ${papers.length} unread`);
    const rows = lines(h).slice(1, 39);
    const second = rows.find((r) => r.includes(papers[1]!.title.slice(0, 30)))!;
    // The new mark is in the unread dot's column, so the selected row keeps it beside its `>`.
    expect(second.slice(0, 2)).toBe(newIds.has(papers[1]!.id) ? ' +' : ' ●');
    const first = rows.find((r) => r.includes(papers[0]!.title.slice(0, 30)))!;
    expect(first.slice(0, 2)).toBe(newIds.has(papers[0]!.id) ? '>+' : '>●');
    const old = papers.findIndex((p) => !newIds.has(p.id));
    await press(h, '4');
    expect(lines(h)[0]).toContain(`New papers ${fresh.length}`);
    expect(screen(h)).not.toContain(papers[old]!.title.slice(0, 30));
  });
});

describe('similar papers', () => {
  test("r: 'Similar to “…”' in the header, BEV papers listed; Esc: the list as it was", async () => {
    const at = papers.findIndex((p) => p.title.startsWith('MetaBEV'));
    const h = await mount();
    await press(h, ...down(at));
    const before = lines(h)[0];
    await press(h, 'r');
    // The index is built on the first r, off the key path: wait for the frame that lists its answer.
    for (let i = 0; i < 300 && screen(h).includes('Finding similar papers'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(lines(h)[0]).toContain('Similar to “MetaBEV');
    expect(lines(h).slice(1, 6).join('\n')).toMatch(/BEV|3D/);
    await press(h, KEY.escape);
    expect(lines(h)[0]).toBe(before);
  });
});

describe('a digest arriving while the reader runs', () => {
  const pinned = pinnedSamples();
  afterAll(() => rmSync(pinned.dir, { recursive: true, force: true }));

  test('the footer says how many new papers came, the header counts them, the selected row stays put', async () => {
    const older = loadLibrary([pinned.files.mar17, pinned.files.mar14, pinned.files.undated]);
    const h = await mount({ papers: older.papers, days: digestDays(older.digests) });
    await press(h, ...down(5));
    const row = lines(h).findIndex((l) => l.startsWith('>'));
    const merge = h.session.digestsArrived([readDigestFile(pinned.files.mar18)]);
    await tick();
    expect(lines(h).at(-1)).toContain(`${merge.added.length} new papers (Mar 18)`);
    expect(lines(h)[0]).toContain(`${merge.added.length} new`);
    expect(lines(h).findIndex((l) => l.startsWith('>'))).toBe(row);
  });
});

describe('search highlights in the detail abstract', () => {
  /** The detail pane's rows below its title and digest lines (the pane right of the │ at 120 columns), raw. */
  function abstractRows(h: Harness): string[] {
    const rows = (h.lastFrame() ?? '').split('\n').slice(1, -1).map((r) => r.slice(r.indexOf('│') + 1));
    const meta = rows.findIndex((r) => /Digests? /.test(stripVTControlCharacters(r)));
    return rows.slice(meta + 1);
  }
  const bold = /\u001b\[1m[^\u001b]*[Dd]iffusion/;

  test('abs:diffusion: the words matched in the abstract are drawn as matches (bold without colour)', async () => {
    const h = await mount();
    await press(h, '/', 'abs:diffusion', '\r');
    for (let i = 0; i < 50 && !h.session.getSnapshot().query; i++) await tick();
    await tick();
    expect(abstractRows(h).some((r) => bold.test(r))).toBe(true);
    await press(h, KEY.escape);
    expect(abstractRows(h).some((r) => bold.test(r))).toBe(false);
  });
});
