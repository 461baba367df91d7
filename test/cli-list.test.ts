import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../src/core/types.js';
import { abstract, layoutA, pinnedSamples, SAMPLE_DIR, SAMPLES, tempDir, writeDigests } from './helpers/digests.js';
import { BIN, expectCleanErrors, runCli } from './helpers/cli.js';

/** What `list --json` prints for a paper: the library's fields plus its marks. */
type JsonPaper = Paper & { read: boolean; starred: boolean };

describe('paperterm list (the built binary)', () => {
  it('prints the 428 merged sample papers, newest first, one a line with the id first', () => {
    const r = runCli(['list', pinnedSamples().dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(428);
    // id, marks (N unread), how many digests it was in, newest date, title.
    expect(lines[0]).toMatch(/^[0-9a-f]{12} {2}N {3}1 {2}2025-03-18 +Efficiently Robustify Pre-trained Models$/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('prints one JSON array with the documented fields', () => {
    const { files } = pinnedSamples();
    const r = runCli(['list', files.mar18, files.undated, '--json']);
    expect(r.code).toBe(0);
    const papers = JSON.parse(r.stdout) as JsonPaper[];
    expect(papers).toHaveLength(new Set(papers.map((p) => p.id)).size);
    expect(Object.keys(papers[0]!).sort()).toEqual(['abstract', 'date', 'dates', 'days', 'id', 'label', 'links', 'read', 'sources', 'starred', 'title']);
    const fb = papers.find((p) => p.title.startsWith('FB-BEV'))!;
    expect(fb.dates).toEqual(['Mar 10?']);
    expect(fb.sources).toEqual([files.undated]);
    expect(fb.links).toEqual(['https://github.com/NVlabs/FB-BEV']);
  });

  it('gives the same ids whichever way the files are named or passed', () => {
    const a = JSON.parse(runCli(['list', '--json', SAMPLE_DIR]).stdout) as JsonPaper[];
    const b = JSON.parse(runCli(['list', '--json', SAMPLES.undated, SAMPLES.mar14, SAMPLES.mar17, SAMPLES.mar18]).stdout) as JsonPaper[];
    expect(b.map((p) => p.id)).toEqual(a.map((p) => p.id));
  });

  it('with no command and no terminal, prints the list', () => {
    const r = runCli([]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(428);
  });

  it('reads the directories in PAPERTERM_DIGESTS when no path is given', () => {
    const one = writeDigests({ 'a.txt': layoutA('Mar 2', [['Alpha', abstract('alpha')]]) });
    const two = writeDigests({ 'b.txt': layoutA('Mar 1', [['Beta', abstract('beta')]]) });
    const r = runCli(['list'], { env: { PAPERTERM_DIGESTS: `${one}:${two}` } });
    expect(r.stdout).toMatch(/Alpha\n.*Beta\n$/);
  });

  it('names each bad file on one line, loads the rest, exits 0', () => {
    const dir = writeDigests({ 'good.txt': layoutA('Mar 2', [['Alpha', abstract('alpha')]]), 'bad.txt': '\n\n' });
    const r = runCli(['list', dir, join(dir, 'nope.txt')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Alpha\n$/);
    expect(expectCleanErrors(r.stderr).sort()).toEqual([
      `paperterm: ${join(dir, 'bad.txt')}: no paper entries found`,
      `paperterm: ${join(dir, 'nope.txt')}: no such file or directory`,
    ]);
  });

  it('exits 2 with one line per problem when nothing loads', () => {
    const r = runCli(['list', '/no/such/dir']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(expectCleanErrors(r.stderr)).toEqual(['paperterm: /no/such/dir: no such file or directory', 'paperterm: no digests loaded']);
  });

  it('warns about a title without an abstract and keeps the paper', () => {
    const dir = writeDigests({ 'w.txt': `${layoutA('Mar 2', [['Alpha', abstract('alpha')]])}\n\nTail Title\n` });
    const r = runCli(['list', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Tail Title\n$/);
    expect(expectCleanErrors(r.stderr)).toEqual([`paperterm: warning: ${join(dir, 'w.txt')}: line 15: last title has no abstract: "Tail Title"`]);
  });

  it('rejects an unknown option with one line and exit 2', () => {
    const r = runCli(['list', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(expectCleanErrors(r.stderr)).toEqual(["paperterm: Unknown option '--frobnicate' (see paperterm --help)"]);
  });

  it('answers --help and --version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/paperterm list \[PATH\.\.\.\] \[--json\]/);
    const version = runCli(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('stops quietly when the reader of its output goes away (| head)', async () => {
    const env = { ...process.env, PAPERTERM_CACHE_DIR: tempDir() };
    const child = spawn(process.execPath, [BIN, 'list', '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
