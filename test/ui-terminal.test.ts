import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { ENTER_ALT_SCREEN, enterTerminal, LEAVE_ALT_SCREEN } from '../src/ui/terminal.js';

function streams() {
  const written: string[] = [];
  const stdout = { write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream;
  const modes: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    setRawMode(on: boolean) {
      modes.push(on);
      stdin.isRaw = on;
      return stdin;
    },
  });
  return { stdin: stdin as unknown as NodeJS.ReadStream & { isRaw: boolean }, stdout, written, modes };
}

describe('the terminal session', () => {
  test('is raw from the moment the alternate screen is on: a key typed before the first frame is not echoed', () => {
    const s = streams();
    const session = enterTerminal(s.stdin, s.stdout);
    expect(s.written).toEqual([ENTER_ALT_SCREEN]);
    expect(s.stdin.isRaw).toBe(true);
    session.restore();
    expect(s.stdin.isRaw).toBe(false);
    expect(s.written.at(-1)).toContain(LEAVE_ALT_SCREEN);
    expect(s.modes).toEqual([true, false]);
  });
});
