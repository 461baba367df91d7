import type { Paper } from '../../core/types.js';
import { copyEffect, type CopyEffect, type CopyKind, type OpenEffect } from './link-copy.js';
import type { ReaderModel } from './model.js';

/** Digits a link can be chosen by after o. */
const MAX_CHOICE = 9;
/**
 * After o opened a paper's only link at once, a 1 typed within this long (ms) is the rest of "o1"
 * (typed by habit, or because the help says o 1–9), not the key for view 1.
 */
const O1_MS = 1500;

/**
 * y / Y / c and o on the selected paper. They only say what to copy or open (Effects): the app
 * writes OSC 52 or starts the opener, then confirms in the footer through ReaderSession.notify.
 *
 * o on a paper with one link opens it at once (a 1 right after it does nothing more); with several
 * it waits for the next key: 1–9 that link, o or Enter the first, any other key cancels (and does
 * nothing else).
 */
export class LinkKeys {
  readonly #model: ReaderModel;
  /** The paper o is choosing a link of. */
  #choosing: Paper | undefined;
  /** When o last opened a paper's only link at once (see O1_MS). */
  #openedAt: number | undefined;
  readonly #now: () => number;

  constructor(model: ReaderModel, now: () => number = () => performance.now()) {
    this.#model = model;
    this.#now = now;
  }

  /**
   * Whether key `name` is the 1 of an "o1" whose o already opened the only link: the key then
   * does nothing. Any key ends that moment.
   */
  absorbs(name: string): boolean {
    const at = this.#openedAt;
    this.#openedAt = undefined;
    return at !== undefined && name === '1' && this.#now() - at <= O1_MS;
  }

  /** o is waiting for a link number. */
  get choosing(): boolean {
    return this.#choosing !== undefined;
  }

  copy(kind: CopyKind): CopyEffect | undefined {
    const paper = this.#model.selected;
    if (!paper) return void this.#model.say('No paper to copy');
    return copyEffect(kind, paper);
  }

  /** o: the first link, or the question which one. */
  open(): OpenEffect | undefined {
    const paper = this.#model.selected;
    if (!paper) return void this.#model.say('No paper to open');
    const n = paper.links.length;
    if (n === 0) return void this.#model.say('This paper has no link');
    if (n === 1) {
      this.#openedAt = this.#now();
      return { kind: 'open', url: paper.links[0]!, n: 1 };
    }
    this.#choosing = paper;
    const last = Math.min(n, MAX_CHOICE);
    this.#model.say(`Open which link? 1–${last} (o or Enter: the first; any other key cancels)`);
    return undefined;
  }

  /** The answer to o: link `n`. */
  choose(n: number): OpenEffect | undefined {
    const paper = this.#choosing;
    this.#choosing = undefined;
    if (!paper) return undefined;
    const url = paper.links[n - 1];
    if (url === undefined) return void this.#model.say(`No link ${n} (this paper has ${paper.links.length})`);
    return { kind: 'open', url, n };
  }

  cancel(): void {
    this.#choosing = undefined;
  }
}
