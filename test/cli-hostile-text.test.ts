// Digest text and file names are untrusted: the built binary is run through every CLI output path on
// a digest directory whose file name, titles and abstracts are full of terminal controls, and no
// byte a terminal would act on may reach stdout or stderr; --json must give the text back exactly.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../src/core/types.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { abstract, layoutA, layoutB, tempDir } from './helpers/digests.js';

// OSC title, a lone CR, SGR red background, erase screen, cursor moves, BEL, BS, tab, C1 CSI, DEL, bidi overrides.
const HOSTILE = '\u001b]0;PWNED\u0007\r\u001b[41m\u001b[2J\u001b[10;10H\u001b[3A\u0007\b\tX\u009b31m\u007f\u202ecod.exe\u2066';
const NAME_HOSTILE = `digest${HOSTILE}\r`;
// Anything a terminal acts on: C0 except \n, DEL, C1, bidi embeddings/overrides/isolates/marks.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

type JsonPaper = Paper & { read: boolean; starred: boolean };

function expectTerminalSafe(r: CliResult, what: string): void {
  const bad = (s: string) => [...s].filter((c) => UNSAFE.test(c)).map((c) => `U+${c.codePointAt(0)!.toString(16)}`);
  expect(bad(r.stdout), `${what}: stdout`).toEqual([]);
  expect(bad(r.stderr), `${what}: stderr`).toEqual([]);
}

describe('hostile digest text and file names on every CLI output path', () => {
  let dir: string;
  let undatedFile: string;
  const titles = [`Alpha ${HOSTILE} paper`, `Beta ${HOSTILE} paper`, `Gamma ${HOSTILE} paper`];
  const abstracts = [abstract(`alpha ${HOSTILE}`), abstract(`beta ${HOSTILE}`), abstract(`gamma ${HOSTILE}`)];
  const dangling = `Dangling ${HOSTILE} title`;

  beforeAll(() => {
    dir = tempDir('paperterm-hostile-');
    mkdirSync(join(dir, 'd'));
    // Dated, with a last title that has no abstract (a warning that quotes it).
    writeFileSync(join(dir, 'd', `a${HOSTILE}.txt`), `${layoutA('Mar 2', [[titles[0]!, abstracts[0]!]])}\n\n${dangling}\n`);
    // Undated, under a hostile file name (which warnings and --json's sources quote).
    undatedFile = join(dir, 'd', `${NAME_HOSTILE}.txt`);
    writeFileSync(undatedFile, layoutB([[titles[1]!, abstracts[1]!], [titles[2]!, abstracts[2]!]]));
    // Not a digest at all: an error line naming it.
    writeFileSync(join(dir, 'd', `bad${HOSTILE}.txt`), '\n\n');
  });

  const digests = () => join(dir, 'd');
  const idOf = (title: string) => (JSON.parse(runCli(['list', '--json', digests()]).stdout) as JsonPaper[]).find((p) => p.title === title)!.id;

  it('list and the plain fallback show the text inert', () => {
    for (const args of [['list', digests()], [digests()], ['list', '--unread', digests()]]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expectTerminalSafe(r, args.join(' '));
      expect(r.stdout).toMatch(/Alpha .*cod\.exe paper/);
      expect(r.stdout).toMatch(/^[0-9a-f]{12} {2}N .* {2}Beta .*cod\.exe paper$/m);
      // Warnings quote the title and the file name; the bad file is named in an error line.
      expect(r.stderr).toMatch(/^paperterm: warning: .*last title has no abstract: "Dangling .*title"$/m);
      expect(r.stderr).toMatch(/^paperterm: .*bad.*\.txt: no paper entries found$/m);
      for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^paperterm: /);
    }
  });

  it('list --json and search --json give back the exact text and file name', () => {
    const list = runCli(['list', '--json', digests()]);
    expectTerminalSafe(list, 'list --json');
    const papers = JSON.parse(list.stdout) as JsonPaper[];
    for (let i = 0; i < 3; i++) {
      const p = papers.find((q) => q.title === titles[i]);
      expect(p, titles[i]).toBeDefined();
      expect(p!.abstract).toBe(abstracts[i]);
    }
    const beta = papers.find((p) => p.title === titles[1])!;
    expect(beta.sources).toEqual([undatedFile]);
    expect(papers.find((p) => p.title === dangling)).toBeDefined();

    const search = runCli(['search', 'gamma', digests(), '--json']);
    expect(search.code).toBe(0);
    expectTerminalSafe(search, 'search --json');
    const hits = JSON.parse(search.stdout) as JsonPaper[];
    expect(hits[0]!.title).toBe(titles[2]);
    expect(hits[0]!.abstract).toBe(abstracts[2]);
  });

  it('search and the --query fallback show the matches inert', () => {
    for (const args of [['search', 'beta', digests()], ['--query', 'beta', digests()]]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expectTerminalSafe(r, args.join(' '));
      expect(r.stdout).toMatch(/Beta .*cod\.exe paper\n/);
    }
    // A query that is itself hostile.
    const odd = runCli(['search', `zzzz${HOSTILE}`, digests()]);
    expect([0, 1]).toContain(odd.code);
    expectTerminalSafe(odd, 'search hostile query');
  });

  it('read, unread, star and unstar print the titles inert', () => {
    const state = tempDir('paperterm-state-');
    const id = idOf(titles[0]!);
    for (const verb of ['read', 'unread', 'star', 'unstar']) {
      const r = runCli([verb, id, '--digests', digests(), '--state-dir', state]);
      expect(r.code, verb).toBe(0);
      expectTerminalSafe(r, verb);
      expect(r.stdout).toMatch(new RegExp(`^[a-z ]+: ${id}  Alpha .*cod\\.exe paper\\n$`));
    }
  });

  it('show, stats, similar and export keep the text inert, and exact in JSON', () => {
    const id = idOf(titles[1]!);
    const show = runCli(['show', id, '--digests', digests()]);
    expect(show.code).toBe(0);
    expectTerminalSafe(show, 'show');
    expect(show.stdout).toMatch(/Beta /);
    const json = runCli(['show', id, '--json', '--digests', digests()]);
    expectTerminalSafe(json, 'show --json');
    expect(JSON.parse(json.stdout)).toMatchObject({ title: titles[1], abstract: abstracts[1], sources: [undatedFile] });
    for (const args of [['stats', digests()], ['stats', '--json', digests()], ['similar', id, digests()], ['similar', id, '--json', digests()]]) {
      const r = runCli(args);
      expect([0, 1], args.join(' ')).toContain(r.code);
      expectTerminalSafe(r, args.join(' '));
    }
    for (const format of ['csv', 'markdown', 'bibtex', 'json']) {
      const r = runCli(['export', '--format', format, digests()]);
      expect(r.code, format).toBe(0);
      // CSV's own CRLF line ends are the one CR allowed through.
      expectTerminalSafe({ ...r, stdout: r.stdout.replace(/\r\n/g, '\n') }, `export ${format}`);
      if (format === 'csv') expect(r.stdout.endsWith('\r\n')).toBe(true);
      if (format === 'json') expect((JSON.parse(r.stdout) as { title: string }[]).map((p) => p.title)).toContain(titles[2]);
    }
    const stats = JSON.parse(runCli(['stats', '--json', digests()]).stdout) as { digests: { file: string }[] };
    expect(stats.digests.map((d) => d.file)).toContain(undatedFile);
  });

  it('error paths: a hostile path that does not exist, a hostile id, a hostile option', () => {
    const missing = runCli(['list', join(dir, `nope${HOSTILE}`)]);
    expect(missing.code).toBe(2);
    expectTerminalSafe(missing, 'missing path');
    expect(missing.stderr).toMatch(/^paperterm: .*nope.*: no such file or directory\npaperterm: no digests loaded\n$/);

    const unknownId = runCli(['read', `abcd${HOSTILE}`, '--digests', digests(), '--state-dir', tempDir()]);
    expect(unknownId.code).toBe(2);
    expectTerminalSafe(unknownId, 'unknown id');

    const option = runCli(['list', `--x${HOSTILE}`]);
    expect(option.code).toBe(2);
    expectTerminalSafe(option, 'unknown option');
    expect(option.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
