// A launch's phases as marks (ms since the process started), for profiling start-up by hand and
// for the bench: with PAPERTERM_TIMELINE=FILE set, each run appends one JSON line of its marks to
// FILE on exit. Unset (always, for users), `mark` is one comparison.
import { appendFileSync } from 'node:fs';

const file = process.env.PAPERTERM_TIMELINE;
const marks: [string, number][] = [];
if (file) {
  process.on('exit', () => {
    try {
      appendFileSync(file, JSON.stringify(marks.map(([name, ms]) => [name, Math.round(ms * 10) / 10])) + '\n');
    } catch {
      // A trace is never worth a failed exit.
    }
  });
}

/** Notes that the phase `name` ended now (each name kept once: its first time). */
export function mark(name: string): void {
  if (file && !marks.some(([n]) => n === name)) marks.push([name, performance.now()]);
}
