// "New" papers: first seen since the reader was last opened, kept in seen.json beside the marks.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import { readSeen, recordOpened, recordSeen, seenFilePath, unseenIds } from '../src/state/seen.js';
import { expectCleanErrors, runCli } from './helpers/cli.js';
import { pinnedSamples, tempDir } from './helpers/digests.js';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function stateDirFor(): string {
  const d = tempDir('paperterm-seen-');
  temps.push(d);
  return d;
}

const samples = pinnedSamples();
temps.push(samples.dir);
const { papers } = loadLibrary([samples.dir]);
const { papers: olderPapers } = loadLibrary([samples.files.mar17, samples.files.mar14, samples.files.undated]);
const T1 = Date.UTC(2025, 2, 17, 8);
const T2 = Date.UTC(2025, 2, 18, 8);

describe('recording what the reader has seen', () => {
  it('counts every paper new the first time, then only papers that arrived since the last open', () => {
    const dir = stateDirFor();
    const first = recordOpened(dir, olderPapers.map((p) => p.id), T1);
    expect(first).toMatchObject({ previousOpen: null, saved: true, warnings: [] });
    expect(first.newIds.size).toBe(olderPapers.length);

    // The Mar 18 digest arrives; the reader opens again the next day.
    const second = recordOpened(dir, papers.map((p) => p.id), T2);
    expect(second.previousOpen).toBe(T1);
    const expected = papers.filter((p) => !olderPapers.some((o) => o.id === p.id)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(50);
    expect([...second.newIds].sort()).toEqual(expected.sort());
    // A paper that trended on Mar 17 and again on Mar 18 is not new.
    const again = papers.find((p) => p.dates.includes('Mar 18') && p.dates.includes('Mar 17'))!;
    expect(second.newIds.has(again.id)).toBe(false);

    const third = recordOpened(dir, papers.map((p) => p.id), T2 + 1000);
    expect(third.newIds.size).toBe(0);
    expect(readSeen(dir)).toMatchObject({ lastOpened: T2 + 1000, warnings: [] });
    expect(readSeen(dir).firstSeen.get(expected[0]!)).toBe(T2);
  });

  it('records papers of a live digest without moving the last open', () => {
    const dir = stateDirFor();
    recordOpened(dir, olderPapers.map((p) => p.id), T1);
    const live = recordSeen(dir, papers.map((p) => p.id), T1 + 5000);
    expect(live.newIds.size).toBe(papers.length - olderPapers.length);
    expect(readSeen(dir).lastOpened).toBe(T1);
  });

  it('moves a damaged file aside with its bytes, says so in one line, and starts afresh', () => {
    const dir = stateDirFor();
    writeFileSync(seenFilePath(dir), '{"version": 1, "seen": {"2025-03-1');
    // A reading command leaves it where it is.
    expect(readSeen(dir)).toMatchObject({ lastOpened: null, warnings: [expect.stringContaining('not valid JSON')] });
    expect(readdirSync(dir)).toEqual(['seen.json']);
    const r = recordOpened(dir, papers.map((p) => p.id), T1);
    expect(r.saved).toBe(true);
    expect(r.newIds.size).toBe(papers.length);
    expect(r.warnings).toEqual([expect.stringMatching(/seen\.json was not valid JSON; moved it to .*seen\.json\.corrupt-.* and started afresh$/)]);
    const backup = readdirSync(dir).find((f) => f.startsWith('seen.json.corrupt-'))!;
    expect(readFileSync(join(dir, backup), 'utf8')).toBe('{"version": 1, "seen": {"2025-03-1');
    expect(readSeen(dir).firstSeen.size).toBe(papers.length);
  });

  it('skips malformed entries and keeps the rest', () => {
    const dir = stateDirFor();
    const id = papers[0]!.id;
    writeFileSync(
      seenFilePath(dir),
      JSON.stringify({ version: 1, lastOpened: new Date(T1).toISOString(), seen: { [new Date(T1).toISOString()]: [id, 'nope', 7], later: [id] } }),
    );
    const read = readSeen(dir);
    expect([...read.firstSeen]).toEqual([[id, T1]]);
    expect(read.warnings).toEqual([expect.stringContaining('ignored 3 malformed entries')]);
    expect(unseenIds(read, [id, papers[1]!.id])).toEqual(new Set([papers[1]!.id]));
  });

  it('still tells the session what is new when the state dir cannot be written', () => {
    const parent = stateDirFor();
    writeFileSync(join(parent, 'file'), 'x');
    const r = recordOpened(join(parent, 'file', 'state'), papers.map((p) => p.id), T1);
    expect(r.saved).toBe(false);
    expect(r.newIds.size).toBe(papers.length);
    expect(r.warnings).toEqual([expect.stringContaining('cannot record seen papers')]);
  });
});

describe('paperterm list --new', () => {
  it('lists the papers that arrived since the reader was last opened, and writes nothing', () => {
    const dir = stateDirFor();
    recordOpened(dir, olderPapers.map((p) => p.id), T1);
    const before = readFileSync(seenFilePath(dir));
    const mtime = statSync(seenFilePath(dir)).mtimeMs;
    const r = runCli(['list', '--new', samples.dir], { env: { PAPERTERM_STATE_DIR: dir } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const ids = r.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/)[0]);
    const expected = papers.filter((p) => !olderPapers.some((o) => o.id === p.id)).map((p) => p.id);
    expect(ids).toEqual(expected);
    expect(readFileSync(seenFilePath(dir))).toEqual(before);
    expect(statSync(seenFilePath(dir)).mtimeMs).toBe(mtime);
  });

  it('lists every paper before the reader was ever opened, without creating the file', () => {
    const dir = stateDirFor();
    const r = runCli(['list', '--new', '--json', samples.dir], { env: { PAPERTERM_STATE_DIR: dir } });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(papers.length);
    expect(existsSync(seenFilePath(dir))).toBe(false);
  });

  it('warns in one line about a damaged file and leaves it untouched', () => {
    const dir = stateDirFor();
    writeFileSync(seenFilePath(dir), 'garbage');
    const r = runCli(['list', '--new', samples.dir], { env: { PAPERTERM_STATE_DIR: dir } });
    expect(r.code).toBe(0);
    expect(expectCleanErrors(r.stderr)).toEqual([`paperterm: warning: ${seenFilePath(dir)} is not valid JSON; every paper counts as new`]);
    expect(readFileSync(seenFilePath(dir), 'utf8')).toBe('garbage');
  });
});
