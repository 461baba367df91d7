/**
 * The app's side of issue 13 and 14 short of the screen: the link Effects carried out (exact
 * OSC 52 bytes, in and out of tmux), new papers recorded at open, live digests followed into the
 * session on the real samples with a real watcher and a real seen.json.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import { readSeen } from '../src/state/seen.js';
import { performLinkEffect } from '../src/ui/app/link-effects.js';
import { followDigests } from '../src/ui/app/live-digests.js';
import { newPapersAtOpen } from '../src/ui/app/new-papers.js';
import { digestDays } from '../src/ui/reader/views.js';
import { pinnedSamples, tempDir } from './helpers/digests.js';
import { cleanupStores, MEASURE, testSession } from './helpers/session.js';
import { makeTempDir } from './state-helpers.js';

const ESC = '\u001b';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

afterEach(cleanupStores);

describe('the link Effects, carried out', () => {
  test('y on the real samples: OSC 52 of the link, wrapped for tmux inside tmux; the footer confirms', async () => {
    const { session } = await testSession();
    const i = session.papers.findIndex((p) => p.links.length > 0);
    session.keys([...Array<string>(i).fill('j')], MEASURE);
    const [effect] = session.keys(['y'], MEASURE);
    const url = session.papers[i]!.links[0]!;
    for (const [env, bytes] of [
      [{ TERM: 'xterm-256color' }, `${ESC}]52;c;${b64(url)}\u0007`],
      [{ TMUX: '/tmp/tmux-1000/default,1,0', TERM: 'screen' }, `${ESC}Ptmux;${ESC}${ESC}]52;c;${b64(url)}\u0007${ESC}\\`],
    ] as const) {
      const written: string[] = [];
      await performLinkEffect(effect as never, { write: (b) => written.push(b), notify: (t) => session.notify(t), env });
      expect(written).toEqual([bytes]);
      expect(session.getSnapshot().status).toEqual({ text: `copied ${url}`, warning: false });
    }
  });

  test('o over SSH copies the link instead and says so; locally the opener gets it and nothing is written', async () => {
    const { session } = await testSession();
    const notes: string[] = [];
    const written: string[] = [];
    const deps = { write: (b: string) => written.push(b), notify: (t: string) => notes.push(t) };
    const url = 'https://github.com/NVlabs/FB-BEV';
    await performLinkEffect({ kind: 'open', url, n: 1 }, { ...deps, env: { SSH_TTY: '/dev/pts/3' } });
    expect(written).toEqual([`${ESC}]52;c;${b64(url)}\u0007`]);
    expect(notes).toEqual(['remote session: link copied instead']);
    const { EventEmitter } = await import('node:events');
    const launched: string[] = [];
    const launch = async (u: string) => {
      launched.push(u);
      const child = new EventEmitter();
      setImmediate(() => child.emit('exit', 0));
      return child;
    };
    await performLinkEffect({ kind: 'open', url, n: 1 }, { ...deps, env: { DISPLAY: ':0' }, open: { platform: 'linux', launch } });
    expect(launched).toEqual([url]);
    expect(written).toHaveLength(1);
    expect(notes.at(-1)).toBe('opened in the browser');
    expect(session.getSnapshot().status).toBeUndefined();
  });
});

describe('new papers and live digests', () => {
  const pinned = pinnedSamples();
  const cleanups: (() => void)[] = [() => rmSync(pinned.dir, { recursive: true, force: true })];
  afterAll(() => cleanups.forEach((c) => c()));

  test('at open: nothing is new the first time (it is recorded); the next open, the papers of a digest added since', () => {
    const { dir: stateDir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const before = loadLibrary([pinned.files.mar17, pinned.files.mar14]).papers;
    expect(newPapersAtOpen(stateDir, before, 1000)).toEqual({ newIds: new Set(), warning: undefined });
    expect(readSeen(stateDir).firstSeen.size).toBe(before.length);
    const after = loadLibrary([pinned.dir]).papers;
    const opened = newPapersAtOpen(stateDir, after, 2000);
    const added = after.filter((p) => !before.some((q) => q.id === p.id));
    expect(added.length).toBeGreaterThan(10);
    expect([...opened.newIds].sort()).toEqual(added.map((p) => p.id).sort());
    expect(newPapersAtOpen(stateDir, after, 3000).newIds.size).toBe(0);
  });

  test('a digest written into a watched directory reaches the reader, and its new papers are recorded as seen', async () => {
    const dir = tempDir('paperterm-live-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    for (const f of [pinned.files.mar17, pinned.files.mar14]) copyFileSync(f, join(dir, f.split('/').at(-1)!));
    const { dir: stateDir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const loaded = loadLibrary([dir]);
    const { session } = await testSession({ papers: loaded.papers, days: digestDays(loaded.digests) });
    const watcher = followDigests([dir], session, { stateDir, quietMs: 30, rescanMs: 200 });
    cleanups.push(() => watcher.close());
    session.keys(['j', 'j', 'j'], MEASURE);
    const selected = session.selected;
    copyFileSync(pinned.files.mar18, join(dir, '000_f936f4210850de81.txt'));
    for (let i = 0; i < 300 && !session.getSnapshot().status; i++) await new Promise((r) => setTimeout(r, 20));
    const status = session.getSnapshot().status?.text ?? '';
    expect(status).toMatch(/^\d+ new papers \(Mar 18\)$/);
    const n = Number(status.split(' ')[0]);
    expect(session.getSnapshot().newCount).toBe(n);
    expect(session.selected?.id).toBe(selected?.id);
    const seen = readSeen(stateDir);
    expect(seen.firstSeen.size).toBe(n);
    for (const p of session.papers.filter((q) => session.getSnapshot().isNew(q))) expect(seen.firstSeen.has(p.id)).toBe(true);
  });
});
