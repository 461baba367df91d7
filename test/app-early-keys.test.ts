// Keys typed before the reader's first frame (typed at once after launching it) are applied before
// that frame is drawn: it shows what they did. The app (runReader) on fake terminal streams.
import { PassThrough } from 'node:stream';
import xtermHeadless from '@xterm/headless';
import { afterEach, expect, test } from 'vitest';
import { openStateStore, readMarks } from '../src/state/store.js';
import { openTerminal } from '../src/ui/app/open-terminal.js';
import { runReader } from '../src/ui/app/run.js';
import { DeferredStore } from '../src/ui/reader/deferred-store.js';
import { END_SYNC } from '../src/ui/terminal/escapes.js';
import { cleanupStores, sampleLibrary, sampleSearchEngine } from './helpers/session.js';
import { makeTempDir } from './state-helpers.js';

afterEach(cleanupStores);

function fakeTerminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode: () => stdin });
  const written: string[] = [];
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 30 });
  stdout.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
  const stderr = new PassThrough();
  const terminal = openTerminal(
    { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream },
    { mouse: false },
  );
  /** What was written up to the end of the first frame. */
  const firstFrame = () => {
    const all = written.join('');
    const end = all.indexOf(END_SYNC);
    return end < 0 ? undefined : all.slice(0, end);
  };
  return { stdin, terminal, firstFrame };
}

/** The reader on the sample library, its marks in `dir`. */
/** The reader on the sample library (or on what `library` gives instead), its marks in `dir`. */
function startReader(
  t: ReturnType<typeof fakeTerminal>,
  dir: string,
  options: Partial<Parameters<typeof runReader>[2]> = {},
  library: Partial<Parameters<typeof runReader>[1]> = {},
) {
  const { papers, days } = sampleLibrary();
  return runReader(t.terminal, { papers, days, store: new DeferredStore(readMarks(dir)), ...library }, { color: false, openStore: () => openStateStore({ dir }), ...options });
}

const until = async (ok: () => boolean | Promise<boolean>) => {
  const deadline = Date.now() + 10_000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

test('a search typed before the first frame: the first frame already shows its results and the move typed after it', async () => {
  const { dir, cleanup } = makeTempDir();
  try {
    const { papers } = sampleLibrary();
    const t = fakeTerminal();
    t.stdin.write('/diffusion\rj');
    const running = startReader(t, dir);
    await until(() => t.firstFrame() !== undefined);
    const count = sampleSearchEngine().search('diffusion', { limit: 1 }).total;
    // The frame's text without its styles: the search line's cursor is drawn with them.
    const text = t.firstFrame()!.replace(/\u001b\[[0-9;]*m/g, '');
    expect(text).toContain(`/diffusion  ${count}/${papers.length} matches`);
    expect(text).toContain(`2/${count}`);
    t.stdin.write('q');
    expect(await running).toBe(0);
  } finally {
    cleanup();
  }
});

test('a star and q typed before the first frame: the reader quits at once and the star is saved', async () => {
  const { dir, cleanup } = makeTempDir();
  try {
    const t = fakeTerminal();
    t.stdin.write('sq');
    const running = startReader(t, dir);
    expect(await running).toBe(0);
    const starred = [...readMarks(dir).marks.values()].filter((m) => m.starred);
    expect(starred).toHaveLength(1);
  } finally {
    cleanup();
  }
});

test('the library is cached once the index is ready, and quitting stops that (q never waits for a cache write)', async () => {
  const { dir, cleanup } = makeTempDir();
  try {
    const t = fakeTerminal();
    const asked: AbortSignal[] = [];
    const running = startReader(t, dir, { cacheLibrary: (stop) => void asked.push(stop) });
    await until(() => asked.length === 1);
    expect(asked[0]!.aborted).toBe(false);
    t.stdin.write('q');
    expect(await running).toBe(0);
    expect(asked[0]!.aborted).toBe(true);
    expect(asked).toHaveLength(1);
  } finally {
    cleanup();
  }
});

test('a library read in the background is cached once it is all in, beside the index build, not after the index is ready', async () => {
  const { dir, cleanup } = makeTempDir();
  try {
    const { papers, days } = sampleLibrary();
    const t = fakeTerminal();
    // The screen as a terminal shows it: frames after the first only rewrite what changed.
    const term = new xtermHeadless.Terminal({ cols: 100, rows: 30, allowProposedApi: true, scrollback: 0 });
    let parsed = Promise.resolve();
    (t.terminal.stdout as unknown as PassThrough).on('data', (chunk: Buffer) => {
      parsed = parsed.then(() => new Promise<void>((done) => term.write(chunk, done)));
    });
    const header = async () => {
      await parsed;
      return term.buffer.active.getLine(0)?.translateToString(true) ?? '';
    };
    // Half the library read, then the rest: as loadInBackground hands a large library over.
    let snapshot = { papers: papers.slice(0, 200), days, loading: 0.5 as number | null, notice: undefined };
    const listeners = new Set<() => void>();
    const growing = { get: () => snapshot, subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)), stop: () => {} };
    const asked: Promise<string>[] = [];
    const running = startReader(t, dir, { growing, cacheLibrary: () => void asked.push(header()) }, { papers: snapshot.papers, query: 'model soup', loading: 0.5 });
    await until(() => t.firstFrame() !== undefined);
    snapshot = { ...snapshot, papers, loading: null };
    for (const l of listeners) l();
    const indexed = sampleSearchEngine().search('model soup', { limit: 1 }).total;
    await until(async () => (await header()).includes(`model soup  ${indexed}/${papers.length} matches`));
    // Asked once, while the index was still being built (a library this small waits for it; one of
    // 5,000 papers and more shows a scan's answer meanwhile): not after the index's answer.
    expect(asked).toHaveLength(1);
    expect(await asked[0]!).toMatch(new RegExp(`^ paperterm  ${papers.length} papers .*/model soup  indexing…`));
    t.stdin.write('q');
    expect(await running).toBe(0);
  } finally {
    cleanup();
  }
});
