/**
 * Runs the real built `paperterm` in a real pseudo-terminal and reads what a user would see through
 * a headless xterm. For end-to-end tests of anything interactive:
 *
 *   const t = spawnPaperterm({ args: ['sample-data'], cols: 80, rows: 24 });
 *   await t.waitForText('paperterm');
 *   t.press('j', 'j', 'enter');
 *   await t.waitFor((s) => s.lines()[1]!.includes('…'));
 *   t.press('q');
 *   expect((await t.exited()).exitCode).toBe(0);
 *   t.dispose();                      // always, e.g. in afterEach
 *
 * The child gets a temporary HOME / XDG dirs (never the user's config) and no CI variables: Ink only
 * prints the last frame when it thinks it runs in CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import unicode11 from '@xterm/addon-unicode11';
import xtermHeadless from '@xterm/headless';
import * as pty from 'node-pty';
import { KEYS, type KeyName } from './keys.js';

const { Terminal } = xtermHeadless;
type XTerm = InstanceType<typeof Terminal>;

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const BIN = join(REPO_ROOT, 'bin/paperterm.js');
export const SAMPLE_DATA = join(REPO_ROOT, 'sample-data');
/** The command line that starts the built paperterm, quoted for a POSIX shell. */
export const PAPERTERM = `'${process.execPath}' '${BIN}'`;

/** Variables that make Ink, chalk or React behave as if not on a user's terminal. */
const CI_VARS = [
  'CI',
  'CONTINUOUS_INTEGRATION',
  'GITHUB_ACTIONS',
  'GITLAB_CI',
  'BUILDKITE',
  'CIRCLECI',
  'TRAVIS',
  'APPVEYOR',
  'TF_BUILD',
  'TEAMCITY_VERSION',
  'BUILD_NUMBER',
  'RUN_ID',
  'DRONE',
  'FORCE_COLOR',
  'NO_COLOR',
  'COLORTERM',
  'INK_SCREEN_READER',
  'NODE_ENV',
  'VITEST',
  'VITEST_MODE',
  'VITEST_POOL_ID',
  'VITEST_WORKER_ID',
  'TEST',
  'PAPERTERM_DIGESTS',
];

export { KEYS, type KeyName } from './keys.js';

export interface SpawnOptions {
  /** Arguments to paperterm. */
  args?: string[];
  /**
   * Run something else in the pty instead, e.g. a shell line around paperterm:
   * { file: '/bin/sh', args: ['-c', `${PAPERTERM} sample-data; stty -a`] }.
   */
  command?: { file: string; args: string[] };
  cols?: number;
  rows?: number;
  /** Added to the cleaned environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface Exit {
  exitCode: number;
  signal?: number;
}

export interface Screen {
  /** Every row, trailing blanks trimmed. */
  lines(): string[];
  text(): string;
}

export class PtySession implements Screen {
  readonly term: XTerm;
  readonly child: pty.IPty;
  readonly home: string;
  /** Everything the program wrote, escape sequences included. */
  output = '';
  private parsed: Promise<void> = Promise.resolve();
  private exit: Promise<Exit>;
  private exitInfo: Exit | undefined;

  constructor(opts: SpawnOptions = {}) {
    const cols = opts.cols ?? 80;
    const rows = opts.rows ?? 24;
    this.home = mkdtempSync(join(tmpdir(), 'paperterm-pty-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !CI_VARS.includes(k) && !k.startsWith('CI_') && !k.startsWith('npm_')) env[k] = v;
    }
    Object.assign(env, {
      TERM: 'xterm-256color',
      HOME: this.home,
      XDG_CONFIG_HOME: join(this.home, '.config'),
      XDG_DATA_HOME: join(this.home, '.local/share'),
      XDG_STATE_HOME: join(this.home, '.local/state'),
      XDG_CACHE_HOME: join(this.home, '.cache'),
      PAPERTERM_STATE_DIR: join(this.home, 'state'),
      PAPERTERM_CACHE_DIR: join(this.home, 'cache'),
      LANG: 'C.UTF-8',
    });
    delete env.PAPERTERM_DIGESTS;
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    // Character widths as today's terminals have them (emoji two cells), not xterm.js's Unicode 6 default.
    this.term.loadAddon(new unicode11.Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    const command = opts.command ?? { file: process.execPath, args: [BIN, ...(opts.args ?? [])] };
    this.child = pty.spawn(command.file, command.args, {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: opts.cwd ?? REPO_ROOT,
      env,
    });
    this.child.onData((data) => {
      this.output += data;
      this.parsed = this.parsed.then(() => new Promise<void>((done) => this.term.write(data, done)));
    });
    this.exit = new Promise((done) => {
      this.child.onExit((e) => {
        this.exitInfo = e;
        done(e);
      });
    });
  }

  /** Sends raw bytes, as typed or pasted. */
  write(data: string): void {
    this.child.write(data);
  }

  /** Sends keys one at a time: names from KEYS, or literal characters ('j', 'G', '?'). */
  press(...keys: (KeyName | string)[]): void {
    for (const k of keys) this.child.write(k in KEYS ? KEYS[k as KeyName] : k);
  }

  /** Waits until the terminal has parsed everything received so far. */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.parsed;
      await current;
    } while (current !== this.parsed);
  }

  lines(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.term.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return out;
  }

  text(): string {
    return this.lines().join('\n');
  }

  /** The cell at column x, row y of the visible screen. */
  cell(x: number, y: number) {
    const buf = this.term.buffer.active;
    return buf.getLine(buf.viewportY + y)?.getCell(x);
  }

  /** Whether the alternate screen buffer is showing. */
  inAltScreen(): boolean {
    return this.term.buffer.active.type === 'alternate';
  }

  /**
   * Polls until `check` holds on the parsed screen, or fails with the screen in the message.
   * `check` may be text to find on screen, a RegExp, or a predicate.
   */
  async waitFor(check: string | RegExp | ((s: PtySession) => boolean), timeoutMs = 5000): Promise<void> {
    const test =
      typeof check === 'string' ? () => this.text().includes(check) : check instanceof RegExp ? () => check.test(this.text()) : () => check(this);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.settled();
      // Inside a synchronized-output block (a frame Ink has begun but not finished) the screen is
      // half old, half new: only judge complete frames.
      if (!this.term.modes.synchronizedOutputMode && test()) return;
      if (this.exitInfo) {
        await this.settled();
        if (test()) return;
        throw new Error(`program exited (${JSON.stringify(this.exitInfo)}) before ${String(check)}; screen:\n${this.text()}`);
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(check)}; screen:\n${this.text()}`);
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  waitForText(text: string, timeoutMs?: number): Promise<void> {
    return this.waitFor(text, timeoutMs);
  }

  /** Waits until no output has arrived for `quietMs` (the program finished drawing). */
  async quiet(quietMs = 120, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = this.output.length;
    let since = Date.now();
    while (Date.now() - since < quietMs) {
      if (Date.now() > deadline) throw new Error('output never went quiet');
      await new Promise((r) => setTimeout(r, 10));
      if (this.output.length !== seen) {
        seen = this.output.length;
        since = Date.now();
      }
    }
    await this.settled();
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    this.child.resize(cols, rows);
  }

  kill(signal = 'SIGTERM'): void {
    this.child.kill(signal);
  }

  /** Resolves when the program ends; fails after `timeoutMs`. */
  async exited(timeoutMs = 5000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`program still running after ${timeoutMs} ms; screen:\n${this.text()}`)), timeoutMs);
    });
    try {
      const e = await Promise.race([this.exit, timeout]);
      await this.settled();
      return e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the program if it still runs and removes its temporary home. */
  dispose(): void {
    if (!this.exitInfo) {
      try {
        this.child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    this.term.dispose();
    // A reader killed from outside (tmux kill-server) may still be writing its caches here for a
    // moment: a file made while the directory is removed fails it with ENOTEMPTY (seen once in CI).
    rmSync(this.home, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}

export function spawnPaperterm(opts: SpawnOptions = {}): PtySession {
  return new PtySession(opts);
}

/** The top row: the reader's header. */
export const header = (t: PtySession): string => t.lines()[0] ?? '';
/** The bottom row: the reader's footer. */
export const footer = (t: PtySession): string => t.lines()[t.term.rows - 1] ?? '';

/** Every cell of the screen with its looks: what the user sees, attributes included. */
export function picture(t: PtySession): string[] {
  const rows: string[] = [];
  for (let y = 0; y < t.term.rows; y++) {
    let row = '';
    for (let x = 0; x < t.term.cols; x++) {
      const c = t.cell(x, y);
      if (!c) continue;
      row += `${c.getChars() || ' '}${c.getFgColor()}.${c.getBgColor()}.${c.isBold()}${c.isInverse()}${c.isUnderline()}|`;
    }
    rows.push(row);
  }
  return rows;
}
