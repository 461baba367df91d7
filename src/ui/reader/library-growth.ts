import type { ReaderModel } from './model.js';
import type { SearchFetch } from './search-fetch.js';
import type { LibraryUpdate } from './types.js';

/**
 * More of the library was read (it loads newest digest first while the reader runs): papers were
 * appended, and papers already shown may have gained older dates in place. The list grows by the
 * new papers of its view, everything shown stays where it is (selection, scroll, the detail's
 * scroll), and a new loading problem becomes the status line.
 */
export class LibraryGrowth {
  readonly #model: ReaderModel;
  readonly #search: SearchFetch;
  /** The loading problem last shown. */
  #notice: string | undefined;

  constructor(model: ReaderModel, search: SearchFetch, notice: string | undefined) {
    this.#model = model;
    this.#search = search;
    this.#notice = notice;
  }

  grew(update: LibraryUpdate): void {
    const model = this.#model;
    const before = model.papers;
    const from = before.length;
    model.papers = update.papers;
    model.days = update.days;
    model.loading = update.loading;
    // Papers only ever append, unless a digest turned out older than its first lines said and the
    // library was rebuilt: then every list is made afresh.
    const appended = from === 0 || update.papers[from - 1] === before[from - 1];
    model.store.libraryGrew(update.papers, appended ? from : 0);
    if (update.notice !== undefined && update.notice !== this.#notice) {
      this.#notice = update.notice;
      model.status = { text: update.notice, warning: true };
    }
    // Without the index (it is built once the library is complete) every list is a view's, or the
    // answer of a scan over the papers read so far, which grows with them.
    if (!this.#search.engine || this.#search.growing) this.#search.libraryGrew(from, appended);
  }
}
