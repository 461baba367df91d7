// `npm run bench`: generates each corpus size in a temp dir, runs every registered section on it,
// prints a table and writes the results as JSON.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { tempCorpusDir, writeCorpus } from './digest-writer.js';
import { BenchUsageError, parseBenchArgs, USAGE, type BenchOptions } from './options.js';
import { checkBudgets, formatBudgets } from './budgets.js';
import { samplePapers } from './startup-bench.js';
import { corpusReport, formatTable, machineInfo, resultRows, type BenchReport, type CorpusReport } from './report.js';
import { PLANNED, SECTIONS, type BenchContext, type BenchSection, type Measurement } from './sections.js';

/** The sections --only names (all without it); an unknown name is a usage error. */
function chosenSections(only: readonly string[]): BenchSection[] {
  if (only.length === 0) return SECTIONS;
  for (const name of only) {
    if (!SECTIONS.some((s) => String(s.id) === name || s.title === name)) {
      throw new BenchUsageError(`--only: no section '${name}' (sections: ${SECTIONS.map((s) => `${s.id} ${s.title}`).join(', ')})`);
    }
  }
  return SECTIONS.filter((s) => only.includes(String(s.id)) || only.includes(s.title));
}

async function bench(options: BenchOptions, sections: BenchSection[]): Promise<BenchReport> {
  const loadAtStart = loadavg();
  const temps: string[] = [];
  const cleanup = () => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const log = (message: string) => void process.stderr.write(`${message}\n`);
  const ctx: BenchContext = {
    runs: options.runs,
    quick: options.quick,
    log,
    scratchDir(label) {
      const dir = mkdtempSync(join(tmpdir(), `paperterm-bench-${label}-`));
      temps.push(dir);
      return dir;
    },
  };
  const measurements: Measurement[] = [];
  const corpora: CorpusReport[] = [];
  try {
    for (const section of sections) if (section.setup) measurements.push(...(await section.setup(ctx)));
    for (const papers of options.sizes) {
      const dir = tempCorpusDir(String(papers));
      if (!options.keep) temps.push(dir);
      const t = performance.now();
      const corpus = writeCorpus(dir, { papers });
      corpora.push(corpusReport(corpus, performance.now() - t));
      log(`corpus of ${papers} papers: ${corpus.digests} digests in ${dir}${options.keep ? ' (kept)' : ''}`);
      for (const section of sections) measurements.push(...(await section.measure(corpus, ctx)));
    }
  } finally {
    cleanup();
  }
  const { out: _out, ...shown } = options;
  const results = resultRows(measurements);
  return {
    generatedAt: new Date().toISOString(),
    options: shown,
    machine: machineInfo(loadAtStart),
    corpora,
    results,
    planned: PLANNED,
    budgets: checkBudgets(results, samplePapers()),
  };
}

async function main(argv: string[]): Promise<number> {
  let options;
  let sections: BenchSection[] = [];
  try {
    options = parseBenchArgs(argv);
    if (options !== 'help') sections = chosenSections(options.only);
  } catch (err) {
    if (!(err instanceof BenchUsageError)) throw err;
    process.stderr.write(`bench: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const report = await bench(options, sections);
  process.stdout.write(formatTable(report));
  process.stdout.write(formatBudgets(report.budgets));
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nresults written to ${options.out}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
