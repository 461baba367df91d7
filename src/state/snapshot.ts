import type { Marks } from './types.js';

/**
 * An immutable ReadonlyMap of marks that is cheap to derive a changed copy from: a shared base map
 * plus a small overlay of changed ids (null = no marks any more), folded into a new base once it
 * grows. A UI can keep one snapshot per render and compare by reference, and a keypress costs
 * O(changed ids), not a copy of every mark in the library.
 */
export class MarkSnapshot implements ReadonlyMap<string, Marks> {
  readonly #base: ReadonlyMap<string, Marks>;
  readonly #overlay: ReadonlyMap<string, Marks | null>;
  readonly size: number;

  private constructor(base: ReadonlyMap<string, Marks>, overlay: ReadonlyMap<string, Marks | null>, size: number) {
    this.#base = base;
    this.#overlay = overlay;
    this.size = size;
  }

  static of(entries: Iterable<readonly [string, Marks]>): MarkSnapshot {
    const base = new Map(entries);
    return new MarkSnapshot(base, new Map(), base.size);
  }

  get(id: string): Marks | undefined {
    const o = this.#overlay.get(id);
    if (o !== undefined) return o ?? undefined;
    return this.#base.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** A new snapshot with these ids set (null: the paper has no marks any more). */
  with(changes: Iterable<readonly [string, Marks | null]>): MarkSnapshot {
    const overlay = new Map(this.#overlay);
    let size = this.size;
    for (const [id, marks] of changes) {
      const present = overlay.has(id) ? overlay.get(id) !== null : this.#base.has(id);
      size += (marks ? 1 : 0) - (present ? 1 : 0);
      overlay.set(id, marks);
    }
    if (overlay.size <= Math.max(64, this.#base.size >> 3)) return new MarkSnapshot(this.#base, overlay, size);
    const base = new Map(this.#base);
    for (const [id, marks] of overlay) {
      if (marks) base.set(id, marks);
      else base.delete(id);
    }
    return new MarkSnapshot(base, new Map(), base.size);
  }

  *entries(): MapIterator<[string, Marks]> {
    for (const [id, marks] of this.#base) if (!this.#overlay.has(id)) yield [id, marks];
    for (const [id, marks] of this.#overlay) if (marks) yield [id, marks];
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<Marks> {
    for (const [, marks] of this.entries()) yield marks;
  }

  [Symbol.iterator](): MapIterator<[string, Marks]> {
    return this.entries();
  }

  forEach(fn: (value: Marks, key: string, map: ReadonlyMap<string, Marks>) => void, thisArg?: unknown): void {
    for (const [id, marks] of this.entries()) fn.call(thisArg, marks, id, this);
  }
}
