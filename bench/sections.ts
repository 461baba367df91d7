// The registry of benchmark sections. run.ts generates each corpus size once and hands it to every
// section here in order; each returns measurements (samples of repeated runs) that become rows of
// the printed table and of bench/results.json.
import { baselineSection } from './baseline-bench.js';
import type { CorpusInfo } from './digest-writer.js';
import { loadSection } from './load-bench.js';
import { machineSection } from './machine-bench.js';

export interface Measurement {
  /** The section's label, e.g. "(1) load". */
  section: string;
  metric: string;
  unit: 'ms' | 'MB' | 'B';
  /** Corpus size it was measured on; 0 for figures that do not depend on one. */
  papers: number;
  samples: number[];
  /** Anything else worth keeping in the JSON (hit counts, …). */
  detail?: Record<string, unknown>;
}

export interface BenchContext {
  /** How many times to repeat each timed measurement. */
  runs: number;
  quick: boolean;
  /** Progress line on stderr (the table goes to stdout). */
  log(message: string): void;
  /** A fresh directory under the OS temp dir, deleted when the run ends. */
  scratchDir(label: string): string;
}

export interface BenchSection {
  /** The number of the measurement in issue 6: (1) load … (5) baseline. */
  id: number;
  title: string;
  /** Called once per corpus size, smallest first. */
  measure(corpus: CorpusInfo, ctx: BenchContext): Measurement[] | Promise<Measurement[]>;
  /** Called once before any corpus, for figures that do not depend on one. */
  setup?(ctx: BenchContext): Measurement[] | Promise<Measurement[]>;
}

export const SECTIONS: BenchSection[] = [
  machineSection,
  loadSection,
  // ── (2) search keystrokes: ADD HERE (bench/search-bench.ts, by whoever integrates the search
  //    engine): per corpus size, time per keystroke while typing a few real queries letter by
  //    letter through the real engine, median/p95, plus index build time and RSS.
  // ── (3) startup: ADD HERE: time from spawning the real binary (bin/paperterm.js) in a pty on each
  //    corpus to its first frame on screen, median/p95. Give it PAPERTERM_CACHE_DIR (a scratchDir)
  //    and report cold and warm cache; drop CI from the child's env (Ink prints only the last frame).
  // ── (4) terminal bytes: ADD HERE: bytes the real binary writes to the pty per frame, per cursor
  //    move and per keystroke (unit 'B'), median/p95, at 80×24 and a larger size.
  baselineSection,
];

/** Sections of issue 6 not written yet; printed under the table. Delete a line when its section lands. */
export const PLANNED = ['(2) search keystrokes', '(3) startup to first frame in a pty', '(4) terminal bytes per frame / cursor move / keystroke'];
