// (0) machine: a yardstick for comparing results files from different machines.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ptyRoundTrips } from './pty-floor.js';
import type { BenchContext, BenchSection, Measurement } from './sections.js';

const PROBE = fileURLToPath(new URL('./machine-probe.js', import.meta.url));

export const machineSection: BenchSection = {
  id: 0,
  title: 'machine',
  measure: () => [],
  async setup(ctx: BenchContext): Promise<Measurement[]> {
    const touch: number[] = [];
    const objects: number[] = [];
    // A yardstick, not a result: a few runs are enough.
    for (let r = 0; r < (ctx.quick ? 1 : 3); r++) {
      const child = spawnSync(process.execPath, [PROBE], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`machine probe failed: ${child.stderr.trim()}`);
      const m = JSON.parse(child.stdout) as { touch100MBMs: number; millionObjectsMs: number };
      touch.push(m.touch100MBMs);
      objects.push(m.millionObjectsMs);
    }
    return [
      { section: '(0) machine', metric: 'allocate + touch 100 MB', unit: 'ms', papers: 0, samples: touch },
      { section: '(0) machine', metric: 'create 1M small objects', unit: 'ms', papers: 0, samples: objects },
      // Part of every "key to frame" figure below that is not paperterm's.
      { section: '(0) machine', metric: 'pty round trip, key to echo', unit: 'ms', papers: 0, samples: await ptyRoundTrips(ctx.quick ? 10 : 30) },
    ];
  },
};
