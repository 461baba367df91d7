// `o` in the reader: the link opens in the user's browser when that browser is on this machine,
// and is handed to the clipboard instead (the caller writes OSC 52) when it is not.
import type { EventEmitter } from 'node:events';

export type OpenOutcome =
  | { kind: 'opened' }
  /** The caller should copy the link instead; `why` is for the footer. */
  | { kind: 'copy'; why: 'remote' | 'no-display' | 'failed' };

/** What a launched opener looks like: an emitter of 'exit' and 'error', as a ChildProcess is. */
export type Launched = Pick<EventEmitter, 'once' | 'on'>;

export interface OpenLinkOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Starts the platform's opener detached; the default is the `open` package, loaded on first use. */
  launch?: (url: string) => Promise<Launched>;
  /** An opener that exits with an error this soon after starting did not open anything. */
  failWindowMs?: number;
}

/** A session reached over SSH: the browser and the clipboard are on the user's machine, not here. */
export function isRemoteSession(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT);
}

/** Whether a browser could appear: macOS and Windows always; elsewhere an X11 or Wayland display, or WSL. */
export function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY || env.WSL_DISTRO_NAME);
}

async function launchWithOpen(url: string): Promise<Launched> {
  const { default: open } = await import('open');
  // wait: false has `open` spawn the opener detached, stdio ignored, and unref it: the opener never
  // writes on our screen, never holds our exit, and lives on (as the browser does) after we quit.
  return open(url, { wait: false });
}

const FAIL_WINDOW_MS = 1000;

/**
 * Opens `url` with the platform's opener, or says why it should be copied instead. Never throws,
 * never keeps the process alive: a failing opener is noticed only if it exits with an error within
 * `failWindowMs`, and that wait is an unref'd timer.
 */
export async function openLink(url: string, options: OpenLinkOptions = {}): Promise<OpenOutcome> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  if (isRemoteSession(env)) return { kind: 'copy', why: 'remote' };
  if (!hasDisplay(env, platform)) return { kind: 'copy', why: 'no-display' };
  let child: Launched;
  try {
    child = await (options.launch ?? launchWithOpen)(url);
  } catch {
    return { kind: 'copy', why: 'failed' };
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'opened' }), options.failWindowMs ?? FAIL_WINDOW_MS);
    timer.unref();
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ kind: 'copy', why: 'failed' });
    });
    child.once('exit', (code: number | null) => {
      clearTimeout(timer);
      resolve(code === 0 ? { kind: 'opened' } : { kind: 'copy', why: 'failed' });
    });
  });
}

/** The footer's words for an outcome, once the caller has copied when told to. */
export function describeOutcome(outcome: OpenOutcome): string {
  if (outcome.kind === 'opened') return 'opened in the browser';
  if (outcome.why === 'remote') return 'remote session: link copied instead';
  if (outcome.why === 'no-display') return 'no display: link copied instead';
  return 'could not open: link copied instead';
}
