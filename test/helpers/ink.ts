/**
 * Lets Ink read the keys written to its stdin and scheduled work (searches) run. Ink handles a key
 * synchronously inside stdin.write, except a lone Esc, which it holds for one setImmediate to tell it
 * from the start of an escape sequence; three turns cover that and a search scheduled after a frame.
 */
export async function tick(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}
