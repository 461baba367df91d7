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
  test('a digest copied into the opened directory is merged while the reader runs, the selection stays; opened again, nothing is new (arrivals were recorded as seen)', async () => {
    const pinned = pinnedSamples();
    dirs.push(pinned.dir);
    const dir = mkdtempSync(join(tmpdir(), 'paperterm-live-'));
    const state = mkdtempSync(join(tmpdir(), 'paperterm-state-'));
    dirs.push(dir, state);
    for (const f of [pinned.files.mar17, pinned.files.mar14]) copyFileSync(f, join(dir, f.split('/').at(-1)!));
    const before = loadLibrary([dir]).papers;
    const env = { PAPERTERM_STATE_DIR: state };

    const t = spawnPaperterm({ args: [dir], cols: 120, rows: 40, env });
    sessions.push(t);
    await t.waitFor((s) => footer(s).includes('quit'), 20_000);
    // The first open: every paper is new.
    await t.waitFor((s) => header(s).includes(`${before.length} new`));
    t.write('jjj');
    await t.waitFor((s) => s.lines().some((l) => l.startsWith('>') && !l.includes(before[0]!.title.slice(0, 20))));
    await t.quiet(300);
    const selected = t.lines().find((l) => l.startsWith('>'))!;
    const row = t.lines().indexOf(selected);
    copyFileSync(pinned.files.mar18, join(dir, 'mar18.txt'));
    await t.waitFor((s) => /\d+ new papers \(Mar 18\)/.test(footer(s)), 15_000);
    const arrived = Number(/(\d+) new papers/.exec(footer(t))![1]);
    expect(arrived).toBeGreaterThan(10);
    // Nothing moved under the cursor.
    expect(t.lines()[row]).toBe(selected);
    expect(header(t)).toContain(`${before.length + arrived} papers`);
    t.press('q');
    expect((await t.exited()).exitCode).toBe(0);

    // Opened again: nothing is new (every paper was seen, the arrived ones too).
    const again = spawnPaperterm({ args: [dir], cols: 120, rows: 40, env });
    sessions.push(again);
    await again.waitFor((s) => footer(s).includes('quit'), 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(header(again)).not.toMatch(/\d+ new/);
    again.press('4');
    await again.waitFor((s) => header(s).includes('New papers 0'));
    again.press('q');
    expect((await again.exited()).exitCode).toBe(0);
  }, TIMEOUT);
});
