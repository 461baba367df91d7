import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { DISABLE_BRACKETED_PASTE, ENABLE_BRACKETED_PASTE, ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../src/ui/terminal/escapes.js';
import { takeTerminal } from '../src/ui/terminal/tty.js';

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
  test('raw mode is set before anything is written: a key typed before the first frame is not echoed', () => {
    const s = streams();
    let rawWhenWritten: boolean | undefined;
    const write = s.stdout.write;
    s.stdout.write = ((text: string) => ((rawWhenWritten ??= s.stdin.isRaw), write(text))) as typeof s.stdout.write;
    const tty = takeTerminal(s.stdin, s.stdout);
    expect(rawWhenWritten).toBe(true);
    expect(s.written).toHaveLength(1);
    expect(s.written[0]).toContain(ENTER_ALT_SCREEN);
    expect(s.written[0]).toContain(ENABLE_BRACKETED_PASTE);
    tty.restore();
    tty.restore();
    expect(s.stdin.isRaw).toBe(false);
    expect(s.written).toHaveLength(2);
    // Every mode switched on is switched off, the alternate screen last.
    expect(s.written[1]).toContain(DISABLE_BRACKETED_PASTE);
    expect(s.written[1]!.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN)).toBe(true);
    expect(s.modes).toEqual([true, false]);
  });
});
