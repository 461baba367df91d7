// Cost of one mark (lock, re-read, merge, atomic write with fsync) as the store grows, and of
// reading marks the way `paperterm list` does. Run: npm run build && node dist/bench/state-write.js
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStateStore, readMarks } from '../src/state/store.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const id = (i: number) => i.toString(16).padStart(12, '0');

for (const size of [0, 1_000, 10_000, 50_000]) {
  const dir = mkdtempSync(join(tmpdir(), 'paperterm-bench-'));
  try {
    const store = await openStateStore({ dir });
    if (size) store.set(Array.from({ length: size }, (_, i) => id(i)), 'read', true);
    const marks: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      store.toggle(id(i), 'starred');
      marks.push(performance.now() - t);
    }
    const reads: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      readMarks(dir);
      reads.push(performance.now() - t);
    }
    const t = performance.now();
    store.set(Array.from({ length: Math.max(size, 1) }, (_, i) => id(i)), 'read', false);
    const markAll = performance.now() - t;
    const kb = (statSync(join(dir, 'state.json')).size / 1024).toFixed(0);
    console.log(
      `${String(size).padStart(6)} marked papers (${kb.padStart(5)} KB file): one mark ${median(marks).toFixed(2)} ms median, ` +
        `max ${Math.max(...marks).toFixed(2)} ms; mark-all ${markAll.toFixed(1)} ms; read for list ${median(reads).toFixed(2)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
