import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleMaterial, writeCorpus, type CorpusInfo } from '../bench/digest-writer.js';
import { normalizeTitle } from '../src/core/library.js';
import { loadLibrary, SAMPLE_DATA_DIR } from '../src/core/load.js';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperterm-writer-test-'));
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('writeCorpus', () => {
  let info: CorpusInfo;
  let loaded: ReturnType<typeof loadLibrary>;
  beforeAll(() => {
    info = writeCorpus(tempDir(), { papers: 500, seed: 7 });
    loaded = loadLibrary([info.dir]);
  });

  it('writes digests the real loader reads as exactly the requested number of distinct papers', () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.papers).toHaveLength(500);
    expect(info.papers).toBe(500);
    expect(loaded.digests.reduce((n, d) => n + d.entries.length, 0)).toBe(info.entries);
    expect(info.bytes).toBe(info.files.reduce((n, f) => n + readFileSync(f).length, 0));
  });

  it('uses both real layouts: dated with header and blank lines, and undated with a glued "Subscribe"', () => {
    const texts = info.files.map((f) => readFileSync(f, 'utf8'));
    const dated = texts.filter((t) => t.startsWith('new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\n'));
    const undated = texts.filter((t) => /^Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\nSubscribe\S/.test(t));
    expect(dated.length).toBeGreaterThan(0);
    expect(undated.length).toBeGreaterThan(0);
    expect(dated.length + undated.length).toBe(texts.length);
    expect(undated.every((t) => !t.includes('\n\n'))).toBe(true);
  });

  it('dates the digests day by day back from Mar 18, newest first in file-name order', () => {
    const names = readdirSync(info.dir).sort();
    expect(names.map((n) => join(info.dir, n))).toEqual(info.files);
    const dates = loaded.digests
      .slice()
      .sort((a, b) => a.file.localeCompare(b.file))
      .map((d) => d.date);
    expect(dates.slice(0, 3)).toEqual(['Mar 18', 'Mar 17', 'Mar 16']);
    expect(dates[3]).toBeNull();
  });

  it('puts about 150 entries in a digest and repeats some papers across digests', () => {
    const sizes = loaded.digests.map((d) => d.entries.length);
    for (const n of sizes.slice(0, -1)) expect(n).toBeGreaterThanOrEqual(120), expect(n).toBeLessThanOrEqual(180);
    const repeated = loaded.papers.filter((p) => p.sources.length > 1).length;
    expect(repeated).toBeGreaterThan(10);
    expect(repeated).toBeLessThan(250);
  });

  it('makes unique titles from the words of sample titles and abstracts from sample sentences', () => {
    const m = sampleMaterial();
    const titleWords = new Set(m.titleWords.flat());
    const sentences = new Set(m.sentences);
    const keys = new Set(loaded.papers.map((p) => normalizeTitle(p.title)));
    expect(keys.size).toBe(500);
    const samples = loadLibrary([SAMPLE_DATA_DIR]).papers;
    expect(samples.some((p) => /[^\x00-\x7f]/.test(p.title + p.abstract))).toBe(true);
    for (const p of loaded.papers) {
      expect(p.title.split(' ').every((w) => titleWords.has(w))).toBe(true);
      expect(p.title.length).toBeLessThanOrEqual(200);
      expect(p.abstract.length).toBeGreaterThanOrEqual(300);
    }
    // Abstracts are whole sample sentences joined by spaces: each starts with one.
    expect(loaded.papers.every((p) => [...sentences].some((s) => p.abstract.startsWith(s)))).toBe(true);
    expect(loaded.papers.filter((p) => p.links.length > 0).length).toBeGreaterThan(0);
  });

  it('writes the same corpus for the same seed and a different one for another seed', () => {
    const again = writeCorpus(tempDir(), { papers: 500, seed: 7 });
    const other = writeCorpus(tempDir(), { papers: 500, seed: 8 });
    const read = (c: CorpusInfo) => c.files.map((f) => readFileSync(f, 'utf8'));
    expect(read(again)).toEqual(read(info));
    expect(read(other)).not.toEqual(read(info));
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => writeCorpus(tempDir(), { papers: 0 })).toThrow(/positive whole number/);
    expect(() => writeCorpus(tempDir(), { papers: 2.5 })).toThrow(/positive whole number/);
  });
});
