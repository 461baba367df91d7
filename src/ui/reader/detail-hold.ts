import type { Paper } from '../../core/types.js';
import type { VisibleList } from './library-view.js';

/**
 * While moves come less than `ms` apart (a key held down), the detail keeps the paper it shows and
 * follows the selection `ms` after the last move: a held j then costs the list rows per move and
 * one abstract at the end (see SessionOptions.holdDetailMs).
 */
export class DetailHold {
  readonly #ms: number;
  readonly #expired: () => void;
  /** When keys last moved the selection (performance.now()). */
  #movedAt = -Infinity;
  /** The detail kept on screen while moves repeat, for the list it was shown in. */
  #hold: { paper: Paper | undefined; list: VisibleList; timer: NodeJS.Timeout } | undefined;

  /** `expired` is called when a held detail lets go by itself (the screen must follow). */
  constructor(ms: number, expired: () => void) {
    this.#ms = ms;
    this.#expired = expired;
  }

  /** The paper the detail shows for `list` with `selected` under the cursor. */
  detail(list: VisibleList, selected: Paper | undefined): Paper | undefined {
    return this.#hold?.list === list ? this.#hold.paper : selected;
  }

  /** Keys moved the selection within `list`, from a detail that showed `shown`: hold it if they repeat. */
  moved(shown: Paper | undefined, list: VisibleList): void {
    if (this.#ms <= 0) return;
    const now = performance.now();
    const repeating = now - this.#movedAt < this.#ms;
    this.#movedAt = now;
    if (!repeating) return this.release();
    const paper = this.#hold ? this.#hold.paper : shown;
    clearTimeout(this.#hold?.timer);
    const timer = setTimeout(() => {
      this.#hold = undefined;
      this.#expired();
    }, this.#ms);
    this.#hold = { paper, list, timer };
  }

  /** Any other key: the detail shows the selected paper at once. */
  release(): void {
    if (!this.#hold) return;
    clearTimeout(this.#hold.timer);
    this.#hold = undefined;
  }
}
