/**
 * Colour is off with --no-color, NO_COLOR set to anything (no-color.org), FORCE_COLOR=0 or on a
 * dumb terminal. Only colour: bold and inverse stay, so the selection always shows.
 */
export function wantsColor(env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (noColorFlag || env.NO_COLOR) return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  return env.TERM !== 'dumb';
}
