// The registry of benchmark sections. run.ts generates each corpus size once and hands it to every
// section here in order; each returns measurements (samples of repeated runs) that become rows of
// the printed table and of bench/results.json.
import { baselineSection } from './baseline-bench.js';
import type { CorpusInfo } from './digest-writer.js';
import { loadSection } from './load-bench.js';
import { machineSection } from './machine-bench.js';
import { searchSection } from './search-section.js';
import { similarSection } from './similar-bench.js';
import { startupSection } from './startup-bench.js';
import { wireSection } from './wire-bench.js';

export interface Measurement {
  /** The section's label, e.g. "(1) load". */
  section: string;
  metric: string;
  /** '×' is a ratio of two other figures; 'score' a figure between 0 and 1 (MRR, precision). */
  unit: 'ms' | 'MB' | 'B' | '×' | 'score';
  /**
   * Corpus size it was measured on; 0 for figures that do not depend on one. Figures measured on the
   * bundled samples carry their paper count (no generated corpus has it: the table calls it "samples").
   */
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
  searchSection,
  startupSection,
  wireSection,
  baselineSection,
  similarSection,
];

/** Sections of issue 6 not written yet; printed under the table. Delete a line when its section lands. */
export const PLANNED: string[] = [];
