/**
 * Days and unread papers in the real binary, in a pty: `[` `]` step through the digest days (the
 * header names the day, the date column shows that day), `n` jumps to the next unread paper and
 * wraps with a note in the footer. Two digests that both say "Mar 18", a year apart, are two days.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { pinnedSamples, yearsApart } from './helpers/digests.js';
import { footer, header } from './helpers/pty.js';
import { ptySessions } from './helpers/pty-sessions.js';

const TIMEOUT = 40_000;
const start = ptySessions();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The list rows on screen (side by side at 120 columns: the part left of the divider). */
const rows = (lines: string[], n: number) => lines.slice(1, 1 + n).map((l) => l.split('│')[0]!);

describe('days and unread papers in a pty', () => {
  test('[ and ] show one digest day with its own date; n jumps to the next unread paper and wraps with a note', async () => {
    const pinned = pinnedSamples();
    const state = mkdtempSync(join(tmpdir(), 'paperterm-state-'));
    dirs.push(pinned.dir, state);
    const t = start({ args: [pinned.dir], cols: 120, rows: 40, env: { PAPERTERM_STATE_DIR: state } });
    await t.waitFor((s) => footer(s).includes('quit'), 20_000);

    t.write(']');
    await t.waitFor((s) => header(s).includes('Digest Mar 18'));
    // Every row shows the day viewed, even a paper that also trended on a later day.
    for (const row of rows(t.lines(), 10)) expect(row.trimEnd().endsWith('Mar 18')).toBe(true);
    t.write('[');
    await t.waitFor((s) => header(s).includes('Digest Mar 17'));
    for (const row of rows(t.lines(), 10)) expect(row.trimEnd().endsWith('Mar 17')).toBe(true);

    // Back to all papers; n from the first (unread) paper goes to the next unread one.
    t.write('1');
    await t.waitFor((s) => header(s).includes('All papers') && header(s).includes('1/428'));
    t.write('n');
    await t.waitFor((s) => header(s).includes('2/428'));
    // From the last paper, n wraps to the first unread one and says so.
    t.write('G');
    await t.waitFor((s) => header(s).includes('428/428'));
    t.write('n');
    await t.waitFor((s) => header(s).includes('1/428') && /wrapped/i.test(footer(s)));
    t.press('q');
    expect((await t.exited()).exitCode).toBe(0);
  }, TIMEOUT);

  test('two digests dated "Mar 18" a year apart are two days, each named with its year', async () => {
    const dir = yearsApart();
    const state = mkdtempSync(join(tmpdir(), 'paperterm-state-'));
    dirs.push(dir, state);
    const t = start({ args: [dir], cols: 120, rows: 20, env: { PAPERTERM_STATE_DIR: state } });
    await t.waitFor((s) => footer(s).includes('quit'), 20_000);
    t.write(']');
    await t.waitFor((s) => header(s).includes('Digest Mar 20 2'));
    t.write('[');
    await t.waitFor((s) => header(s).includes('Digest Mar 18 2026 3'));
    for (const row of rows(t.lines(), 3)) expect(row.trimEnd().endsWith('Mar 18 2026')).toBe(true);
    t.write('[');
    await t.waitFor((s) => header(s).includes('Digest Mar 18 2025 2'));
    expect(rows(t.lines(), 2).map((r) => r.trimEnd().endsWith('Mar 18 2025'))).toEqual([true, true]);
    t.write('[');
    await t.waitFor((s) => header(s).includes('Digest Mar 17 1'));
    t.press('q');
    expect((await t.exited()).exitCode).toBe(0);
  }, TIMEOUT);
});
