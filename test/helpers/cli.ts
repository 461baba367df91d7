import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { resolve } from 'node:path';
import { tempDir } from './digests.js';

export const BIN = resolve(import.meta.dirname, '../../bin/paperterm.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary as a child process, with no terminal, the way scripts use it. */
export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeout?: number } = {}): CliResult {
  // Fresh state and cache dirs unless the test names them: tests never touch the user's real marks
  // or ~/.cache.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PAPERTERM_STATE_DIR: tempDir('paperterm-state-'),
    PAPERTERM_CACHE_DIR: tempDir('paperterm-cache-'),
    ...opts.env,
  };
  delete env.PAPERTERM_DIGESTS;
  if (opts.env?.PAPERTERM_DIGESTS) env.PAPERTERM_DIGESTS = opts.env.PAPERTERM_DIGESTS;
  const spawnOpts: SpawnSyncOptions = { env, cwd: opts.cwd, input: opts.input ?? '', encoding: 'utf8', timeout: opts.timeout ?? 30_000, killSignal: 'SIGKILL' };
  const r = spawnSync(process.execPath, [BIN, ...args], spawnOpts);
  // SIGKILL: a process blocked in a system call with a SIGTERM handler installed (conf's exit hooks) never ends on SIGTERM.
  if (r.signal === 'SIGKILL' && r.status === null) throw new Error(`paperterm ${args.join(' ')}: still running after ${spawnOpts.timeout} ms`);
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A user-facing error: every stderr line is a one-liner starting "paperterm:", never a stack frame. */
export function expectCleanErrors(stderr: string): string[] {
  const lines = stderr.split('\n').filter(Boolean);
  for (const l of lines) {
    if (!l.startsWith('paperterm: ') || /^\s+at /.test(l)) throw new Error(`unexpected stderr line: ${l}`);
  }
  return lines;
}
