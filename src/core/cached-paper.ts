import type { Paper } from './types.js';

/** Where the abstracts of a cached library's papers are read from when first asked for (library-cache-read.ts). */
export interface AbstractStore {
  /** The abstract of the library's paper number `at`; `paper` names the digests to read it from should the cache fail. */
  text(at: number, paper: Paper): string;
  /** Its length, known without reading it. */
  length(at: number): number;
}

/**
 * A paper of a library read from the library cache, whose abstract is read from there when first
 * asked for: a launch needs the titles of every paper but the abstracts of a few (the detail, the
 * search's highlights), and reading all of them first cost a warm launch at 100,000 papers ~1 s
 * before its first answer. `abstract` is an own enumerable accessor, so a spread, JSON or an
 * equality check sees a plain paper (and reads the abstract); every instance shares one getter and
 * setter, which keeps them all on one fast V8 map (as BuiltPaper's links).
 */
export class CachedPaper implements Paper {
  declare id: string;
  declare title: string;
  declare abstract: string;
  declare dates: string[];
  declare days: string[];
  declare sources: string[];
  declare links: string[];
  #store: AbstractStore | undefined;
  #at: number;
  #abstract: string | undefined;

  static readonly #accessor = {
    get(this: CachedPaper): string {
      if (this.#abstract === undefined) {
        this.#abstract = this.#store!.text(this.#at, this);
        this.#store = undefined;
      }
      return this.#abstract;
    },
    set(this: CachedPaper, abstract: string): void {
      this.#abstract = abstract;
      this.#store = undefined;
    },
    enumerable: true,
    configurable: true,
  };

  constructor(id: string, title: string, store: AbstractStore, at: number, dates: string[], days: string[], sources: string[], links: string[]) {
    this.#store = store;
    this.#at = at;
    // In a plain paper's order (id, title, abstract, ...): what JSON and a spread list.
    this.id = id;
    this.title = title;
    Object.defineProperty(this, 'abstract', CachedPaper.#accessor);
    this.dates = dates;
    this.days = days;
    this.sources = sources;
    this.links = links;
  }

  /** The abstract's length, without reading it. */
  get abstractLength(): number {
    return this.#abstract?.length ?? this.#store!.length(this.#at);
  }

  /** Whether the abstract has been read (or set). */
  get abstractRead(): boolean {
    return this.#abstract !== undefined;
  }
}

/** A paper's abstract length, without reading a cached paper's abstract (the search index checks it against every paper). */
export function abstractLengthOf(paper: Paper): number {
  return paper instanceof CachedPaper ? paper.abstractLength : paper.abstract.length;
}
