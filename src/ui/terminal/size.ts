/** Where the reader learns the terminal size: the real stdout in the app, a fake in tests. */
export interface SizeSource {
  get(): { cols: number; rows: number };
  /** Calls `onResize` after every size change; returns the unsubscribe function. */
  subscribe(onResize: () => void): () => void;
}

export function streamSize(stream: NodeJS.WriteStream): SizeSource {
  return {
    get: () => ({ cols: stream.columns || 80, rows: stream.rows || 24 }),
    subscribe(onResize) {
      stream.on('resize', onResize);
      return () => void stream.off('resize', onResize);
    },
  };
}

/** A size you set by hand: for component tests, which have no terminal. */
export function fixedSize(cols: number, rows: number): SizeSource & { resize(cols: number, rows: number): void } {
  let size = { cols, rows };
  const listeners = new Set<() => void>();
  return {
    get: () => size,
    subscribe(onResize) {
      listeners.add(onResize);
      return () => void listeners.delete(onResize);
    },
    resize(c, r) {
      size = { cols: c, rows: r };
      for (const l of listeners) l();
    },
  };
}
