// `paperterm search` through main() with captured output, and once as the real built program.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { markColumn } from '../src/cli/commands/state-opts.js';
import { formatPaperLines as formatLines } from '../src/cli/format.js';
import { createIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { loadLibrary } from '../src/core/load.js';

const SAMPLES = fileURLToPath(new URL('../sample-data', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/paperterm.js', import.meta.url));
const papers = loadLibrary([SAMPLES]).papers;
// Every run gets an empty state store of its own: tests never read the user's real marks.
const stateEnv = () => ({ PAPERTERM_STATE_DIR: mkdtempSync(join(tmpdir(), 'paperterm-state-')) });
const formatPaperLines = (ps: Parameters<typeof formatLines>[0]) => formatLines(ps, (p) => markColumn(new Map(), p.id));

async function paperterm(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = createIo({ stdout: (t) => void (out += t), stderr: (t) => void (err += t) }, { env: stateEnv(), stdinIsTTY: false, stdoutIsTTY: false });
  const code = await main(argv, io);
  return { code, out, err };
}

const byTitle = (title: string) => papers.find((p) => p.title === title)!;

describe('paperterm search', () => {
  it('prints the matches best first in the list format', async () => {
    const { code, out, err } = await paperterm('search', 'qwen2.5', SAMPLES);
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(formatPaperLines([byTitle('Qwen2.5 Technical Report')]).trimEnd());
    const ids = lines.map((l) => l.split('  ')[0]);
    expect(new Set(ids).size).toBe(lines.length);
    for (const id of ids) expect(papers.some((p) => p.id === id)).toBe(true);
  });

  it('--limit keeps the best N', async () => {
    const all = (await paperterm('search', 'bev', SAMPLES)).out.trimEnd().split('\n');
    const { code, out } = await paperterm('search', 'bev', SAMPLES, '--limit', '3');
    expect(code).toBe(0);
    expect(all.length).toBeGreaterThan(3);
    expect(out.trimEnd().split('\n')).toEqual(all.slice(0, 3));
  });

  it('--json gives the list schema plus a score, best first', async () => {
    const { code, out } = await paperterm('search', "'model soups", SAMPLES, '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(1);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'title', 'date', 'label', 'abstract', 'dates', 'days', 'sources', 'links', 'read', 'starred', 'score']);
    expect(rows[0]!.title).toMatch(/^Model soups: /);
    const paper = byTitle(rows[0]!.title as string);
    expect(rows[0]).toMatchObject({ id: paper.id, abstract: paper.abstract, dates: paper.dates, sources: paper.sources, links: paper.links });
    const scores = rows.map((r) => r.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[0]).toBeLessThan(1);
  });

  it('--json carries the read and starred marks of the state store', async () => {
    const env = stateEnv();
    const run = async (...argv: string[]) => {
      let out = '';
      const io = createIo({ stdout: (t) => void (out += t), stderr: () => {} }, { env, stdinIsTTY: false, stdoutIsTTY: false });
      return { code: await main(argv, io), out };
    };
    const qwen = byTitle('Qwen2.5 Technical Report');
    expect((await run('star', qwen.id, '--digests', SAMPLES)).code).toBe(0);
    const rows = JSON.parse((await run('search', 'qwen2.5', SAMPLES, '--json')).out) as { id: string; read: boolean; starred: boolean }[];
    expect(rows[0]).toMatchObject({ id: qwen.id, read: false, starred: true });
    expect(rows.slice(1).every((r) => !r.starred)).toBe(true);
  });

  it('exits 1 with no output when nothing matches', async () => {
    expect(await paperterm('search', 'qqqxzzv', SAMPLES)).toEqual({ code: 1, out: '', err: '' });
    const json = await paperterm('search', 'qqqxzzv', SAMPLES, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual([]);
  });

  it.each([
    [['search'], 'paperterm: search needs a QUERY (see paperterm --help)\n'],
    [['search', 'bev', SAMPLES, '--limit', '0'], "paperterm: --limit needs a whole number of at least 1, not '0' (see paperterm --help)\n"],
    [['search', 'bev', SAMPLES, '--limit', 'ten'], "paperterm: --limit needs a whole number of at least 1, not 'ten' (see paperterm --help)\n"],
  ])('usage errors are one line and exit 2: %j', async (argv, message) => {
    expect(await paperterm(...argv)).toEqual({ code: 2, out: '', err: message });
  });

  it('searches the digests named on the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperterm-search-'));
    const abstract = 'We study sparse mixtures of experts. '.repeat(10);
    writeFileSync(join(dir, 'one.txt'), `Mar 3\n\nSparse Experts at Scale\n\n${abstract}\n\nDense Baselines Revisited\n\n${'We revisit dense models. '.repeat(15)}\n`);
    const { code, out } = await paperterm('search', 'experts', dir);
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n').map((l) => l.split('  ').at(-1))).toEqual(['Sparse Experts at Scale']);
  });

  it('the built program prints the same and sets the exit code', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, ...stateEnv(), PAPERTERM_CACHE_DIR: mkdtempSync(join(tmpdir(), 'paperterm-cache-')) };
    const ok = await run(process.execPath, [BIN, 'search', 'qwen2.5', SAMPLES, '--limit', '1'], { env });
    expect(ok.stdout).toBe(formatPaperLines([byTitle('Qwen2.5 Technical Report')]));
    await expect(run(process.execPath, [BIN, 'search', 'qqqxzzv', SAMPLES], { env })).rejects.toMatchObject({ code: 1, stdout: '', stderr: '' });
  }, 20_000);
});
