import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paperId, normalizeTitle } from '../src/core/library.js';
import { extractLinks } from '../src/core/links.js';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';

/**
 * A synthetic library of any size, made by recombining the sample digests: titles from a made-up
 * model name plus halves of real titles, abstracts from 6–10 real abstract sentences (~1.5 KB,
 * like the samples). Every paper gets a new name, so the vocabulary keeps growing with the corpus
 * as a real one does (model names, acronyms). About 100 papers a day go into dated digests, newest
 * first, and ~12% of papers trend again in the next one or two digests, as in the samples.
 * Deterministic for a given (n, seed).
 */
export function makeCorpusPapers(n: number, seed = 1): Paper[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`paper count must be a whole number >= 0, not ${n}`);
  const rand = mulberry32(seed);
  const { titles, sentences } = samplePool();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const seen = new Set<string>();
  const papers: Paper[] = [];
  while (papers.length < n) {
    const name = modelName(rand);
    const title = makeTitle(name, titles, rand, pick);
    const key = normalizeTitle(title);
    if (seen.has(key)) continue;
    seen.add(key);
    const parts: string[] = [];
    const count = 6 + Math.floor(rand() * 5);
    for (let i = 0; i < count; i++) parts.push(pick(sentences));
    parts.splice(1 + Math.floor(rand() * (count - 1)), 0, `We call our approach ${name}.`);
    const abstract = parts.join(' ');
    papers.push({ id: paperId(title), title, abstract, dates: [], days: [], sources: [], links: extractLinks(abstract) });
  }

  // Digest i (0 = newest) holds papers [i*PER_DIGEST, (i+1)*PER_DIGEST) plus some from newer ones.
  const digests = Math.ceil(n / PER_DIGEST);
  for (let i = 0; i < digests; i++) {
    const label = dateLabel(i);
    const source = join('synthetic', `${String(i).padStart(5, '0')}.txt`);
    for (let p = i * PER_DIGEST; p < Math.min(n, (i + 1) * PER_DIGEST); p++) {
      const paper = papers[p]!;
      paper.dates.push(label);
      paper.days.push(isoDayOf(i));
      paper.sources.push(source);
      // Seen again in older digests: a paper's dates stay newest first.
      if (rand() < 0.12) {
        const again = 1 + Math.floor(rand() * 2);
        for (let k = 1; k <= again && i + k < digests; k++) {
          paper.dates.push(dateLabel(i + k));
          paper.days.push(isoDayOf(i + k));
          paper.sources.push(join('synthetic', `${String(i + k).padStart(5, '0')}.txt`));
        }
      }
    }
  }
  return papers;
}

const PER_DIGEST = 100;

let pool: { titles: string[]; sentences: string[] } | undefined;

function samplePool(): { titles: string[]; sentences: string[] } {
  if (!pool) {
    const { papers } = loadLibrary([samplesDir()]);
    const sentences = papers.flatMap((p) => p.abstract.split(/(?<=[.!?])\s+(?=[A-Z])/)).filter((s) => s.length >= 40);
    pool = { titles: papers.map((p) => p.title), sentences };
  }
  return pool;
}

/** sample-data/ from bench/corpus.ts (tests) or dist/bench/corpus.js (built). */
function samplesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../sample-data'), resolve(here, '../../sample-data')];
  return candidates.find((d) => existsSync(d)) ?? candidates[0]!;
}

const SYLLABLES = ['ze', 'ra', 'vo', 'lin', 'tor', 'qua', 'mi', 'sen', 'dra', 'ko', 'flu', 'nex', 'gen', 'ber', 'ti', 'lu', 'cas', 'pho', 'rex', 'un', 'sy', 'mo', 'ka', 'dia', 'spar', 'vi', 'ol', 'ath', 'er', 'quin'];
const SUFFIXES = ['', '', '', '-7B', '-2', '2', '-XL', '-Lite', '++', '-V', '3', '-Zero'];

function modelName(rand: () => number): string {
  const count = 2 + Math.floor(rand() * 2);
  let s = '';
  for (let i = 0; i < count; i++) s += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  const styled = rand() < 0.3 ? s.toUpperCase() : s[0]!.toUpperCase() + s.slice(1);
  return styled + SUFFIXES[Math.floor(rand() * SUFFIXES.length)];
}

function makeTitle(name: string, titles: readonly string[], rand: () => number, pick: <T>(xs: readonly T[]) => T): string {
  const a = pick(titles);
  const colon = a.indexOf(': ');
  if (colon > 0 && rand() < 0.6) return `${name}: ${a.slice(colon + 2)}`;
  // Splice the start of one real title onto the end of another.
  const wa = a.split(' ');
  const wb = pick(titles).split(' ');
  const head = wa.slice(0, Math.max(1, Math.ceil(wa.length / 2)));
  const tail = wb.slice(Math.floor(wb.length / 2));
  return rand() < 0.5 ? `${name}: ${[...head, ...tail].join(' ')}` : [...head, ...tail, 'with', name].join(' ');
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The date line of digest i, one day apart going back from Mar 18, 2025: "Mar 18, 2025". */
function isoDayOf(i: number): string {
  return new Date(Date.UTC(2025, 2, 18 - i)).toISOString().slice(0, 10);
}

function dateLabel(i: number): string {
  const d = new Date(Date.UTC(2025, 2, 18 - i));
  return `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
