import type { Paper } from '../../core/types.js';
import type { MarkMap } from '../../state/types.js';
import { dayInfo, stepDay, type DayInfo } from './days.js';
import type { MarkActions } from './mark-actions.js';
import type { ReaderModel } from './model.js';
import { nextOrder, orderLabel } from './order.js';
import type { SearchFetch, Selection } from './search-fetch.js';
import { findUnread } from './unread-jump.js';
import { dateView, indexOfDay, type DigestDay, type View } from './views.js';

/**
 * What the list shows and how to move through it by content: views (1 2 3 d), digest days ([ ]),
 * the order (S), the next unread paper (n p).
 *
 * Where later lists go: a view of its own (4: papers new since the reader was last opened) is a
 * View kind (views.ts: its label and inView test) chosen here with show(); a list that is not a
 * filter of the library (r: papers similar to the selected one, ranked) is a source beside the
 * search in search-fetch.ts, remembering where it was opened from as the search line does, so that
 * Esc goes back there.
 */
export class Browse {
  readonly #model: ReaderModel;
  readonly #search: SearchFetch;
  readonly #marks: MarkActions;
  #day: { view: View; map: MarkMap; papers: readonly Paper[]; days: readonly DigestDay[]; info: DayInfo | undefined } | undefined;

  constructor(model: ReaderModel, search: SearchFetch, marks: MarkActions) {
    this.#model = model;
    this.#search = search;
    this.#marks = marks;
  }

  /** Shows `view`; chosen (again), it is rebuilt and picks up marks other paperterm processes saved. */
  show(view: View, select: Selection = { keep: this.#model.selected }): void {
    const model = this.#model;
    model.store.refresh();
    model.takeWarnings();
    model.view = view;
    this.#search.rebuild(select);
  }

  /** [ and ]: the digest day before or after the one shown, from its first paper. */
  stepDay(step: 'older' | 'newer'): void {
    const model = this.#model;
    const view = stepDay(model.view, model.days, step);
    if (!view) {
      if (model.days.length === 0) return model.say('No dated digests');
      return model.say(step === 'older' ? 'This is the oldest digest' : 'This is the newest digest');
    }
    this.show(view, { first: true });
  }

  /** S: the next order; the selected paper stays selected. */
  cycleOrder(): void {
    const model = this.#model;
    model.order = nextOrder(model.order);
    this.show(model.view);
    const label = orderLabel(model.order);
    model.say(this.#search.query.trim() ? `Order: ${label} (once the search is cleared; matches stay best first)` : `Order: ${label}`);
  }

  /**
   * n and p: the next or previous unread paper in the list as shown, wrapping around (the status
   * line says so). In a digest day, past its last unread paper, on to the next day that has one
   * (older for n, newer for p), as a newsreader goes on to the next feed. In the detail the paper is
   * opened, so it is read, as a newsreader's n does.
   */
  jumpUnread(step: 1 | -1): void {
    const model = this.#model;
    const isUnread = model.store.marks().isUnread;
    let found = findUnread(model.list.papers, model.nav.cursor, step, isUnread);
    // Past what a search fetched so far, or wrapping around it: the rest of the matches count too.
    if (model.list.more && (!found || found.wrapped)) {
      this.#search.fetch(Infinity);
      found = findUnread(model.list.papers, model.nav.cursor, step, isUnread);
    }
    if ((!found || found.wrapped) && this.#toOtherDay(step, isUnread)) return this.#opened();
    if (!found) {
      const here = model.selected && isUnread(model.selected);
      return model.say(here ? 'No other unread paper here' : 'No unread papers here');
    }
    model.navigate({ type: 'select', cursor: found.index });
    if (found.wrapped) model.say(step === 1 ? 'Wrapped to the top' : 'Wrapped to the bottom');
    this.#opened();
  }

  /**
   * From a digest day (without a search) to the nearest other day with an unread paper, in the
   * direction of `step`, wrapping from the oldest day to the newest (or back); its first unread
   * paper selected (its last, going back). False when no other day has one.
   */
  #toOtherDay(step: 1 | -1, isUnread: (p: Paper) => boolean): boolean {
    const model = this.#model;
    const { view, days } = model;
    if (view.kind !== 'date' || this.#search.query.trim() !== '') return false;
    const at = indexOfDay(days, view.day);
    if (at < 0) return false;
    for (let k = 1; k < days.length; k++) {
      const raw = at + step * k; // days are newest first: n (step 1) goes to older days
      const day = days[((raw % days.length) + days.length) % days.length]!;
      if (!model.papers.some((p) => p.days.includes(day.day) && isUnread(p))) continue;
      this.show(dateView(day), { first: true });
      const found = findUnread(model.list.papers, step === 1 ? -1 : model.list.papers.length, step, isUnread);
      if (found) model.navigate({ type: 'select', cursor: found.index });
      const wrapped = raw < 0 || raw >= days.length;
      model.say(wrapped ? `Wrapped to ${day.label}, the ${step === 1 ? 'newest' : 'oldest'} digest` : `On to ${day.label}`);
      return true;
    }
    return false;
  }

  /** After n or p: in the detail, the paper now shown is opened (read). */
  #opened(): void {
    const paper = this.#model.selected;
    if (this.#model.nav.focus === 'detail' && paper) this.#marks.opened(paper);
    this.#search.fetchAhead();
  }

  /** The day shown, for the header (recounted only when the view, the marks or the library change). */
  day(): DayInfo | undefined {
    const model = this.#model;
    const map = model.store.map;
    const c = this.#day;
    if (c && c.view === model.view && c.map === map && c.papers === model.papers && c.days === model.days) return c.info;
    const info = dayInfo(model.view, model.days, model.papers, model.store.marks().isUnread);
    this.#day = { view: model.view, map, papers: model.papers, days: model.days, info };
    return info;
  }
}
