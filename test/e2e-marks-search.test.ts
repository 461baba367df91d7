/**
 * Marks and search end to end: the real built binary in a real pty, its state in a temp dir.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import { runCli } from './helpers/cli.js';
import { type PtySession, SAMPLE_DATA, spawnPaperterm } from './helpers/pty.js';

const TIMEOUT = 30_000;
const { papers } = loadLibrary([SAMPLE_DATA]);
const N = papers.length;
const QWEN = 'Qwen2.5 Technical Report';

const sessions: PtySession[] = [];
const dirs: string[] = [];
function start(...args: Parameters<typeof spawnPaperterm>): PtySession {
  const t = spawnPaperterm(...args);
  sessions.push(t);
  return t;
}
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const t of sessions.splice(0)) t.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const header = (t: PtySession) => t.lines()[0] ?? '';
const footer = (t: PtySession) => t.lines()[t.term.rows - 1] ?? '';
const ready = (t: PtySession) => t.waitFor((s) => footer(s).includes('j/k move'), 15_000);

describe('marks survive a restart', () => {
  test(
    'mark a paper read and starred, quit, start again: the marks are there, and list --starred shows it',
    async () => {
      const state = tempDir('paperterm-e2e-state-');
      const first = start({ args: [SAMPLE_DATA], env: { PAPERTERM_STATE_DIR: state }, cols: 80, rows: 24 });
      await ready(first);
      first.press('j', 'space', 's');
      await first.waitFor((s) => header(s).includes(`${N - 1} unread · 1 starred`));
      expect(first.lines()[2]!.slice(0, 3)).toBe('> ★');
      first.press('q');
      expect((await first.exited(10_000)).exitCode).toBe(0);

      // --state-dir applies to the reader too (the child's own PAPERTERM_STATE_DIR points elsewhere).
      const second = start({ args: ['--state-dir', state, SAMPLE_DATA], cols: 80, rows: 24 });
      await ready(second);
      expect(header(second)).toContain(`${N - 1} unread · 1 starred`);
      expect(second.lines()[1]!.slice(0, 3)).toBe('>● ');
      expect(second.lines()[2]!.slice(0, 3)).toBe('  ★');
      second.press('q');
      await second.exited(10_000);

      const listed = runCli(['list', '--starred', SAMPLE_DATA], { env: { PAPERTERM_STATE_DIR: state } });
      expect(listed.code).toBe(0);
      // Marker column: read (no N), starred (*).
      // Then how many digests it was in, its newest full date (`?` when inferred from the file time).
      const p = papers[1]!;
      const day = `${p.days[0]}${p.dates[0]!.endsWith('?') ? '?' : ''}`;
      expect(listed.stdout).toBe(`${p.id}   *  ${p.sources.length}  ${day}  ${p.title}\n`);
    },
    TIMEOUT,
  );
});

describe('keys typed the moment the screen appears', () => {
  test(
    'are all applied in order, the plain ones before Ink has even loaded; q right away still saves the marks',
    async () => {
      const state = tempDir('paperterm-e2e-state-');
      const t = start({ args: [SAMPLE_DATA], env: { PAPERTERM_STATE_DIR: state }, cols: 80, rows: 24 });
      // No waiting for the key hints: the first screen is drawn before Ink (which reads keys) is loaded.
      await t.waitFor((s) => header(s).includes(`1/${N}`), 15_000);
      // Ctrl-L is not a plain key: it and what follows are left for Ink, in order.
      t.press('j', 'j', 's', 'ctrl+l', 'j', 's', 'k');
      await t.waitFor((s) => header(s).includes(`3/${N}`) && header(s).includes('2 starred'));
      expect(t.lines()[3]!.slice(0, 3)).toBe('>●★');
      expect(t.lines()[4]!.slice(0, 3)).toBe(' ●★');
      t.press('q');
      expect((await t.exited(10_000)).exitCode).toBe(0);

      const quick = start({ args: [SAMPLE_DATA], env: { PAPERTERM_STATE_DIR: state }, cols: 80, rows: 24 });
      await quick.waitFor((s) => header(s).includes(`1/${N}`), 15_000);
      quick.press('s', 'q');
      expect((await quick.exited(10_000)).exitCode).toBe(0);
      const listed = runCli(['list', '--starred', SAMPLE_DATA], { env: { PAPERTERM_STATE_DIR: state } });
      expect(listed.stdout.split('\n').filter(Boolean).map((l) => l.slice(0, 12))).toEqual([papers[0]!.id, papers[2]!.id, papers[3]!.id]);
    },
    TIMEOUT,
  );
});

describe('search', () => {
  test(
    '/qwen2.5 filters live with matches/total; Esc restores; Enter keeps it, highlighted; Esc in the list clears it',
    async () => {
      const t = start({ args: [SAMPLE_DATA], cols: 80, rows: 24 });
      await ready(t);
      t.press('j', 'j', 'j');
      await t.waitFor((s) => header(s).includes(`4/${N}`));
      await t.quiet(100);
      const before = t.text();

      t.press('/');
      t.write('qwen2.5');
      await t.waitFor((s) => header(s).includes(`/qwen2.5  2/${N} matches`) && s.lines()[1]!.includes(QWEN));
      expect(footer(t)).toMatch(/^\/qwen2\.5/);
      t.press('escape');
      await t.waitFor((s) => footer(s).includes('j/k move'));
      await t.quiet(100);
      expect(t.text()).toBe(before);

      t.press('/');
      t.write('qwen2.5');
      await t.waitFor((s) => s.lines()[1]!.includes(QWEN));
      t.press('enter');
      await t.waitFor((s) => footer(s).includes('j/k move'));
      expect(header(t)).toContain(`/qwen2.5  2/${N} matches`);
      expect(t.lines()[1]!.startsWith(`>●  ${QWEN}`)).toBe(true);
      // "Qwen2.5" is underlined on the selection bar; " Technical" after it is not.
      const q = t.lines()[1]!.indexOf('Qwen2.5');
      expect(t.cell(q, 1)?.isUnderline()).toBeTruthy();
      expect(t.cell(q + 6, 1)?.isUnderline()).toBeTruthy();
      expect(t.cell(q + 8, 1)?.isUnderline()).toBeFalsy();
      expect(t.cell(q + 8, 1)?.isInverse()).toBeTruthy();

      t.press('escape');
      await t.waitFor((s) => header(s).includes(`│ All papers ${N}`));
      expect(t.lines().find((l) => l.startsWith('>'))).toContain(QWEN.slice(0, 20));
      t.press('q');
      expect((await t.exited(10_000)).exitCode).toBe(0);
    },
    TIMEOUT,
  );

  test(
    '--query starts with the search applied; without a terminal it prints what `search` prints',
    async () => {
      const t = start({ args: ['--query', 'diffusion', SAMPLE_DATA], cols: 100, rows: 24 });
      await t.waitFor((s) => header(s).includes(`/diffusion  24/${N} matches`) && footer(s).includes('j/k move'), 15_000);
      expect(t.lines()[1]).toMatch(/^>● {2}Diffusion/);
      t.press('q');
      await t.exited(10_000);

      const piped = runCli(['--query', 'qwen2.5', SAMPLE_DATA]);
      const search = runCli(['search', 'qwen2.5', SAMPLE_DATA]);
      expect(piped.code).toBe(0);
      expect(piped.stdout).toBe(search.stdout);
      expect(piped.stdout.split('\n')[0]).toContain(QWEN);
      expect(runCli(['--query', 'zzzzqqq', SAMPLE_DATA]).code).toBe(1);
    },
    TIMEOUT,
  );
});

describe('problems shown on the screen', () => {
  test(
    'a digest that cannot be used is named in the status line instead of lost behind the screen',
    async () => {
      const dir = tempDir('paperterm-e2e-digests-');
      copyFileSync(join(SAMPLE_DATA, '000_f936f4210850de81.txt'), join(dir, 'a.txt'));
      writeFileSync(join(dir, 'b.txt'), '');
      const t = start({ args: [dir], cols: 100, rows: 24 });
      await t.waitFor((s) => /b\.txt: no paper entries found/.test(footer(s)), 15_000);
      expect(t.output).not.toContain('paperterm: ');
      t.press('j');
      await t.waitFor((s) => footer(s).includes('j/k move'));
      t.press('q');
      expect((await t.exited(10_000)).exitCode).toBe(0);
    },
    TIMEOUT,
  );
});
