/**
 * Indices with cost >= 0, best first (higher cost, then lower index), at most `limit` of them,
 * plus how many there were in all. A bounded heap keeps this O(n) for the small limits an
 * interactive list asks for.
 */
export function topByCost(cost: Float32Array | Float64Array, limit: number): { order: number[]; total: number } {
  let total = 0;
  if (!(limit < cost.length)) {
    const all: number[] = [];
    for (let d = 0; d < cost.length; d++) if (cost[d]! >= 0) all.push(d);
    all.sort((a, b) => cost[b]! - cost[a]! || a - b);
    return { order: all.slice(0, limit), total: all.length };
  }
  // Min-heap on "goodness": heap[0] is the worst kept entry.
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => cost[a]! < cost[b]! || (cost[a] === cost[b] && a > b);
  // Not a destructuring swap: cold (interpreted) code makes an array and an iterator for each.
  const swap = (i: number, j: number): void => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let d = 0; d < cost.length; d++) {
    const c = cost[d]!;
    if (c < 0) continue;
    total++;
    if (limit <= 0) continue;
    if (heap.length < limit) {
      heap.push(d);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (c > cost[heap[0]!]!) {
      heap[0] = d;
      siftDown(0);
    }
  }
  heap.sort((a, b) => cost[b]! - cost[a]! || a - b);
  return { order: heap, total };
}
