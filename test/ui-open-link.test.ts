import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { describeOutcome, hasDisplay, isRemoteSession, openLink, type Launched } from '../src/ui/app/open-link.js';
import { tempDir } from './helpers/digests.js';

const LOCAL = { DISPLAY: ':0' };

function fakeChild(): EventEmitter & Launched {
  return new EventEmitter();
}

describe('openLink decides between opening and copying', () => {
  it('copies instead over SSH or without a display, and never starts an opener then', async () => {
    const launch = vi.fn(async () => fakeChild());
    expect(await openLink('https://a', { env: { ...LOCAL, SSH_CONNECTION: '1 2 3 4' }, platform: 'linux', launch })).toEqual({ kind: 'copy', why: 'remote' });
    expect(await openLink('https://a', { env: { SSH_TTY: '/dev/pts/1' }, platform: 'darwin', launch })).toEqual({ kind: 'copy', why: 'remote' });
    expect(await openLink('https://a', { env: {}, platform: 'linux', launch })).toEqual({ kind: 'copy', why: 'no-display' });
    expect(launch).not.toHaveBeenCalled();
    expect(isRemoteSession({ SSH_CLIENT: 'x' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });

  it('reports an opener that fails to start or exits with an error as "copy"', async () => {
    const failing = async (): Promise<Launched> => {
      throw new Error('spawn xdg-open ENOENT');
    };
    expect(await openLink('https://a', { env: LOCAL, platform: 'linux', launch: failing })).toEqual({ kind: 'copy', why: 'failed' });
    const child = fakeChild();
    const pending = openLink('https://a', { env: LOCAL, platform: 'linux', launch: async () => child, failWindowMs: 60_000 });
    await Promise.resolve();
    child.emit('exit', 4);
    expect(await pending).toEqual({ kind: 'copy', why: 'failed' });
    expect(describeOutcome({ kind: 'copy', why: 'failed' })).toBe('could not open: link copied instead');
  });

  it('reports "opened" when the opener succeeds or is still running after the window', async () => {
    const ok = fakeChild();
    const pending = openLink('https://a', { env: LOCAL, platform: 'linux', launch: async () => ok, failWindowMs: 60_000 });
    await Promise.resolve();
    ok.emit('exit', 0);
    expect(await pending).toEqual({ kind: 'opened' });
    vi.useFakeTimers();
    try {
      const slow = openLink('https://a', { env: LOCAL, platform: 'linux', launch: async () => fakeChild(), failWindowMs: 1000 });
      await vi.advanceTimersByTimeAsync(1000);
      expect(await slow).toEqual({ kind: 'opened' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('openLink with the real `open` package and xdg-open (built module, own process)', () => {
  const MODULE = resolve(import.meta.dirname, '../dist/src/ui/app/open-link.js');
  // The process stays up only as long as this keeps it: openLink itself holds nothing open.
  const script = (url: string) =>
    `import { openLink } from ${JSON.stringify(MODULE)};
     const keep = setTimeout(() => {}, 20000);
     const r = await openLink(${JSON.stringify(url)});
     process.stdout.write(JSON.stringify(r));
     clearTimeout(keep);`;

  function runWithBrowser(browser: string, url: string) {
    const home = tempDir('paperterm-open-');
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DISPLAY: ':0', BROWSER: browser };
    return spawnSync(process.execPath, ['--input-type=module', '-e', script(url)], { env, encoding: 'utf8', timeout: 20_000 });
  }

  it('opens the URL with the browser xdg-open finds, without waiting for it', () => {
    const dir = tempDir('paperterm-browser-');
    const marker = join(dir, 'opened');
    const browser = join(dir, 'browser');
    // A browser that takes its time (xdg-open waits for it): openLink has answered and our process
    // has exited long before it writes.
    writeFileSync(browser, `#!/bin/sh\nsleep 3\nprintf '%s' "$1" > ${JSON.stringify(marker)}\n`);
    chmodSync(browser, 0o755);
    const url = 'https://example.org/paper?a=1&b=2';
    const r = runWithBrowser(browser, url);
    expect(r.stdout).toBe('{"kind":"opened"}');
    expect(r.status).toBe(0);
    expect(existsSync(marker)).toBe(false);
    return vi.waitFor(() => expect(readFileSync(marker, 'utf8')).toBe(url), { timeout: 10_000, interval: 100 });
  }, 30_000);

  it('says "copy" when no browser works', () => {
    const r = runWithBrowser('/nonexistent/browser', 'https://example.org/');
    expect(r.stdout).toBe('{"kind":"copy","why":"failed"}');
    expect(r.status).toBe(0);
  }, 30_000);
});
