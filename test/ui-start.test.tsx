/**
 * The reader's exit paths that a user cannot trigger on purpose (a bug while drawing, an exception
 * nobody caught), run in-process on stand-in terminal streams.
 */
import { Console } from 'node:console';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { cleanupStores, tempStore } from './helpers/session.js';
import { makeTempDir } from './state-helpers.js';
import { openStateStore, readMarks } from '../src/state/index.js';
import { marksOf } from '../src/state/types.js';
import { DeferredStore } from '../src/ui/reader/deferred-store.js';
import type { Paper } from '../src/core/types.js';
import { openTerminal } from '../src/ui/app/open-terminal.js';
import { runReader, type RunOptions } from '../src/ui/app/run.js';
import type { SessionOptions } from '../src/ui/reader/session.js';
import { ENTER, LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../src/ui/terminal/escapes.js';

/** What the reader command does once the library is read: take the terminal, run the reader on it. */
function startReader(library: Omit<SessionOptions, 'cols' | 'rows'>, options: RunOptions & ReturnType<typeof fakeTerminal>['streams']) {
  return runReader(openTerminal(options), library, options);
}

/** Real streams (Ink hands them to console.Console) dressed up as a 80×24 terminal. */
function fakeTerminal() {
  const record = () => {
    const stream = Object.assign(new Writable(), { text: '', isTTY: true, columns: 80, rows: 24 });
    // Written at once, as a terminal is (the text is the screen at each moment); the callback comes
    // later, as streams promise.
    stream.write = ((chunk: unknown, enc?: unknown, cb?: unknown) => {
      stream.text += String(chunk);
      const done = typeof enc === 'function' ? enc : cb;
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }) as typeof stream.write;
    return stream;
  };
  const stdout = record();
  const stderr = record();
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    setRawMode(on: boolean) {
      stdin.isRaw = on;
      return stdin;
    },
  });
  const streams = {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
  };
  return { stdin, stdout, stderr, streams };
}

const paper = (title: string): Paper => ({ id: title, title, abstract: 'An abstract.', dates: ['Mar 18'], days: ['2025-03-18'], sources: ['x'], links: [] });

beforeAll(() => {
  // Ink routes console output around its frames with `new console.Console(…)`; vitest's own
  // console object lacks that constructor, Node's has it.
  (console as { Console?: typeof Console }).Console ??= Console;
});

afterEach(() => {
  vi.restoreAllMocks();
  cleanupStores();
});

/** What the reader command hands over: papers, their dates, a real store in a temp dir. */
async function library(papers: Paper[]) {
  return { papers, days: [{ day: '2025-03-18', label: 'Mar 18' }], store: (await tempStore()).store };
}

describe('the reader\'s exit paths', () => {
  test('an error while drawing: terminal restored, one line on stderr, exit code 70', async () => {
    const t = fakeTerminal();
    const broken = paper('fine');
    Object.defineProperty(broken, 'title', {
      get() {
        throw new Error('title exploded\nsecond line of detail');
      },
    });
    const code = await startReader(await library([broken]), { color: false, ...t.streams });
    expect(code).toBe(70);
    expect(t.stderr.text).toContain('paperterm: internal error: title exploded\n');
    expect(t.stderr.text).not.toContain('second line');
    expect(t.stdout.text.startsWith(ENTER)).toBe(true);
    expect(t.stdout.text.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN)).toBe(true);
    expect(t.stdout.text.split(LEAVE_ALT_SCREEN)).toHaveLength(2);
    expect(t.stdin.isRaw).toBe(false);
  }, 15_000);

  test('an exception nobody caught: terminal restored first, then one line and exit 70', async () => {
    const t = fakeTerminal();
    const exits: (number | undefined)[] = [];
    vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      exits.push(code);
      // What the terminal showed when the process would have ended.
      expect(t.stdout.text.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN)).toBe(true);
      return undefined as never;
    }) as typeof process.exit);
    const listeners = process.listeners('uncaughtException').length;
    const running = startReader(await library([paper('a'), paper('b')]), { color: false, ...t.streams });
    await vi.waitFor(() => expect(t.stdin.isRaw).toBe(true), { timeout: 10_000 });
    process.emit('uncaughtException', new Error('kaboom'));
    expect(exits).toEqual([70]);
    expect(t.stderr.text).toContain('paperterm: internal error: kaboom\n');
    expect(t.stdin.isRaw).toBe(false);
    await running;
    expect(t.stdout.text.split(LEAVE_ALT_SCREEN)).toHaveLength(2);
    expect(process.listeners('uncaughtException')).toHaveLength(listeners);
  }, 15_000);
});

describe('the marks store opens after the first frame', () => {
  test('a mark made before it is open, then q at once: saved when the reader returns', async () => {
    const t = fakeTerminal();
    const { dir, cleanup } = makeTempDir();
    try {
      const store = new DeferredStore(readMarks(dir));
      let opened = false;
      const openStore = async () => {
        await new Promise((r) => setTimeout(r, 150));
        opened = true;
        return openStateStore({ dir });
      };
      const running = startReader({ papers: [paper('a'), paper('b')], days: [{ day: '2025-03-18', label: 'Mar 18' }], store }, { color: false, openStore, ...t.streams });
      await vi.waitFor(() => expect(t.stdin.isRaw).toBe(true), { timeout: 10_000 });
      t.stdin.write(' ');
      t.stdin.write('q');
      expect(await running).toBe(0);
      expect(opened).toBe(true);
      expect(marksOf((await openStateStore({ dir })).marks, 'a').read).toBe(true);
    } finally {
      cleanup();
    }
  }, 15_000);
});
