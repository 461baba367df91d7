// Writes synthetic digests in the two real layouts, recombined from the sample digests' own titles and
// abstract sentences, so parse/merge/search costs are measured on text shaped like the real thing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeTitle } from '../src/core/library.js';
import { loadLibrary, SAMPLE_DATA_DIR } from '../src/core/load.js';
import { seededRng, type Rng } from './rng.js';

export interface SourceMaterial {
  /** Each sample title split into words. */
  titleWords: string[][];
  sentences: string[];
  /** Lengths of the sample abstracts, to draw realistic lengths from. */
  abstractLengths: number[];
}

export interface CorpusOptions {
  /** Distinct papers to write. */
  papers: number;
  seed?: number;
  /** Mean entries per digest (each digest gets this ±20%). */
  perDigest?: number;
  /** Share of a digest's entries that repeat a paper from the previous few digests. */
  repeatRate?: number;
  /** Every n-th digest uses the undated "004" layout; the rest the dated "000" layout. */
  undatedEvery?: number;
  /** Date of the newest digest; older ones go back one day each. */
  newest?: { month: number; day: number };
}

export interface CorpusInfo {
  dir: string;
  /** Digest files, newest first (which is also name order). */
  files: string[];
  papers: number;
  entries: number;
  digests: number;
  bytes: number;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Page chrome exactly as it stands in sample-data/000_… and sample-data/004_….
const DATED_HEADER = ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'byAK and the research community'];
const UNDATED_HEADER = ['Get trending papers in your email inbox once a day!', 'Get trending papers in your email inbox!'];
// Trending papers stay on the list for a few days; repeats come from this many previous digests.
const REPEAT_WINDOW = 3;

let cachedMaterial: SourceMaterial | undefined;

/** Titles and abstract sentences of the bundled sample digests, read with the real parser. */
export function sampleMaterial(): SourceMaterial {
  if (cachedMaterial) return cachedMaterial;
  const { papers } = loadLibrary([SAMPLE_DATA_DIR]);
  const withAbstract = papers.filter((p) => p.abstract);
  cachedMaterial = {
    titleWords: papers.map((p) => p.title.split(/\s+/)).filter((w) => w.length >= 2),
    sentences: withAbstract.flatMap((p) => p.abstract.split(/(?<=[.!?])\s+(?=[A-Z(])/)).filter((s) => s.length >= 20),
    abstractLengths: withAbstract.map((p) => p.abstract.length),
  };
  return cachedMaterial;
}

/** A title made of the start of one sample title and the end of another, unique under normalizeTitle. */
function makeTitle(m: SourceMaterial, rng: Rng, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const a = rng.pick(m.titleWords);
    const b = rng.pick(m.titleWords);
    const words = [...a.slice(0, 1 + rng.int(a.length - 1)), ...b.slice(1 + rng.int(b.length - 1))];
    // After many collisions (only in corpora far beyond a million papers) add a third piece.
    if (attempt > 20) words.push(...rng.pick(m.titleWords).slice(-2));
    const title = words.join(' ');
    const key = normalizeTitle(title);
    if (words.length >= 3 && title.length <= 200 && !taken.has(key)) {
      taken.add(key);
      return title;
    }
  }
}

function makeAbstract(m: SourceMaterial, rng: Rng): string {
  const target = rng.pick(m.abstractLengths);
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const s = rng.pick(m.sentences);
    parts.push(s);
    length += s.length + 1;
  }
  return parts.join(' ');
}

function dateLabel(newest: { month: number; day: number }, daysBack: number): string {
  // Any non-leap year works: only month and day are printed, as in the real digests.
  const d = new Date(Date.UTC(2023, newest.month - 1, newest.day - daysBack));
  return `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

function hex16(rng: Rng): string {
  const part = () => rng.int(0x1_0000_0000).toString(16).padStart(8, '0');
  return part() + part();
}

interface Entry {
  title: string;
  abstract: string;
}

/** The text of one digest file: blank-line separated with date, or the glued-"Subscribe" layout. */
export function digestText(entries: readonly Entry[], date: string | null): string {
  if (date !== null) {
    const lines = [...DATED_HEADER, date, ...entries.flatMap((e) => [e.title, e.abstract])];
    return lines.join('\n\n');
  }
  const [first, ...rest] = entries.flatMap((e) => [e.title, e.abstract]);
  return [...UNDATED_HEADER, `Subscribe${first ?? ''}`, ...rest].join('\n');
}

/**
 * Writes digests into `dir` until `options.papers` distinct papers are written. Deterministic for a
 * given seed. Digest 0 is the newest; file names sort newest first, like the samples.
 */
export function writeCorpus(dir: string, options: CorpusOptions): CorpusInfo {
  const { papers, seed = 1, perDigest = 150, repeatRate = 0.15, undatedEvery = 4, newest = { month: 3, day: 18 } } = options;
  if (!Number.isInteger(papers) || papers < 1) throw new Error(`papers must be a positive whole number, not ${papers}`);
  mkdirSync(dir, { recursive: true });
  const m = sampleMaterial();
  const rng = seededRng(seed);
  const taken = new Set<string>();
  const width = Math.max(3, String(papers).length);
  const recent: Entry[][] = [];
  const files: string[] = [];
  let made = 0;
  let entries = 0;
  let bytes = 0;

  for (let d = 0; made < papers; d++) {
    const size = Math.max(1, Math.round(perDigest * (0.8 + 0.4 * rng.next())));
    const digest: Entry[] = [];
    const inDigest = new Set<Entry>();
    const pool = recent.flat();
    while (digest.length < size && made < papers) {
      let entry: Entry | undefined;
      if (pool.length && rng.next() < repeatRate) {
        const candidate = rng.pick(pool);
        if (!inDigest.has(candidate)) entry = candidate;
      }
      if (!entry) {
        entry = { title: makeTitle(m, rng, taken), abstract: makeAbstract(m, rng) };
        made++;
      }
      inDigest.add(entry);
      digest.push(entry);
    }
    recent.unshift(digest);
    recent.length = Math.min(recent.length, REPEAT_WINDOW);

    const dated = (d + 1) % undatedEvery !== 0;
    const text = digestText(digest, dated ? dateLabel(newest, d) : null);
    const file = join(dir, `${String(d).padStart(width, '0')}_${hex16(rng)}.txt`);
    writeFileSync(file, text);
    files.push(file);
    entries += digest.length;
    bytes += Buffer.byteLength(text);
  }
  return { dir, files, papers: made, entries, digests: files.length, bytes };
}

/** A fresh directory under the OS temp dir; generated corpora never go near the repository. */
export function tempCorpusDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `paperterm-bench-${label}-`));
}
