import { describe, expect, it } from 'vitest';
import { MarkSnapshot } from '../src/state/snapshot.js';
import type { Marks } from '../src/state/types.js';

const R: Marks = { read: true, starred: false };
const S: Marks = { read: false, starred: true };

describe('MarkSnapshot', () => {
  it('behaves as a map, and a changed copy leaves the original untouched', () => {
    const a = MarkSnapshot.of([
      ['x', R],
      ['y', S],
    ]);
    const b = a.with([
      ['y', null],
      ['z', R],
      ['x', S],
    ]);
    expect(Object.fromEntries(a)).toEqual({ x: R, y: S });
    expect(Object.fromEntries(b)).toEqual({ x: S, z: R });
    expect([a.size, b.size]).toEqual([2, 2]);
    expect([b.has('y'), b.get('y'), b.get('x')]).toEqual([false, undefined, S]);
    expect([...b.keys()].sort()).toEqual(['x', 'z']);
  });

  it('keeps size and contents right over many single changes, across folding the overlay into the base', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `p${i}`);
    const reference = new Map<string, Marks>();
    let snap = MarkSnapshot.of([]);
    const history: MarkSnapshot[] = [];
    for (let step = 0; step < 2000; step++) {
      const id = ids[(step * 7919) % ids.length]!;
      const next = step % 3 === 0 ? null : step % 3 === 1 ? R : S;
      if (next) reference.set(id, next);
      else reference.delete(id);
      snap = snap.with([[id, next]]);
      if (step % 500 === 0) history.push(snap);
    }
    expect(snap.size).toBe(reference.size);
    expect(new Map(snap)).toEqual(reference);
    let counted = 0;
    snap.forEach(() => counted++);
    expect(counted).toBe(reference.size);
    expect(history.every((h, i) => i === 0 || h !== history[i - 1])).toBe(true);
  });
});
