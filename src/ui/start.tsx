import { render, type Instance } from 'ink';
import { ReaderApp } from './components/App.js';
import { DeferredStore } from './reader/deferred-store.js';
import type { LiveLibrary } from './reader/live-library.js';
import { openReader, type OpenOptions, type OpenReader } from './open-reader.js';
import type { MarkStore, SessionOptions } from './reader/session.js';

export interface RunOptions {
  /**
   * Opens the writable marks store, after the first frame, when `store` is a DeferredStore that
   * showed the marks until then. Marks made meanwhile are saved when it attaches, at the latest on quit.
   */
  openStore?: () => Promise<MarkStore>;
  /** The store the session was opened with (see openStore). */
  store?: MarkStore;
  /**
   * The library is still being read (it started with its newest digests): its snapshots reach the
   * session as they come, and the search index is built once it is complete.
   */
  growing?: LiveLibrary;
}

export type StartOptions = OpenOptions & RunOptions;

// Frames per second Ink may draw at most. The painter draws every change as it happens, so Ink's
// frames (the same lines, ~20 ms of work each at 120×40) only confirm it: fewer of them while a key
// is held costs nothing on screen and cuts the reader's CPU time per held-key move by ~30%.
const MAX_FPS = 10;

/** Opens the reader (openReader) and runs it with Ink until the user quits; resolves with the exit code. */
export function startReader(library: Omit<SessionOptions, 'cols' | 'rows'>, options: StartOptions): Promise<number> {
  return runReader(openReader(library, options), { ...options, store: library.store });
}

/**
 * Runs a reader already on screen with Ink until the user quits; resolves with the exit code. The
 * terminal is restored on every way out: q, Ctrl-C, an uncaught error, SIGTERM / SIGHUP / SIGINT.
 */
export async function runReader(opened: OpenReader, options: RunOptions): Promise<number> {
  const { session: reader, stdin, stderr } = opened;
  const growing = options.growing;
  let instance: Instance | undefined;
  let stopGrowing = () => {};
  opened.onShutdown(() => {
    growing?.stop();
    stopGrowing();
    instance?.unmount();
  });
  const fatal = opened.fatal;

  try {
    if (opened.failure !== undefined) throw opened.failure;
    const app = (
      <ReaderApp session={reader} renderer={opened.renderer} size={opened.size} color={opened.color} fullscreen onSuspend={opened.terminal.suspend} />
    );
    instance = render(app, {
      stdin,
      stdout: opened.screen.stdout,
      stderr,
      exitOnCtrlC: true,
      // Whole frames: fullscreenStdout works out the changed cells itself.
      incrementalRendering: false,
      maxFps: MAX_FPS,
      onRender: opened.frames.frameDrawn,
    });
    // The store and the search index are made ready after the first frame (the index a slice at a
    // time between keys), so startup waits for neither; a search typed meanwhile runs when it is ready.
    const deferred = options.store instanceof DeferredStore && options.openStore ? options.store : undefined;
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
    storeReady.catch(fatal);
    const buildIndex = () => setImmediate(() => void reader.buildIndex().catch(fatal));
    const grew = () => {
      const grown = growing!.get();
      if (grown.papers !== reader.papers || grown.loading !== reader.getSnapshot().loading) reader.libraryGrew(grown);
      if (grown.loading !== null) return false;
      stopGrowing();
      buildIndex();
      return true;
    };
    // Reading went on while Ink loaded: catch up first.
    if (!growing) buildIndex();
    else if (!grew()) stopGrowing = growing.subscribe(grew);
    await instance.waitUntilExit();
    // Quit in the first moments: marks made before the store attached are saved now.
    await storeReady;
    return 0;
  } catch (err) {
    return opened.failed(err);
  } finally {
    opened.close();
    // Let the process end: nothing should hold the event loop once the reader is gone.
    stdin.pause();
  }
}
