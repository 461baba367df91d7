/**
 * Earlier searches, as the reader reads and adds to them (the app backs it with the state
 * directory's search history: state/search-history.ts).
 */
export interface SearchHistory {
  /** Earlier queries, most recent first (at most 100, no duplicates). Read when ↑ first needs it. */
  queries(): readonly string[];
  /** A search was kept with Enter: it becomes the most recent. */
  record(query: string): void;
}

/**
 * ↑ / ↓ in the search line while it is empty or as it was opened (or as ↑ / ↓ last left it): the
 * line walks earlier queries, most recent first, as a shell's history does; ↓ past the newest gives
 * back the line as it was. Once a key edits the line, ↑ / ↓ move in the results again.
 */
export class HistoryWalk {
  readonly #history: SearchHistory | undefined;
  #queries: readonly string[] | undefined;
  /** Index in #queries of the query on the line; -1: the line as opened. */
  #at = -1;
  #opened = '';
  /** The line is as opened or as the walk left it. */
  #untouched = false;

  constructor(history: SearchHistory | undefined) {
    this.#history = history;
  }

  opened(text: string): void {
    this.#opened = text;
    this.#at = -1;
    this.#untouched = true;
    this.#queries = undefined;
  }

  edited(): void {
    this.#untouched = false;
  }

  /** The line ↑ (older) or ↓ (newer) gives, or undefined when the key should move in the results. */
  step(older: boolean, line: string): string | undefined {
    if (!this.#history) return undefined;
    if (!this.#untouched) {
      if (line.trim() !== '') return undefined;
      this.opened(line);
    }
    // The query already on the line is not offered again.
    const queries = (this.#queries ??= this.#history.queries().filter((q) => q !== this.#opened.trim()));
    if (queries.length === 0) return undefined;
    if (older) {
      if (this.#at + 1 < queries.length) this.#at++;
      return queries[this.#at];
    }
    if (this.#at < 0) return undefined;
    this.#at--;
    return this.#at < 0 ? this.#opened : queries[this.#at];
  }

  /** Enter kept a search. */
  kept(query: string): void {
    if (query.trim() !== '') this.#history?.record(query.trim());
  }
}
