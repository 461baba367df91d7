import { join, resolve } from 'node:path';
import envPaths from 'env-paths';

/** conf options naming the store; `~/.config/paperterm/state.json` on Linux unless told otherwise. */
export const CONF_PROJECT_NAME = 'paperterm';
export const CONF_PROJECT_SUFFIX = '';
export const CONF_CONFIG_NAME = 'state';
export const STATE_FILE_NAME = `${CONF_CONFIG_NAME}.json`;

export const STATE_DIR_ENV = 'PAPERTERM_STATE_DIR';

/**
 * The directory holding the store: --state-dir, else $PAPERTERM_STATE_DIR, else conf's per-user
 * config location. Computed here (env-paths, exactly as conf does) so commands that only read marks
 * need not load conf and its schema validator (~190 ms of start-up).
 */
export function stateDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return resolve(flag);
  const fromEnv = env[STATE_DIR_ENV];
  if (fromEnv) return resolve(fromEnv);
  return envPaths(CONF_PROJECT_NAME, { suffix: CONF_PROJECT_SUFFIX }).config;
}

export function stateFilePath(dir: string): string {
  return join(dir, STATE_FILE_NAME);
}
