import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paperId } from '../src/core/library.js';
import { makeTempDir, unwritableDir } from './state-helpers.js';

const BIN = resolve('bin/paperterm.js');

let tmp: ReturnType<typeof makeTempDir>;
let stateDir: string;
beforeEach(() => {
  tmp = makeTempDir('paperterm-cli-');
  stateDir = join(tmp.dir, 'state');
});
afterEach(() => tmp.cleanup());

/** The real binary; HOME and XDG_CONFIG_HOME point into the temp dir so ~/.config is never touched. */
function run(args: string[], extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: join(tmp.dir, 'home'), XDG_CONFIG_HOME: join(tmp.dir, 'xdg'), ...extraEnv };
  if (!('PAPERTERM_STATE_DIR' in extraEnv)) delete env.PAPERTERM_STATE_DIR;
  delete env.PAPERTERM_DIGESTS;
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface JsonPaper {
  id: string;
  title: string;
  read: boolean;
  starred: boolean;
}
function listJson(...args: string[]): JsonPaper[] {
  const r = run(['list', '--json', ...args]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as JsonPaper[];
}
const lineCount = (text: string) => text.split('\n').filter(Boolean).length;

describe('read / unread / star / unstar and list marks (real binary, real sample digests)', () => {
  it('persists marks between runs and filters list by them', () => {
    const all = listJson('--state-dir', stateDir);
    expect(all.every((p) => p.read === false && p.starred === false)).toBe(true);
    const [p1, p2, p3] = all;

    const marked = run(['read', p1!.id, p2!.id.slice(0, 7), '--state-dir', stateDir]);
    expect(marked).toMatchObject({ code: 0, err: '' });
    expect(marked.out).toBe(`marked read: ${p1!.id}  ${p1!.title}\nmarked read: ${p2!.id}  ${p2!.title}\n`);
    expect(run(['star', p3!.id, '--state-dir', stateDir]).out).toBe(`starred: ${p3!.id}  ${p3!.title}\n`);
    expect(run(['star', p3!.id, '--state-dir', stateDir]).out).toBe(`already starred: ${p3!.id}  ${p3!.title}\n`);

    const after = listJson('--state-dir', stateDir);
    expect(after.filter((p) => p.read).map((p) => p.id)).toEqual([p1!.id, p2!.id]);
    expect(after.filter((p) => p.starred).map((p) => p.id)).toEqual([p3!.id]);
    expect(lineCount(run(['list', '--unread', '--state-dir', stateDir]).out)).toBe(all.length - 2);
    expect(run(['list', '--starred', '--state-dir', stateDir]).out).toMatch(new RegExp(`^${p3!.id}  N\\*  \\S.*${escape(p3!.title)}\\n$`));
    expect(listJson('--unread', '--starred', '--state-dir', stateDir).map((p) => p.id)).toEqual([p3!.id]);

    const plain = run(['list', '--state-dir', stateDir]).out.split('\n');
    expect(plain[0]!.startsWith(`${p1!.id}      `)).toBe(true); // read, not starred: blank marker column
    expect(plain[3]!.startsWith(`${all[3]!.id}  N   `)).toBe(true);

    expect(run(['unread', p1!.id, '--state-dir', stateDir]).out).toBe(`marked unread: ${p1!.id}  ${p1!.title}\n`);
    expect(run(['unstar', p3!.id, '--state-dir', stateDir]).out).toBe(`unstarred: ${p3!.id}  ${p3!.title}\n`);
    expect(lineCount(run(['list', '--unread', '--state-dir', stateDir]).out)).toBe(all.length - 1);
    expect(run(['list', '--starred', '--state-dir', stateDir]).out).toBe('');
  }, 30_000);

  it('changes nothing and exits 2 when any id is unknown, not an id, or ambiguous', () => {
    const [p1] = listJson('--state-dir', stateDir);
    run(['read', p1!.id, '--state-dir', stateDir]);
    const before = readFileSync(join(stateDir, 'state.json'));

    const unknown = run(['star', p1!.id, 'ffff0000ffff', '--state-dir', stateDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toBe('');
    expect(unknown.err).toBe("paperterm: no paper with id 'ffff0000ffff'; nothing changed\n");

    const path = run(['unread', p1!.id, 'sample-data/000_f936f4210850de81.txt', '--state-dir', stateDir]);
    expect(path.code).toBe(2);
    expect(path.err).toMatch(/^paperterm: 'sample-data\/000_f936f4210850de81\.txt' is not a paper id \(to load digests from it, use --digests .*\); nothing changed\n$/);

    expect(run(['read', 'abc', '--state-dir', stateDir]).err).toMatch(/too short/);
    expect(run(['read', '--state-dir', stateDir])).toMatchObject({ code: 2, err: expect.stringMatching(/^paperterm: read needs at least one paper id/) });
    expect(readFileSync(join(stateDir, 'state.json')).equals(before)).toBe(true);
  }, 30_000);

  it('validates ids against digests given with --digests, including ambiguous prefixes', () => {
    // Two titles whose ids share their first four hex digits.
    const seen = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const title = `A Study of Prefix Collisions, Part ${i}`;
      const prefix = paperId(title).slice(0, 4);
      const other = seen.get(prefix);
      if (other) pair = [other, title];
      else seen.set(prefix, title);
    }
    const abstract = 'We describe an experiment. '.repeat(15).trim();
    const digest = join(tmp.dir, 'mine.txt');
    writeFileSync(digest, `Mar 20\n\n${pair[0]}\n\n${abstract}\n\n${pair[1]}\n\n${abstract}\n`);
    const [a, b] = pair.map(paperId) as [string, string];

    const ambiguous = run(['read', a.slice(0, 4), '--digests', digest, '--state-dir', stateDir]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toBe(`paperterm: id '${a.slice(0, 4)}' matches 2 papers (give more digits); nothing changed\n`);
    expect(existsSync(join(stateDir, 'state.json'))).toBe(false);

    const ok = run(['read', a, b, '--digests', digest, '--state-dir', stateDir]);
    expect(ok.code).toBe(0);
    expect(lineCount(ok.out)).toBe(2);
    // The sample library does not contain these papers, so by default they are unknown.
    expect(run(['read', a, '--state-dir', stateDir]).code).toBe(2);
    expect(listJson(digest, '--state-dir', stateDir).map((p) => p.read)).toEqual([true, true]);
  }, 30_000);

  it('takes the store from $PAPERTERM_STATE_DIR, --state-dir first, else the per-user config dir', () => {
    const [p1] = listJson('--state-dir', stateDir);
    const envDir = join(tmp.dir, 'from-env');
    expect(run(['star', p1!.id], { PAPERTERM_STATE_DIR: envDir }).code).toBe(0);
    expect(existsSync(join(envDir, 'state.json'))).toBe(true);
    expect(run(['list', '--starred'], { PAPERTERM_STATE_DIR: envDir }).out).toContain(p1!.id);
    expect(run(['list', '--starred', '--state-dir', stateDir], { PAPERTERM_STATE_DIR: envDir }).out).toBe('');

    expect(run(['read', p1!.id]).code).toBe(0);
    expect(readdirSync(join(tmp.dir, 'xdg', 'paperterm'))).toEqual(['state.json']);
    // The reader's non-terminal fallback takes --state-dir too.
    expect(run(['--state-dir', envDir]).out.split('\n')[0]).toMatch(new RegExp(`^${p1!.id}  N\\*  `));
  }, 30_000);

  it('recovers from a corrupted state file: list leaves it, the first mark moves it aside with the same bytes', () => {
    const garbage = '{"version": 1, "marks": {"6230a3462df8": {"read": tru';
    run(['list', '--state-dir', stateDir]); // creates nothing: list only reads
    expect(existsSync(stateDir)).toBe(false);
    mkdirSync(stateDir);
    writeFileSync(join(stateDir, 'state.json'), garbage);

    for (const args of [['list', '--json'], ['search', 'diffusion']]) {
      const r = run([...args, '--state-dir', stateDir]);
      expect(r.code).toBeLessThanOrEqual(1);
      expect(r.err).toMatch(/^paperterm: warning: state file .*state\.json is not valid JSON; showing no marks \(it is moved aside, bytes kept, when a mark is next changed\)\n$/);
      expect(readdirSync(stateDir)).toEqual(['state.json']);
      expect(readFileSync(join(stateDir, 'state.json'), 'utf8')).toBe(garbage);
    }
    const [p1] = listJson('--state-dir', stateDir);
    expect(p1!.read || p1!.starred).toBe(false);

    const r = run(['star', p1!.id, '--state-dir', stateDir]);
    expect(r.code).toBe(0);
    const warnings = r.err.split('\n').filter(Boolean);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^paperterm: warning: state file .*state\.json was not valid JSON; moved it to .*state\.json\.corrupt-.* and started with no marks$/);
    const backup = readdirSync(stateDir).find((f) => f.startsWith('state.json.corrupt-'))!;
    expect(readFileSync(join(stateDir, backup), 'utf8')).toBe(garbage);
    expect(run(['list', '--state-dir', stateDir]).err).toBe(''); // warned once, not every run
  }, 30_000);

  it('leaves a state file from a newer paperterm untouched: shown read-only, marks refused', () => {
    mkdirSync(stateDir);
    const [p1, p2] = listJson('--state-dir', stateDir);
    const newer = `${JSON.stringify({ version: 2, marks: { [p1!.id]: { starred: true, starredAt: '2030-01-01T00:00:00.000Z' } }, tags: { [p1!.id]: ['x'] } }, null, 2)}\n`;
    const file = join(stateDir, 'state.json');
    writeFileSync(file, newer);
    const message = /^paperterm: (warning: )?state file .*state\.json is from a newer paperterm \(file version 2\): left untouched, marks cannot be changed by this version/;

    const list = run(['list', '--json', '--state-dir', stateDir]);
    expect(list.code).toBe(0);
    expect(list.err.split('\n').filter(Boolean)).toEqual([expect.stringMatching(message)]);
    // Its marks are shown as far as this version can read them.
    expect((JSON.parse(list.out) as JsonPaper[]).find((p) => p.id === p1!.id)!.starred).toBe(true);
    expect(run(['search', 'diffusion', '--state-dir', stateDir]).err).toMatch(message);

    for (const verb of ['read', 'unstar']) {
      const r = run([verb, p1!.id, p2!.id, '--state-dir', stateDir]);
      expect(r.code, verb).toBe(1);
      expect(r.out).toBe('');
      const lines = r.err.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).toMatch(/; nothing changed$/);
    }
    expect(readFileSync(file, 'utf8')).toBe(newer);
    expect(readdirSync(stateDir)).toEqual(['state.json']);
  }, 30_000);

  it('lists with a warning but refuses to mark when the state location cannot be written', () => {
    const { dir, how } = unwritableDir(tmp.dir);
    const [p1] = listJson('--state-dir', stateDir);
    const listed = run(['list', '--state-dir', dir]);
    expect(listed.code, how).toBe(0);
    expect(lineCount(listed.out)).toBeGreaterThan(0);
    // Reading needs no write access; a directory that cannot exist at all is worth a warning.
    if (how === 'chmod 0555') expect(listed.err).toBe('');
    else expect(listed.err).toMatch(/^paperterm: warning: cannot use state directory .* \(.*a-regular-file is a file, not a directory\)\n$/);

    const r = run(['read', p1!.id, '--state-dir', dir]);
    expect(r.code, how).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^paperterm: cannot (save marks in|use state directory) .* \((permission denied|.*a-regular-file is a file, not a directory)\); nothing changed\n$/);
  }, 30_000);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
