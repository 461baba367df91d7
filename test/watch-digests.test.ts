// Live digests: real files written into a temp dir, in several steps, while a watcher runs. Timeouts
// are generous and nothing asserts how fast a digest is seen, only that it is seen once and whole.
import { execFileSync } from 'node:child_process';
import { appendFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mergeDigests } from '../src/core/merge-digests.js';
import { buildLibrary } from '../src/core/library.js';
import { loadLibrary } from '../src/core/load.js';
import { watchDigests, type DigestArrival, type DigestWatcher } from '../src/core/watch-digests.js';
import { abstract, layoutA, tempDir } from './helpers/digests.js';

const temps: string[] = [];
const watchers: DigestWatcher[] = [];
afterEach(() => watchers.splice(0).forEach((w) => w.close()));
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

function dirWith(files: Record<string, string> = {}): string {
  const dir = tempDir('paperterm-watch-');
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function start(paths: string[], rescanMs = 0) {
  const arrivals: DigestArrival[] = [];
  const problems: string[] = [];
  const w = watchDigests(paths, { onDigest: (a) => arrivals.push(a), onProblem: (m) => problems.push(m), quietMs: 300, rescanMs });
  watchers.push(w);
  return { arrivals, problems, w };
}

const entries = (...titles: string[]): [string, string][] => titles.map((t) => [t, abstract(t)]);
const old = layoutA('Mar 17', entries('Old paper one', 'Old paper two'));

describe('watching digest directories', () => {
  it('reads a digest written in several steps once, when it is complete', async () => {
    const dir = dirWith({ 'mar17.txt': old });
    const { arrivals, problems } = start([dir]);
    const whole = layoutA('Mar 19', entries('New paper one', 'New paper two', 'Old paper one', 'New paper three'));
    const file = join(dir, 'mar19.txt');
    // Three writes 100 ms apart, each inside the quiet time of the one before.
    const third = Math.floor(whole.length / 3);
    writeFileSync(file, whole.slice(0, third));
    await sleep(100);
    appendFileSync(file, whole.slice(third, 2 * third));
    await sleep(100);
    appendFileSync(file, whole.slice(2 * third));
    await until('the new digest', () => arrivals.length > 0);
    await sleep(1000);
    expect(problems).toEqual([]);
    expect(arrivals).toHaveLength(1);
    const [a] = arrivals;
    expect(a!.file).toBe(file);
    expect(a!.digest.label).toBe('Mar 19');
    expect(a!.digest.entries.map((e) => e.title)).toEqual(['New paper one', 'New paper two', 'Old paper one', 'New paper three']);
    expect(a!.papers.map((p) => p.title)).toEqual(['New paper one', 'New paper two', 'Old paper one', 'New paper three']);

    // What the reader does with it: merge, and tell the user.
    const library = loadLibrary([join(dir, 'mar17.txt')]).papers;
    const merged = mergeDigests(library, [a!.digest]);
    expect(merged.status).toBe('3 new papers (Mar 19)');
    expect(merged.papers).toEqual(buildLibrary(loadLibrary([dir]).digests));
  });

  it('reports a changed digest again, whole, and ignores files that were there before', async () => {
    const dir = dirWith({ 'mar17.txt': old, 'mar18.txt': layoutA('Mar 18', entries('Mid paper')) });
    const { arrivals } = start([dir]);
    await sleep(600);
    expect(arrivals).toEqual([]);
    appendFileSync(join(dir, 'mar18.txt'), `\n\n${layoutA(null, entries('Late addition')).split('\n\n').slice(4).join('\n\n')}`);
    await until('the changed digest', () => arrivals.length > 0);
    expect(arrivals[0]!.digest.entries.map((e) => e.title)).toEqual(['Mid paper', 'Late addition']);
  });

  it('takes a digest renamed into place (written aside first), and ignores other names', async () => {
    const dir = dirWith({ 'mar17.txt': old });
    const { arrivals } = start([dir]);
    writeFileSync(join(dir, 'notes.md'), layoutA('Mar 20', entries('Not a digest name')));
    writeFileSync(join(dir, '.mar20.tmp'), layoutA('Mar 20', entries('Renamed paper')));
    renameSync(join(dir, '.mar20.tmp'), join(dir, 'mar20.TXT'));
    await until('the renamed digest', () => arrivals.length > 0);
    await sleep(800);
    expect(arrivals.map((a) => a.digest.entries[0]!.title)).toEqual(['Renamed paper']);
  });

  it('ignores a deleted digest, names a broken one, and is not blocked by a FIFO', async () => {
    const dir = dirWith({ 'mar17.txt': old });
    const { arrivals, problems } = start([dir]);
    unlinkSync(join(dir, 'mar17.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    writeFileSync(join(dir, 'broken.txt'), Buffer.from([0, 1, 2, 3]));
    await until('the broken file to be named', () => problems.length > 0);
    writeFileSync(join(dir, 'mar21.txt'), layoutA('Mar 21', entries('After the pipe')));
    await until('the digest after the pipe', () => arrivals.length > 0);
    expect(problems).toEqual([`${join(dir, 'broken.txt')}: binary file, not a text digest`]);
    expect(arrivals.map((a) => a.digest.label)).toEqual(['Mar 21']);
  });

  it('watches a file given by name, and only it', async () => {
    const dir = dirWith({ 'mine.txt': old, 'other.txt': old });
    const { arrivals } = start([join(dir, 'mine.txt')]);
    appendFileSync(join(dir, 'other.txt'), '\n\nOther title\n\n' + abstract('other'));
    appendFileSync(join(dir, 'mine.txt'), '\n\nMine title\n\n' + abstract('mine'));
    await until('the named file', () => arrivals.length > 0);
    await sleep(800);
    expect(arrivals.map((a) => a.file)).toEqual([join(dir, 'mine.txt')]);
  });

  it('finds a new digest by rescanning the directory when no watch event comes', async () => {
    const dir = dirWith({ 'mar17.txt': old });
    const arrivals: DigestArrival[] = [];
    watchers.push(watchDigests([dir], { onDigest: (a) => arrivals.push(a), quietMs: 300, rescanMs: 400, events: false }));
    writeFileSync(join(dir, 'mar22.txt'), layoutA('Mar 22', entries('Rescanned')));
    await until('the digest', () => arrivals.length > 0);
    expect(arrivals.map((a) => a.digest.label)).toEqual(['Mar 22']);
  });

  it('reports nothing after close', async () => {
    const dir = dirWith({ 'mar17.txt': old });
    const { arrivals, w } = start([dir], 200);
    w.close();
    writeFileSync(join(dir, 'mar23.txt'), layoutA('Mar 23', entries('Too late')));
    await sleep(1200);
    expect(arrivals).toEqual([]);
  });
});
