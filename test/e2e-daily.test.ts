/**
 * The daily flow in the real binary, in a pty: papers new since the last open (marker and header
 * count, view 4), and a digest that lands in the opened directory while the reader runs.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import { pinnedSamples } from './helpers/digests.js';
import { spawnPaperterm, type PtySession } from './helpers/pty.js';

const TIMEOUT = 40_000;
const sessions: PtySession[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const footer = (t: PtySession) => t.lines().at(-1) ?? '';
const header = (t: PtySession) => t.lines()[0] ?? '';

describe('new papers and live digests in a pty', () => {
  test('new since the last open: marked and counted; a digest landing while the reader runs joins them in place; the next open, nothing is new', async () => {
    const pinned = pinnedSamples();
    dirs.push(pinned.dir);
    const dir = mkdtempSync(join(tmpdir(), 'paperterm-live-'));
    const state = mkdtempSync(join(tmpdir(), 'paperterm-state-'));
    dirs.push(dir, state);
    const name = (f: string) => join(dir, f.split('/').at(-1)!);
    for (const f of [pinned.files.mar17, pinned.files.mar14]) copyFileSync(f, name(f));
    const seenFirst = loadLibrary([dir]).papers;
    const env = { PAPERTERM_STATE_DIR: state };
    const open = async () => {
      const t = spawnPaperterm({ args: [dir], cols: 120, rows: 40, env });
      sessions.push(t);
      await t.waitFor((s) => footer(s).includes('quit'), 20_000);
      // New papers are worked out once the library is in, just after the first frame.
      await t.quiet(300);
      return t;
    };

    // The first open records the library: nothing is new.
    const first = await open();
    expect(header(first)).not.toMatch(/\d+ new/);
    first.press('q');
    expect((await first.exited()).exitCode).toBe(0);

    // A digest added while the reader was closed: its unseen papers are new, marked + and counted.
    copyFileSync(pinned.files.undated, name(pinned.files.undated));
    const fresh = loadLibrary([dir]).papers.filter((p) => !seenFirst.some((q) => q.id === p.id));
    expect(fresh.length).toBeGreaterThan(10);
    const t = await open();
    await t.waitFor((s) => header(s).includes(`${fresh.length} new`));
    const marked = t.lines().slice(1, 30).filter((l) => l[1] === '+').length;
    expect(marked).toBeGreaterThan(0);
    // Three rows down, judged by the screen itself: on a loaded machine the reader can go quiet
    // for a moment between two of the moves, so silence alone does not say they are all drawn.
    const cursorRow = (s: PtySession) => s.lines().findIndex((l) => l.startsWith('>'));
    const start = cursorRow(t);
    t.write('jjj');
    await t.waitFor((s) => cursorRow(s) === start + 3, 10_000);
    await t.quiet(300);
    const row = cursorRow(t);
    const selected = t.lines()[row]!;

    // One landing while it runs: merged in place, the footer says how many, they are new too.
    copyFileSync(pinned.files.mar18, join(dir, 'mar18.txt'));
    await t.waitFor((s) => /\d+ new papers \(Mar 18\)/.test(footer(s)), 15_000);
    const arrived = Number(/(\d+) new papers/.exec(footer(t))![1]);
    expect(arrived).toBeGreaterThan(10);
    expect(t.lines()[row]).toBe(selected);
    expect(header(t)).toContain(`${fresh.length + arrived} new`);
    t.press('4');
    await t.waitFor((s) => header(s).includes(`New papers ${fresh.length + arrived}`));
    t.press('q');
    expect((await t.exited()).exitCode).toBe(0);

    // Opened again: nothing is new (the arrived papers were recorded as seen too).
    const again = await open();
    expect(header(again)).not.toMatch(/\d+ new/);
    again.press('q');
    expect((await again.exited()).exitCode).toBe(0);
  }, TIMEOUT);
});
