// The real `paperterm` binary in a pseudo-terminal, for the startup and wire sections: frames are
// counted by Ink's end-of-synchronized-output marker, the screen is read back through a headless
// xterm, bytes are what the program wrote to the terminal.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import xtermHeadless from '@xterm/headless';
import * as pty from 'node-pty';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const BIN = join(REPO_ROOT, 'bin/paperterm.js');
export const SAMPLE_DATA = join(REPO_ROOT, 'sample-data');

/** Ink ends every frame with this (end of synchronized output). */
const FRAME_END = '\u001b[?2026l';
/** Variables that make Ink or the reader behave as if not on a user's terminal. */
const DROPPED = /^(CI|CI_.*|CONTINUOUS_INTEGRATION|GITHUB_ACTIONS|BUILD_NUMBER|RUN_ID|FORCE_COLOR|NO_COLOR|NODE_ENV|VITEST.*|TEST|PAPERTERM_DIGESTS|npm_.*)$/;

export function childEnv(home: string, cacheDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !DROPPED.test(k)) env[k] = v;
  return {
    ...env,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_STATE_HOME: join(home, 'state'),
    PAPERTERM_STATE_DIR: join(home, 'paperterm-state'),
    PAPERTERM_CACHE_DIR: cacheDir,
  };
}

export interface KeyResult {
  /** From writing the key to the end of the first frame it caused. */
  ms: number;
  /** From writing the key to the end of its last frame (a search draws the key, then the results). */
  settledMs: number;
  /** Everything written for it, once the output went quiet. */
  bytes: number;
}

export class PtyReader {
  readonly child: pty.IPty;
  readonly startedAt: number;
  private readonly term: InstanceType<typeof xtermHeadless.Terminal>;
  private parsed: Promise<void> = Promise.resolve();
  private chunks: string[] = [];
  private bytes = 0;
  private frames = 0;
  private tail = '';
  private lastDataAt = 0;
  private exited = false;
  private waiters: (() => void)[] = [];
  /** When each frame ended, in performance.now() time. */
  readonly frameTimes: number[] = [];
  readonly frameBytes: number[] = [];

  constructor(args: string[], opts: { cols: number; rows: number; env: Record<string, string> }) {
    this.term = new xtermHeadless.Terminal({ cols: opts.cols, rows: opts.rows, allowProposedApi: true, scrollback: 0 });
    this.startedAt = performance.now();
    this.child = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: opts.cols, rows: opts.rows, cwd: REPO_ROOT, env: opts.env });
    this.child.onData((data) => {
      const now = performance.now();
      this.lastDataAt = now;
      this.chunks.push(data);
      this.bytes += Buffer.byteLength(data);
      this.parsed = this.parsed.then(() => new Promise<void>((done) => this.term.write(data, done)));
      // A marker may straddle two chunks.
      const seen = (this.tail + data).split(FRAME_END).length - 1;
      this.tail = data.slice(-FRAME_END.length + 1);
      for (let i = 0; i < seen; i++) {
        this.frames++;
        this.frameTimes.push(now);
        this.frameBytes.push(this.bytes);
      }
      if (seen) for (const w of this.waiters.splice(0)) w();
    });
    this.child.onExit(() => {
      this.exited = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  get output(): string {
    return this.chunks.join('');
  }

  get bytesWritten(): number {
    return this.bytes;
  }

  get frameCount(): number {
    return this.frames;
  }

  /** Resolves when frame number `n` (1-based) has ended. */
  async frame(n: number, timeoutMs = 60_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.frames < n) {
      if (this.exited) throw new Error(`paperterm exited before frame ${n}:\n${this.screen().join('\n')}`);
      if (performance.now() > deadline) throw new Error(`no frame ${n} after ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  /** Rows of the screen as the terminal shows them now. */
  screen(): string[] {
    const buf = this.term.buffer.active;
    return Array.from({ length: this.term.rows }, (_, y) => buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
  }

  /** Polls the parsed screen until `check` holds. */
  async until(check: (screen: string[]) => boolean, timeoutMs = 120_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      await this.parsed;
      if (check(this.screen())) return;
      if (this.exited) throw new Error(`paperterm exited; screen:\n${this.screen().join('\n')}`);
      if (performance.now() > deadline) throw new Error(`timed out; screen:\n${this.screen().join('\n')}`);
      // Checked again at the next frame's end, or after 10 ms (a screen may change without one).
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 10);
      });
    }
  }

  /** Waits until nothing has been written for `ms`. */
  async quiet(ms = 100): Promise<void> {
    while (performance.now() - this.lastDataAt < ms) await new Promise((r) => setTimeout(r, ms / 4));
    await this.parsed;
  }

  /** Sends one key and measures its frame: time to the frame's end, bytes once output is quiet. */
  async key(data: string, quietMs = 100): Promise<KeyResult> {
    await this.quiet(quietMs);
    const frames = this.frames;
    const bytes = this.bytes;
    const t = performance.now();
    this.child.write(data);
    await this.frame(frames + 1, 10_000);
    const ms = this.frameTimes[frames]! - t;
    await this.quiet(quietMs);
    return { ms, settledMs: this.frameTimes[this.frames - 1]! - t, bytes: this.bytes - bytes };
  }

  /** Sends `key` `count` times, `gapMs` apart (a held key); the bytes written for them all, once output is quiet. */
  async burst(key: string, count: number, gapMs: number, quietMs = 200): Promise<number> {
    await this.quiet(quietMs);
    const bytes = this.bytes;
    for (let i = 0; i < count; i++) {
      this.child.write(key);
      await new Promise((r) => setTimeout(r, gapMs));
    }
    await this.quiet(quietMs);
    return this.bytes - bytes;
  }

  /** Peak resident memory of the program so far (Linux /proc), MB; undefined elsewhere. */
  peakRssMB(): number | undefined {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async quit(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.child.onExit(() => r()));
    // Ctrl-C quits from anywhere (q would be typed into an open search line).
    this.child.write('\u0003');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
    this.term.dispose();
  }
}
