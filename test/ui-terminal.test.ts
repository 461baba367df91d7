import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { openTerminal } from '../src/ui/app/open-terminal.js';
import {
  DISABLE_BRACKETED_PASTE,
  DISABLE_MOUSE,
  ENABLE_BRACKETED_PASTE,
  ENABLE_MOUSE,
  ENTER_ALT_SCREEN,
  LEAVE_ALT_SCREEN,
  SHOW_CURSOR,
} from '../src/ui/terminal/escapes.js';
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

  test('mouse reporting: buttons and SGR only (no motion), on with the other modes and off again on restore', () => {
    expect(ENABLE_MOUSE).toBe('\u001b[?1000h\u001b[?1006h');
    const s = streams();
    const tty = takeTerminal(s.stdin, s.stdout, { mouse: true });
    expect(s.written[0]).toContain(ENABLE_MOUSE);
    expect(s.written[0]).not.toMatch(/\?100[23]h/);
    tty.restore();
    expect(s.written[1]).toContain(DISABLE_MOUSE);
    // --no-mouse: never asked for.
    const off = streams();
    takeTerminal(off.stdin, off.stdout, { mouse: false }).restore();
    expect(off.written.join('')).not.toContain('?1000');
  });

  test('an internal error gives the terminal back with the mouse off, and says so in one line', () => {
    const s = streams();
    const errors: string[] = [];
    const stderr = { write: (t: string) => (errors.push(t), true) } as unknown as NodeJS.WriteStream;
    const terminal = openTerminal({ stdin: s.stdin, stdout: s.stdout, stderr });
    try {
      expect(s.written[0]).toContain(ENABLE_MOUSE);
      expect(terminal.failed(new Error('boom\nstack'))).toBe(70);
      expect(s.written.at(-1)).toContain(DISABLE_MOUSE);
      expect(errors).toEqual(['paperterm: internal error: boom\n']);
    } finally {
      terminal.close();
    }
  });
});
