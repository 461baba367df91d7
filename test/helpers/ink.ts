import { ESC_WAIT_MS } from '../../src/ui/terminal/key-reader.js';

/**
 * Lets keys written to the app's stdin be handled and scheduled work (searches) run. Keys are
 * handled synchronously inside stdin.write; three turns cover a search scheduled after the frame.
 */
export async function tick(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}

/**
 * Writes keys to an Ink app's stdin one at a time, as a terminal sends them, letting each be
 * handled. A read ending on a lone Esc is an Esc only once nothing follows it for ESC_WAIT_MS.
 */
export async function press(app: { stdin: { write(data: string): unknown } }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    app.stdin.write(k);
    if (k.endsWith('\u001b')) await new Promise((r) => setTimeout(r, ESC_WAIT_MS + 5));
    await tick();
  }
}

/** Ink apps a test file mounted: `track` each, and `unmountAll` after each test. */
export function mountedApps<T extends { unmount(): void }>() {
  const open: T[] = [];
  return {
    track(app: T): T {
      open.push(app);
      return app;
    },
    unmountAll(): void {
      for (const app of open.splice(0)) app.unmount();
    },
  };
}
