// Small things a new user trips over, on the built binary: plurals, a negative --limit, an unusable
// --state-dir, and `paperterm help`.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plural } from '../src/core/plural.js';
import { expectCleanErrors, runCli } from './helpers/cli.js';
import { abstract, layoutA, SAMPLE_DIR, tempDir, writeDigests } from './helpers/digests.js';

const firstId = () => (JSON.parse(runCli(['list', '--json']).stdout) as { id: string }[])[0]!.id;

describe('counts', () => {
  it('say "1 paper", "2 papers", "0 papers"', () => {
    expect([0, 1, 2].map((n) => plural(n, 'paper'))).toEqual(['0 papers', '1 paper', '2 papers']);
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
  });

  it('a state file with one bad entry is "1 malformed entry", two are "2 malformed entries"', () => {
    const dir = tempDir('paperterm-state-');
    const good = { read: true, readAt: '2025-01-01T00:00:00Z' };
    for (const [bad, words] of [[1, '1 malformed entry'], [2, '2 malformed entries']] as const) {
      const marks: Record<string, unknown> = { aaaaaaaaaaaa: good };
      for (let i = 0; i < bad; i++) marks[`b${i}bbbbbbbbbb`] = { read: 'yes' };
      writeFileSync(join(dir, 'state.json'), JSON.stringify({ version: 1, marks }));
      const r = runCli(['list', '--state-dir', dir]);
      expect(expectCleanErrors(r.stderr)).toEqual([`paperterm: warning: ignored ${words} in state file ${join(dir, 'state.json')}`]);
    }
  });
});

describe('--limit with a value that starts with a dash', () => {
  it('says what is wrong with -1 (not "argument is ambiguous")', () => {
    for (const args of [['--limit', '-1'], ['--limit=-1']]) {
      const r = runCli(['search', 'bev', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(expectCleanErrors(r.stderr)).toEqual(["paperterm: --limit needs a whole number of at least 1, not '-1' (see paperterm --help)"]);
    }
  });

  it('a missing value is named as such', () => {
    const r = runCli(['search', 'bev', '--limit', '-x']);
    expect(r.code).toBe(2);
    expect(expectCleanErrors(r.stderr)).toEqual([
      "paperterm: --limit needs a value (for a value that starts with '-', write --limit=VALUE) (see paperterm --help)",
    ]);
  });

  it('a query that starts with a dash after -- is still a query', () => {
    expect(runCli(['search', '--limit', '2', '--', '-1', SAMPLE_DIR]).stderr).toBe('');
  });
});

describe('--state-dir that cannot hold marks', () => {
  it('an existing directory that refuses new files (/proc): said so, not "no such file"', () => {
    const r = runCli(['star', firstId(), '--state-dir', '/proc']);
    expect(r.code).toBe(1);
    expect(expectCleanErrors(r.stderr)).toEqual(['paperterm: cannot save marks in /proc (no new files can be created in that directory); nothing changed']);
    // Showing marks needs no writing: no complaint.
    expect(runCli(['list', '--state-dir', '/proc']).stderr).toBe('');
  });

  it('a path that is a file, or lies under one, is named', () => {
    const dir = tempDir();
    const file = join(dir, 'marks');
    writeFileSync(file, 'x');
    const id = firstId();
    const onFile = runCli(['star', id, '--state-dir', file]);
    expect(onFile.code).toBe(1);
    expect(expectCleanErrors(onFile.stderr)).toEqual([`paperterm: cannot save marks in ${file} (it is a file, not a directory); nothing changed`]);
    const under = runCli(['star', id, '--state-dir', join(file, 'sub')]);
    expect(expectCleanErrors(under.stderr)).toEqual([
      `paperterm: cannot save marks in ${join(file, 'sub')} (${file} is a file, not a directory); nothing changed`,
    ]);
    expect(expectCleanErrors(runCli(['list', '--state-dir', file]).stderr)).toEqual([
      `paperterm: warning: cannot use state directory ${file} (it is a file, not a directory)`,
    ]);
    expect(readdirSync(dir)).toEqual(['marks']);
  });
});

describe('paperterm help', () => {
  it('prints the help, for the program and for a command (as COMMAND --help does)', () => {
    const full = runCli(['--help']).stdout;
    expect(full).toMatch(/^paperterm — /);
    const help = runCli(['help']);
    expect([help.code, help.stderr, help.stdout]).toEqual([0, '', full]);
    for (const command of ['search', 'list']) {
      const r = runCli(['help', command]);
      expect(r.code, command).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^paperterm ${command} `));
      expect(r.stdout).toBe(runCli([command, '--help']).stdout);
    }
  });

  it('an unknown topic is a usage error naming the commands', () => {
    const r = runCli(['help', 'frobnicate']);
    expect(r.code).toBe(2);
    expect(expectCleanErrors(r.stderr)[0]).toMatch(/^paperterm: no command 'frobnicate' \(commands: list, .*search/);
  });

  it('a digest file named help is still read as ./help', () => {
    const dir = writeDigests({ help: layoutA('Mar 2', [['Alpha', abstract('alpha')]]) });
    const r = runCli(['./help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f]{12} {2}N .* {2}Alpha\n$/);
  });
});
