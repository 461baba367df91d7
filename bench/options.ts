import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  sizes: number[];
  runs: number;
  quick: boolean;
  out: string;
  keep: boolean;
  /** Sections to run, by number or title (all when empty). */
  only: string[];
}

export const USAGE = `usage: npm run bench -- [--sizes 500,10000,100000] [--quick] [--runs N] [--only LIST] [--out FILE] [--keep]
  --sizes  corpus sizes in distinct papers (default 500,10000,100000; with --quick 500,10000)
  --quick  fewer repeats (3 unless --runs) for a fast look
  --runs   repeats of each timed measurement (default 5)
  --only   run only these sections, by number or title (e.g. 3,4 or startup,wire)
  --out    results file (default bench/results.json)
  --keep   keep the generated digests (their directory is printed) instead of deleting them`;

export class BenchUsageError extends Error {}

// dist/bench/options.js → <repo>/bench/results.json
const DEFAULT_OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench/results.json');

export function parseBenchArgs(argv: string[]): BenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        sizes: { type: 'string' },
        quick: { type: 'boolean' },
        runs: { type: 'string' },
        out: { type: 'string' },
        keep: { type: 'boolean' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new BenchUsageError((err as Error).message.split('\n')[0]!);
  }
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  const sizes = values.sizes === undefined ? (quick ? [500, 10_000] : [500, 10_000, 100_000]) : values.sizes.split(',').map((s) => wholeNumber(s.trim().replace(/_/g, ''), '--sizes'));
  const runs = values.runs === undefined ? (quick ? 3 : 5) : wholeNumber(values.runs, '--runs');
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    runs,
    quick,
    out: resolve(values.out ?? DEFAULT_OUT),
    keep: values.keep ?? false,
    only: (values.only ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
  };
}

function wholeNumber(text: string, option: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new BenchUsageError(`${option} needs whole numbers of at least 1, not '${text}'`);
  return n;
}
