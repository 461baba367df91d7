import { rmSync } from 'node:fs';
import { loadLibrary } from '../../src/core/load.js';
import type { Paper } from '../../src/core/types.js';
import { createSearchEngine, type SearchEngine } from '../../src/search/engine.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { ReaderSession, type MarkStore, type Measure, type SessionOptions } from '../../src/ui/reader/session.js';
import { digestDays, type DigestDay } from '../../src/ui/reader/views.js';
import { makeTempDir } from '../state-helpers.js';
import { pinnedSamples } from './digests.js';

/**
 * The real sample digests, loaded once per test file, with set file times (Mar 18 newest, the
 * undated digest last as "Mar 10?"): a checkout's times would date the undated one to today.
 */
let sample: { papers: Paper[]; days: DigestDay[]; dates: string[] } | undefined;
/** The papers, their digest days (as the reader is given them) and those days' labels, newest first. */
export function sampleLibrary(): { papers: Paper[]; days: DigestDay[]; dates: string[] } {
  if (!sample) {
    const pinned = pinnedSamples();
    const loaded = loadLibrary([pinned.dir]);
    rmSync(pinned.dir, { recursive: true, force: true });
    const days = digestDays(loaded.digests);
    sample = { papers: loaded.papers, days, dates: days.map((d) => d.label) };
  }
  return sample;
}

/** One engine over the samples per test file: building it is the slow part, searching it is not. */
let sampleEngine: SearchEngine | undefined;
export function sampleSearchEngine(): SearchEngine {
  sampleEngine ??= createSearchEngine(sampleLibrary().papers);
  return sampleEngine;
}

const cleanups: (() => void)[] = [];

/** A real state store in a fresh temp dir (never the user's config); removed by cleanupStores(). */
export async function tempStore(): Promise<{ store: StateStore; dir: string }> {
  const { dir, cleanup } = makeTempDir();
  cleanups.push(cleanup);
  return { store: await openStateStore({ dir }), dir };
}

export function cleanupStores(): void {
  for (const c of cleanups.splice(0)) c();
}

export interface TestSessionOptions extends Partial<Omit<SessionOptions, 'store'>> {
  store?: MarkStore;
  /** Attach the sample engine at once (default), or leave the session without an index. */
  engine?: SearchEngine | null;
}

/** A session over the sample digests with a real store in a temp dir; searches run on setImmediate. */
export async function testSession(o: TestSessionOptions = {}): Promise<{ session: ReaderSession; store: MarkStore }> {
  const lib = sampleLibrary();
  const store = o.store ?? (await tempStore()).store;
  const given = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as TestSessionOptions;
  const session = new ReaderSession({ papers: lib.papers, days: lib.days, cols: 80, rows: 24, ...given, store });
  if (o.engine !== null) session.attachEngine(o.engine ?? (o.papers ? createSearchEngine(o.papers) : sampleSearchEngine()));
  return { session, store };
}

/** Line counts as the app would give them at 80 columns (only bounds scrolling). */
export const MEASURE: Measure = { detailLines: () => 40, helpLines: () => 40 };

/** Lets scheduled searches run. */
export const turn = () => new Promise<void>((r) => setImmediate(r));
