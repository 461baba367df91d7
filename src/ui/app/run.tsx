/**
 * The reader's data path, wired here:
 *
 *   keys:   stdin → terminal/key-reader (KeyDecoder) → useReaderKeys → ReaderSession.keys
 *   frames: ReaderSession snapshot → useReader → view/* (Ink components) → Ink, debug mode:
 *           one whole frame per change → terminal/frame-writer (ScreenDiff: changed cells) → stdout
 *   data:   core library load → session.libraryGrew; search index built after the first frame →
 *           session.buildIndex; the marks store attached after the first frame → session.marksChanged
 *   daily:  once the library is whole: state/seen recordOpened → session.setNewIds; core/watch-digests
 *           on the paths opened → session.digestsArrived (app/live-digests.ts)
 *   links:  o y Y c → Effects → app/link-effects.ts (OSC 52 / the opener) → session.notify
 */
import { PassThrough } from 'node:stream';
import { render, type Instance } from 'ink';
import { DeferredStore } from '../reader/deferred-store.js';
import type { LiveLibrary } from '../reader/live-library.js';
import { ReaderSession, type Effect, type MarkStore, type SessionOptions } from '../reader/session.js';
import { frameWriter } from '../terminal/frame-writer.js';
import { streamSize } from '../terminal/size.js';
import { dispatchKeyEvents } from '../view/key-dispatch.js';
import { ViewCache } from '../view/measure.js';
import { makeTheme } from '../view/theme.js';
import { App } from './App.js';
import { isLinkEffect, performLinkEffect } from './link-effects.js';
import { followDigests } from './live-digests.js';
import { newPapersAtOpen } from './new-papers.js';
import type { OpenTerminal } from './open-terminal.js';
import { mark } from '../../core/timeline.js';

export interface RunOptions {
  color: boolean;
  /**
   * Opens the writable marks store, after the first frame, when the session's store is a
   * DeferredStore that showed the marks until then. Marks made meanwhile are saved when it
   * attaches, at the latest on quit.
   */
  openStore?: () => Promise<MarkStore>;
  /**
   * The library is still being read (it started with its newest digests): its snapshots reach the
   * session as they come, and the search index is built once it is complete.
   */
  growing?: LiveLibrary;
  /** The state directory: new papers are recorded there (seen.json) once the library is whole. */
  stateDir?: string;
  /** The digest paths opened: watched for digests that arrive while the reader runs. */
  watch?: readonly string[];
  /**
   * Called once a library read in the background is whole (beside its index build), or once a
   * small library's search index is ready: caches the library as loaded (LibraryLoad.storeCache),
   * after the first frame rather than in its way. `stop` is aborted when
   * the reader quits: q answers at once rather than wait for a cache write (~1 s at 100,000 papers).
   */
  cacheLibrary?: (stop: AbortSignal) => void;
  /** For the opener and the clipboard (SSH, DISPLAY, TMUX, TERM). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Links in the detail as OSC 8 hyperlinks. */
  hyperlinks?: boolean;
}

/**
 * Emitted once the reader has drawn its first frame: the launcher (bin/paperterm.js) then keeps
 * V8's compiled code for the next start, which is what start-up ran rather than everything a long
 * session went on to run (a bigger cache is slower to load).
 */
export const STARTED_EVENT = 'paperterm:started';

/** A key held down repeats every 30–40 ms (faster on some systems, bunched over SSH): see SessionOptions.holdDetailMs. */
const HOLD_DETAIL_MS = 60;

/** Runs the reader on a terminal already taken (openTerminal) until the user quits; resolves with the exit code. */
export async function runReader(terminal: OpenTerminal, library: Omit<SessionOptions, 'cols' | 'rows'>, options: RunOptions): Promise<number> {
  const { stdout } = terminal;
  const size = streamSize(stdout);
  const session = new ReaderSession({ ...library, ...size.get(), holdDetailMs: HOLD_DETAIL_MS });
  const view = new ViewCache(session, makeTheme(options.color), { hyperlinks: options.hyperlinks ?? false });
  const writer = frameWriter(stdout);
  const growing = options.growing;
  let instance: Instance | undefined;
  let stopGrowing = () => {};
  terminal.onClose(() => {
    growing?.stop();
    stopGrowing();
    instance?.unmount();
    writer.close();
    session.dispose();
  });

  const env = options.env ?? process.env;
  const onEffect = (effect: Effect) => {
    // OSC 52 goes straight to the terminal between frames: it draws nothing.
    if (isLinkEffect(effect)) void performLinkEffect(effect, { write: (bytes) => stdout.write(bytes), notify: (text, warning) => session.notify(text, warning), env });
    else if (effect === 'quit') instance?.unmount();
    else if (effect === 'redraw') writer.repaint();
    else terminal.tty.suspend(() => writer.repaint());
  };
  const onResize = () => {
    const { cols, rows } = size.get();
    session.resize(cols, rows);
    writer.resized();
    // The terminal may have reflowed or scrolled what was on it: draw it all again, once the
    // frame for the new size is out.
    setImmediate(() => writer.repaint());
  };

  try {
    // Keys typed since the terminal was taken are read in the event loop's poll phase, which the
    // synchronous start-up has not reached: one turn of the loop, then the first frame shows what
    // they did (a search typed at once shows its results, a `q` quits before anything else).
    await new Promise<void>((done) => setImmediate(done));
    // An error or a signal in that turn gave the terminal back: there is no reader to start.
    if (terminal.released) return 1;
    const early = terminal.keys.take();
    const quitEarly = early.length > 0 && !dispatchKeyEvents(early, session, view, onEffect);
    // A search pending (given at launch or just typed) in a small library: the index is made before
    // the first frame (Session.indexNow), which then shows the results.
    if (!growing && !quitEarly) await session.indexNow();
    // A large one still loading answers a search from the papers read so far: with a search pending,
    // the first frame too; else the scan (which loads Fuse.js, ~50 ms) is made ready behind it.
    else if (growing && session.getSnapshot().query.trim() !== '') await session.searchWhileLoading();
    else if (growing) setImmediate(() => void session.searchWhileLoading().catch(terminal.fatal));
    mark('searched before first frame');
    instance = render(<App session={session} view={view} keys={terminal.keys} onEffect={onEffect} />, {
      stdout: writer.sink as unknown as NodeJS.WriteStream,
      // Keys are read by the terminal's key reader; Ink never touches the real stdin.
      stdin: new PassThrough() as unknown as NodeJS.ReadStream,
      stderr: terminal.stderr,
      // Whole frames, each written at once to the frame writer, which sends only what changed.
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    mark('first frame');
    (process as NodeJS.EventEmitter).emit(STARTED_EVENT);
    const stopResize = size.subscribe(onResize);
    terminal.onClose(stopResize);

    // The store and the search index are made ready after the first frame, so start-up waits for
    // neither; a search typed meanwhile runs when the index is ready.
    const deferred = library.store instanceof DeferredStore && options.openStore ? library.store : undefined;
    const storeReady = deferred
      ? new Promise<void>((done, fail) =>
          setImmediate(() =>
            options.openStore!().then((real) => {
              deferred.attach(real);
              session.marksChanged();
              done();
            }, fail),
          ),
        )
      : Promise.resolve();
    storeReady.catch(terminal.fatal);
    // Caching the library is for the next launch, nothing the user waits for: quitting stops it.
    const stopCaching = new AbortController();
    const cacheLibrary = () => {
      if (!stopCaching.signal.aborted) options.cacheLibrary?.(stopCaching.signal);
    };
    // Then, reader idle, the similar-papers index for r, in slices that leave keys free.
    const buildIndex = () =>
      new Promise<void>((indexed) =>
        setImmediate(() =>
          void session
            .buildIndex()
            .then(() => {
              indexed();
              setImmediate(() => session.prepareSimilar());
            })
            .catch(terminal.fatal),
        ),
      );
    // Once the library is whole: which papers are new since the last open, then live digests.
    const whole = () =>
      setImmediate(() => {
        if (options.stateDir) {
          const fresh = newPapersAtOpen(options.stateDir, session.papers);
          session.setNewIds(fresh.newIds);
          if (fresh.warning) session.notify(fresh.warning, true);
        }
        if (options.watch) {
          const watcher = followDigests(options.watch, session, options.stateDir ? { stateDir: options.stateDir } : {});
          terminal.onClose(() => watcher.close());
        }
      });
    const grew = () => {
      const grown = growing!.get();
      if (grown.papers !== session.papers || grown.loading !== session.getSnapshot().loading) session.libraryGrew(grown);
      if (grown.loading !== null) return false;
      stopGrowing();
      mark('library whole');
      const indexed = buildIndex();
      // The whole library is in (and its first answer, a scan's, on screen from 5,000 papers up):
      // it is cached now, beside the index build (~1 s of slices at 100,000 papers), not after it,
      // or a reader quit at the index's answer (~8 s later, cold) would leave no cache and the next
      // launch would be as cold.
      setImmediate(cacheLibrary);
      // A search waits for the index's answer: recording which papers are new (~0.2 s at 100,000
      // papers) comes after it, not between the whole library's first answer and the index's.
      if (session.getSnapshot().query.trim() !== '') void indexed.then(whole);
      else whole();
      return true;
    };
    if (!growing) {
      void buildIndex().then(cacheLibrary);
      whole();
    }
    else if (!grew()) stopGrowing = growing.subscribe(grew);
    if (quitEarly) instance.unmount();
    await instance.waitUntilExit();
    stopCaching.abort();
    // Quit in the first moments: marks made before the store attached are saved now.
    await storeReady;
    return 0;
  } catch (err) {
    return terminal.failed(err);
  } finally {
    terminal.close();
  }
}
