// (4) wire: bytes the real binary writes to its terminal for the first frame, for each cursor move
// (j) and for each character typed into the search line, and how long each takes from key to frame,
// at 120×40 (and 80×24 on the samples). Measured once the library is fully loaded and indexed, so
// only the key's own frames are counted.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusInfo } from './digest-writer.js';
import { detailTextBytes } from './detail-floor.js';
import { childEnv, PtyReader, SAMPLE_DATA } from './pty-reader.js';
import type { BenchContext, BenchSection, Measurement } from './sections.js';
import { samplePapers } from './startup-bench.js';

const SECTION = '(4) wire';

export interface WireRun {
  firstFrameBytes: number;
  moveBytes: number[];
  moveMs: number[];
  /** The same moves inside the reader: from stdin handing over the key to the frame written. */
  moveInsideMs: number[];
  /** A held j: bytes per move over a burst of HELD_KEYS keys HELD_GAP_MS apart, until the screen is quiet. */
  heldBytesPerMove: number;
  /** Per character typed into the search line (once the index is ready). */
  searchBytes: number[];
  /** Key to the frame with its results. */
  searchMs: number[];
  /** The program's peak resident memory at the end: everything loaded, the index built and used. */
  peakRssMB: number | undefined;
}

/** Typed one character at a time into the search line: a word, then a second word narrowing it. */
export const SEARCH_TYPED = 'diffusion models';
/** With --quick: the first word only. */
export const SEARCH_TYPED_QUICK = 'diffusion';
const CTRL_U = '\u0015';
const ESC = '\u001b';
/** Key repeat of a held key: 30 keys, one every 33 ms (about 30 a second, as terminals repeat). */
export const HELD_KEYS = 30;
export const HELD_GAP_MS = 33;

/**
 * Starts the reader on `dir` at cols×rows, waits until everything is loaded and indexed, presses j
 * `moves` times, holds j down (HELD_KEYS keys), then types `typed` into the search line.
 */
export async function wireOnce(dir: string, cols: number, rows: number, moves: number, typed: string, home: string): Promise<WireRun> {
  const trace = join(home, `key-trace-${cols}x${rows}.txt`);
  const env = { ...childEnv(home, join(home, 'digest-cache')), NODE_OPTIONS: `--import=${KEY_TRACE}`, PAPERTERM_KEY_TRACE: trace };
  const r = new PtyReader([dir], { cols, rows, env });
  let movesFrom = 0;
  let movesTo = 0;
  try {
    await r.frame(1);
    const firstFrameBytes = r.frameBytes[0]!;
    await r.until((s) => !(s[0] ?? '').includes('loading') && (s[rows - 1] ?? '').includes('j/k'));
    // Everything the reader does after its first frame is done before keys are timed: the marks
    // store is attached and the search index is built (a search typed earlier says "indexing").
    await r.key('/');
    await r.key('x');
    await r.until((s) => !(s[0] ?? '').includes('indexing'));
    await r.key(CTRL_U);
    await r.key(ESC);
    const moveBytes: number[] = [];
    const moveMs: number[] = [];
    movesFrom = epochNow();
    for (let i = 0; i < moves; i++) {
      const k = await r.key('j');
      moveBytes.push(k.bytes);
      moveMs.push(k.ms);
    }
    movesTo = epochNow();
    const heldBytesPerMove = (await r.burst('j', HELD_KEYS, HELD_GAP_MS)) / HELD_KEYS;
    const searchBytes: number[] = [];
    const searchMs: number[] = [];
    if (typed) {
      await r.key('/');
      for (const ch of typed) {
        const k = await r.key(ch);
        searchBytes.push(k.bytes);
        searchMs.push(k.settledMs);
      }
    }
    const run = { firstFrameBytes, moveBytes, moveMs, heldBytesPerMove, searchBytes, searchMs, peakRssMB: r.peakRssMB() };
    await r.quit();
    // The trace is written as the reader exits.
    return { ...run, moveInsideMs: existsSync(trace) ? keyToFrame(readFileSync(trace, 'utf8'), movesFrom, movesTo) : [] };
  } finally {
    await r.quit();
  }
}

/** Loaded into the reader to time keys inside it (see key-trace.ts). */
const KEY_TRACE = fileURLToPath(new URL('./key-trace.js', import.meta.url));

const epochNow = () => performance.timeOrigin + performance.now();

/** For each key read inside [from, to] (epoch ms) in a key trace: ms from reading it to the next frame written. */
export function keyToFrame(trace: string, from: number, to: number): number[] {
  const out: number[] = [];
  let key: number | undefined;
  for (const line of trace.split('\n')) {
    const [kind, at] = line.split(' ');
    const t = Number(at);
    if (kind === 'key' && t >= from && t <= to) key ??= t;
    else if (kind === 'frame' && key !== undefined) {
      out.push(t - key);
      key = undefined;
    }
  }
  return out;
}

async function wireRows(dir: string, papers: number, sizes: [number, number][], ctx: BenchContext): Promise<Measurement[]> {
  const home = ctx.scratchDir('wire-home');
  const moves = ctx.quick ? 8 : 20;
  const typed = ctx.quick ? SEARCH_TYPED_QUICK : SEARCH_TYPED;
  const out: Measurement[] = [];
  for (const [cols, rows] of sizes) {
    // Bytes do not depend on the cache; the moves are made once everything is loaded. Search
    // keystrokes are measured at the first size only.
    const search = cols === sizes[0]![0] && rows === sizes[0]![1];
    const w = await wireOnce(dir, cols, rows, moves, search ? typed : '', home);
    const at = `${cols}×${rows}`;
    out.push(
      { section: SECTION, metric: `first frame, ${at}`, unit: 'B', papers, samples: [w.firstFrameBytes] },
      { section: SECTION, metric: `cursor move (j), ${at}`, unit: 'B', papers, samples: w.moveBytes },
      // The text any drawing of the new paper's detail has to send: the floor under the figure above.
      { section: SECTION, metric: `cursor move (j), detail text alone, ${at}`, unit: 'B', papers, samples: detailTextBytes(dir, cols, rows, moves) },
      { section: SECTION, metric: `cursor move (j) key to frame, ${at}`, unit: 'ms', papers, samples: w.moveMs },
      // The same moves timed inside the reader: what is left of the figure above without the pty.
      { section: SECTION, metric: `cursor move (j) inside the reader, ${at}`, unit: 'ms', papers, samples: w.moveInsideMs },
      {
        section: SECTION,
        metric: `held j, per move, ${at}`,
        unit: 'B',
        papers,
        samples: [w.heldBytesPerMove],
        detail: { keys: HELD_KEYS, gapMs: HELD_GAP_MS },
      },
    );
    if (search) {
      out.push(
        { section: SECTION, metric: `search keystroke, ${at}`, unit: 'B', papers, samples: w.searchBytes, detail: { typed } },
        { section: SECTION, metric: `search keystroke key to results, ${at}`, unit: 'ms', papers, samples: w.searchMs },
      );
      if (w.peakRssMB !== undefined) {
        out.push({ section: SECTION, metric: 'peak RSS, loaded + indexed + searched', unit: 'MB', papers, samples: [w.peakRssMB] });
      }
    }
    ctx.log(`  wire ${papers} papers at ${at}: done`);
  }
  return out;
}

export const wireSection: BenchSection = {
  id: 4,
  title: 'wire',
  setup: (ctx) =>
    wireRows(
      SAMPLE_DATA,
      samplePapers(),
      [
        [120, 40],
        [80, 24],
      ],
      ctx,
    ),
  measure: (corpus: CorpusInfo, ctx) => wireRows(corpus.dir, corpus.papers, [[120, 40]], ctx),
};
