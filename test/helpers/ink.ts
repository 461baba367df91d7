/**
 * Lets Ink read the keys written to its stdin and scheduled work (searches) run. Ink handles a key
 * synchronously inside stdin.write, except a lone Esc, which it holds for one setImmediate to tell it
 * from the start of an escape sequence; three turns cover that and a search scheduled after a frame.
 */
export async function tick(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}

/** Writes keys to an Ink app's stdin one at a time, as a terminal sends them, letting each be handled. */
export async function press(app: { stdin: { write(data: string): unknown } }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    app.stdin.write(k);
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
