// (4) wire: bytes the real binary writes to its terminal for the first frame and for each cursor move
// (j), and how long a move takes from key to frame, at 120×40 (and 80×24 on the samples). Measured
// once the library is fully loaded, so only the key's own frame is counted.
import { join } from 'node:path';
import type { CorpusInfo } from './digest-writer.js';
import { childEnv, PtyReader, SAMPLE_DATA } from './pty-reader.js';
import type { BenchContext, BenchSection, Measurement } from './sections.js';
import { samplePapers } from './startup-bench.js';

const SECTION = '(4) wire';

export interface WireRun {
  firstFrameBytes: number;
  moveBytes: number[];
  moveMs: number[];
}

/** Starts the reader on `dir` at cols×rows, waits until everything is loaded, then presses j `moves` times. */
export async function wireOnce(dir: string, cols: number, rows: number, moves: number, home: string): Promise<WireRun> {
  const r = new PtyReader([dir], { cols, rows, env: childEnv(home, join(home, 'digest-cache')) });
  try {
    await r.frame(1);
    const firstFrameBytes = r.frameBytes[0]!;
    await r.until((s) => !(s[0] ?? '').includes('loading') && (s[rows - 1] ?? '').includes('j/k'));
    const moveBytes: number[] = [];
    const moveMs: number[] = [];
    for (let i = 0; i < moves; i++) {
      const k = await r.key('j');
      moveBytes.push(k.bytes);
      moveMs.push(k.ms);
    }
    return { firstFrameBytes, moveBytes, moveMs };
  } finally {
    await r.quit();
  }
}

async function wireRows(dir: string, papers: number, sizes: [number, number][], ctx: BenchContext): Promise<Measurement[]> {
  const home = ctx.scratchDir('wire-home');
  const moves = ctx.quick ? 10 : 20;
  const out: Measurement[] = [];
  for (const [cols, rows] of sizes) {
    // Bytes do not depend on the cache; the moves are made once everything is loaded.
    const w = await wireOnce(dir, cols, rows, moves, home);
    const at = `${cols}×${rows}`;
    out.push(
      { section: SECTION, metric: `first frame, ${at}`, unit: 'B', papers, samples: [w.firstFrameBytes] },
      { section: SECTION, metric: `cursor move (j), ${at}`, unit: 'B', papers, samples: w.moveBytes },
      { section: SECTION, metric: `cursor move (j) key to frame, ${at}`, unit: 'ms', papers, samples: w.moveMs },
    );
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
