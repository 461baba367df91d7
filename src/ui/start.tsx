import { render, type Instance } from 'ink';
import { ReaderApp } from './components/App.js';
import { afterNextFrame } from './frame-scheduler.js';
import { fullscreenStdout } from './ink-stdout.js';
import type { LiveLibrary } from './live-library.js';
import { DeferredStore } from './deferred-store.js';
import { startPainter } from './painter.js';
import { ScreenRenderer } from './screen/compose.js';
import { ReaderSession, type MarkStore, type SessionOptions } from './session.js';
import { streamSize } from './size.js';
import { enterTerminal } from './terminal.js';
import { makeTheme } from './theme.js';

export interface StartOptions {
  color: boolean;
  /**
   * Opens the writable marks store, after the first frame, when `store` is a DeferredStore that
   * showed the marks until then. Marks made meanwhile are saved when it attaches, at the latest on quit.
   */
  openStore?: () => Promise<MarkStore>;
  /**
   * The library is still being read (it started with its newest digests): its snapshots reach the
   * session as they come, and the search index is built once it is complete.
   */
  growing?: LiveLibrary;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

// Frames per second Ink may draw at most. Keys arriving faster (a held j over SSH) are folded into
// one frame instead of queueing a frame each; the first key after a pause is drawn at once.
const MAX_FPS = 30;
/** A key held down repeats every 30–40 ms (faster on some systems, bunched over SSH): see holdDetailMs. */
const HOLD_DETAIL_MS = 60;

const SIGNALS = { SIGTERM: 15, SIGHUP: 1, SIGINT: 2 } as const;

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? '';
}

/**
 * Runs the interactive reader until the user quits; resolves with the exit code. The terminal is
 * restored on every way out: q, Ctrl-C, an uncaught error, SIGTERM / SIGHUP / SIGINT.
 */
export async function startReader(library: Omit<SessionOptions, 'cols' | 'rows'>, options: StartOptions): Promise<number> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const size = streamSize(stdout);
  const frames = afterNextFrame();
  const reader = new ReaderSession({ ...library, ...size.get(), schedule: frames.schedule, holdDetailMs: HOLD_DETAIL_MS });
  const renderer = new ScreenRenderer(reader, makeTheme(options.color));
  const growing = options.growing;
  const session = enterTerminal(stdin, stdout);
  const screen = fullscreenStdout(stdout);
  let instance: Instance | undefined;
  let stopGrowing = () => {};
  const stopPainting = startPainter(reader, renderer, screen.paint, frames.frameWritten);

  const shutdown = () => {
    stopPainting();
    growing?.stop();
    stopGrowing();
    reader.dispose();
    try {
      instance?.unmount();
    } catch {
      // Unmounting a broken tree can throw again; the terminal still has to come back.
    }
    session.restore();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    shutdown();
    process.exit(128 + SIGNALS[signal as keyof typeof SIGNALS]);
  };
  const onFatal = (err: unknown) => {
    shutdown();
    stderr.write(`paperterm: internal error: ${oneLine(err)}\n`);
    process.exit(70);
  };
  for (const s of Object.keys(SIGNALS)) process.on(s, onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);

  try {
    const app = <ReaderApp session={reader} renderer={renderer} size={size} color={options.color} fullscreen onSuspend={session.suspend} />;
    instance = render(app, {
      stdin,
      stdout: screen.stdout,
      stderr,
      exitOnCtrlC: true,
      // Whole frames: fullscreenStdout works out the changed cells itself.
      incrementalRendering: false,
      maxFps: MAX_FPS,
      onRender: frames.frameDrawn,
    });
    // The store and the search index are made ready after the first frame (the index a slice at a
    // time between keys), so startup waits for neither; a search typed meanwhile runs when it is ready.
    const deferred = library.store instanceof DeferredStore && options.openStore ? library.store : undefined;
    const storeReady = deferred
      ? new Promise<void>((done, fail) =>
          setImmediate(() =>
            options.openStore!().then((real) => {
              deferred.attach(real);
              reader.marksChanged();
              done();
            }, fail),
          ),
        )
      : Promise.resolve();
    storeReady.catch(onFatal);
    const buildIndex = () => setImmediate(() => void reader.buildIndex().catch(onFatal));
    if (growing && growing.get().loading !== null) {
      stopGrowing = growing.subscribe(() => {
        const grown = growing.get();
        reader.libraryGrew(grown);
        if (grown.loading === null) {
          stopGrowing();
          buildIndex();
        }
      });
    } else {
      buildIndex();
    }
    await instance.waitUntilExit();
    // Quit in the first moments: marks made before the store attached are saved now.
    await storeReady;
    return 0;
  } catch (err) {
    shutdown();
    stderr.write(`paperterm: internal error: ${oneLine(err)}\n`);
    return 70;
  } finally {
    shutdown();
    for (const s of Object.keys(SIGNALS)) process.off(s, onSignal);
    process.off('uncaughtException', onFatal);
    process.off('unhandledRejection', onFatal);
    // Let the process end: nothing should hold the event loop once the reader is gone.
    stdin.pause();
  }
}
