/** Bytes a key sends on an xterm-compatible terminal (no pty needed: unit tests use it too). */
export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  home: '\u001b[H',
  end: '\u001b[F',
  pageup: '\u001b[5~',
  pagedown: '\u001b[6~',
  enter: '\r',
  tab: '\t',
  escape: '\u001b',
  space: ' ',
  backspace: '\u007f',
  delete: '\u001b[3~',
  'ctrl+c': '\u0003',
  'ctrl+d': '\u0004',
  'ctrl+l': '\u000c',
  'ctrl+u': '\u0015',
  'ctrl+z': '\u001a',
} as const;

export type KeyName = keyof typeof KEYS;
