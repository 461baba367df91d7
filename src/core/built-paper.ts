import { extractLinks } from './links.js';
import type { Paper } from './types.js';

/**
 * A paper of a loaded library whose links are looked for in its abstract when first asked for:
 * only a paper shown, opened or exported needs them, and looking through every abstract of a large
 * library cost a cold load ~0.45 s of the main thread (100,000 papers) before its first answer.
 * `links` is an own enumerable accessor, so a spread, JSON or an equality check sees a plain paper;
 * every instance shares one getter and setter, which keeps them all on one fast V8 map.
 */
export class BuiltPaper implements Paper {
  #links: string[] | undefined;
  declare links: string[];

  static readonly #accessor = {
    get(this: BuiltPaper): string[] {
      return (this.#links ??= extractLinks(this.abstract));
    },
    set(this: BuiltPaper, links: string[]): void {
      this.#links = links;
    },
    enumerable: true,
    configurable: true,
  };

  constructor(
    public id: string,
    public title: string,
    public abstract: string,
    public dates: string[],
    public days: string[],
    public sources: string[],
  ) {
    Object.defineProperty(this, 'links', BuiltPaper.#accessor);
  }

  /** The links are looked for again when next asked for (the abstract changed). */
  forgetLinks(): void {
    this.#links = undefined;
  }
}

/**
 * Asks every paper for its links, a slice of time per turn of the event loop: what is written whole
 * (the library cache) needs them all, and finding them at once would hold up the reader's keys for
 * ~0.4 s at 100,000 papers.
 */
export async function findLinksInSlices(papers: readonly Paper[], sliceMs = 8, stop?: AbortSignal): Promise<void> {
  let until = performance.now() + sliceMs;
  for (let i = 0; i < papers.length && !stop?.aborted; i++) {
    // Asking is what finds them (BuiltPaper.links); a plain paper just has them.
    if (papers[i]!.links.length < 0) break;
    if ((i & 63) === 63 && performance.now() >= until) {
      await new Promise((resolve) => setImmediate(resolve));
      until = performance.now() + sliceMs;
    }
  }
}
