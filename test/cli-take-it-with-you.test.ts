import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../src/core/types.js';
import { isoDay, localDay, shortLabel } from '../src/core/digest-date.js';
import { abstract, layoutA, pinnedSamples, SAMPLES, tempDir, writeDigests, YEARS_APART, yearsApart } from './helpers/digests.js';
import { expectCleanErrors, runCli } from './helpers/cli.js';

type JsonPaper = Paper & { read: boolean; starred: boolean };

const papersOf = (args: string[], env = {}) => JSON.parse(runCli(['list', '--json', ...args], { env }).stdout) as JsonPaper[];
const all = papersOf([]);
const first = all[0]!;

describe('paperterm show', { timeout: 60_000 }, () => {
  it('prints one paper in full, wrapped to 80 columns in a pipe, with dates, marks and numbered links', () => {
    const p = all.find((x) => x.links.length >= 1 && x.dates.length >= 2)!;
    const r = runCli(['show', p.id.slice(0, 6)]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain(`id       ${p.id}\n`);
    expect(r.stdout).toContain(`digests  ${p.dates[0]} (${p.sources[0]})\n`);
    expect(r.stdout).toContain('marks    unread\n');
    expect(r.stdout).toContain(`links    [1] ${p.links[0]}`);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(p.abstract.replace(/\s+/g, ' '));
    expect(r.stdout.replace(/\s+/g, ' ').startsWith(p.title)).toBe(true);
  });

  it('wraps to $COLUMNS, and --json is one object with the marks', () => {
    const narrow = runCli(['show', first.id], { env: { COLUMNS: '40' } });
    expect(Math.max(...narrow.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(40);
    const state = tempDir('paperterm-state-');
    runCli(['star', first.id, '--state-dir', state]);
    const json = runCli(['show', first.id, '--json', '--state-dir', state]);
    expect(JSON.parse(json.stdout)).toEqual({ ...first, starred: true });
  });

  it('exits 2 with one line for an unknown or missing id', () => {
    const r = runCli(['show', 'ffff0000ffff']);
    expect(r.code).toBe(2);
    expect(expectCleanErrors(r.stderr)).toEqual(["paperterm: no paper with id 'ffff0000ffff'"]);
    expect(runCli(['show']).code).toBe(2);
  });
});

describe('paperterm export', { timeout: 60_000 }, () => {
  it('writes BibTeX a real parser reads, one @misc per paper, unique keys, url and note', () => {
    const r = runCli(['export', '--format', 'bibtex', '--date', 'Mar 14']);
    expect(r.code).toBe(0);
    const mar14 = all.filter((p) => p.dates.includes('Mar 14'));
    const parsed = parseBibtex(r.stdout, { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.fields.title)).toEqual(mar14.map((p) => p.title.replace(/\s+/g, ' ')));
    expect(new Set(parsed.entries.map((e) => e.key)).size).toBe(mar14.length);
    const withLink = mar14.findIndex((p) => p.links.length);
    expect(parsed.entries[withLink]!.fields.url).toBe(mar14[withLink]!.links[0]);
    expect(parsed.entries[0]!.fields.note).toBe(`Trending papers digest: ${mar14[0]!.dates.join(', ')}`);
  });

  it('selects by marks, date and query, and exits 1 writing nothing when none is left', () => {
    const state = tempDir('paperterm-state-');
    runCli(['star', all[0]!.id, all[1]!.id, '--state-dir', state]);
    runCli(['read', all[1]!.id, '--state-dir', state]);
    const json = (args: string[]) => JSON.parse(runCli(['export', '-f', 'json', '--state-dir', state, ...args]).stdout) as JsonPaper[];
    expect(json(['--starred']).map((p) => p.id)).toEqual([all[0]!.id, all[1]!.id]);
    expect(json(['--starred', '--unread']).map((p) => p.id)).toEqual([all[0]!.id]);
    expect(json(['--all'])).toHaveLength(all.length);
    const bev = json(['--query', '^fb-bev']);
    expect(bev[0]!.title).toMatch(/^FB-BEV/);
    const none = runCli(['export', '-f', 'csv', '--query', 'zzzqqqxxx']);
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(expectCleanErrors(none.stderr)).toEqual(['paperterm: no papers to export']);
  });

  it('--query with --date gives the search hits of that date in search order, through the index cache', () => {
    const hits = JSON.parse(runCli(['search', '--json', 'diffusion']).stdout) as JsonPaper[];
    const label = hits[hits.length - 1]!.dates[0]!;
    const expected = hits.filter((p) => p.dates.includes(label)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(1);

    const cache = tempDir('paperterm-cache-');
    const env = { PAPERTERM_CACHE_DIR: cache };
    const indexFiles = () => readdirSync(cache, { recursive: true }).map(String).filter((f) => f.endsWith('.idx'));
    const exported = () => JSON.parse(runCli(['export', '-f', 'json', '--date', label, '--query', 'diffusion'], { env }).stdout) as JsonPaper[];
    expect(exported().map((p) => p.id)).toEqual(expected);
    // The whole library's index was cached (not one of the chosen papers only), and serves the next search and export.
    expect(indexFiles()).toHaveLength(1);
    expect(JSON.parse(runCli(['search', '--json', 'diffusion'], { env }).stdout)).toEqual(hits);
    expect(exported().map((p) => p.id)).toEqual(expected);
    expect(indexFiles()).toHaveLength(1);
  });

  it('--date takes the full date too; a date two years share is refused, naming both days', () => {
    const dir = yearsApart();
    const titles = (args: string[]) => (JSON.parse(runCli(['export', '-f', 'json', dir, ...args]).stdout) as JsonPaper[]).map((p) => p.title).sort();
    expect(titles(['--date', '2025-03-18'])).toEqual([...YEARS_APART['2025-03-18.txt']!.titles].sort());
    expect(titles(['--date', '2026-03-18'])).toEqual([...YEARS_APART['2026-03-18.txt']!.titles].sort());
    expect(titles(['--date', 'mar 17'])).toEqual(YEARS_APART['2025-03-17.txt']!.titles);
    const twice = runCli(['export', '-f', 'json', dir, '--date', 'Mar 18']);
    expect(twice).toMatchObject({ code: 2, stdout: '' });
    expect(expectCleanErrors(twice.stderr)).toEqual([
      "paperterm: 'Mar 18' is the date of digests of 2 days (2026-03-18, 2025-03-18): give the full date, e.g. --date 2026-03-18",
    ]);
    const none = runCli(['export', '-f', 'json', dir, '--date', '2026-03-19']);
    expect(none.code).toBe(2);
    expect(expectCleanErrors(none.stderr)).toEqual(["paperterm: no digest dated '2026-03-19'; did you mean '2026-03-18'?"]);
  });

  it('writes a Markdown reading list and CSV', () => {
    const md = runCli(['export', '--format', 'markdown', SAMPLES.mar18]);
    expect(md.stdout.startsWith('# Reading list\n\n106 papers, exported by paperterm.\n\n## ')).toBe(true);
    expect(md.stdout).toContain('\n- Digests: Mar 18\n');
    expect(md.stdout).toContain('\n> A recent trend in deep learning');
    const csv = runCli(['export', '--format', 'csv', SAMPLES.mar18]);
    expect(csv.stdout.startsWith('id,title,dates,links,read,starred,abstract\r\n')).toBe(true);
    expect(csv.stdout.endsWith('\r\n')).toBe(true);
  });

  it('-o writes atomically, guesses the format from the extension, and never harms a file on failure', () => {
    const dir = tempDir('paperterm-out-');
    const out = join(dir, 'list.bib');
    expect(runCli(['export', '-o', out, SAMPLES.mar18])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8').startsWith('@misc{')).toBe(true);
    expect(readdirSync(dir)).toEqual(['list.bib']);

    const precious = join(dir, 'precious.json');
    writeFileSync(precious, 'my reading list\n');
    const empty = runCli(['export', '-o', precious, '--query', 'zzzqqqxxx']);
    expect(empty.code).toBe(1);
    expect(readFileSync(precious, 'utf8')).toBe('my reading list\n');

    // The directory cannot take the temp file: the old file must stay whole, no temp left behind.
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    const target = join(locked, 'list.csv');
    writeFileSync(target, 'old,bytes\r\n');
    chmodSync(locked, 0o555);
    const blocked = join(dir, 'file-not-dir');
    writeFileSync(blocked, '');
    // Root ignores chmod; a path under a regular file fails for everyone.
    const failTarget = process.getuid?.() === 0 ? join(blocked, 'list.csv') : target;
    const r = runCli(['export', '-o', failTarget]);
    expect(r.code).toBe(2);
    expect(expectCleanErrors(r.stderr)).toEqual([expect.stringMatching(/^paperterm: .*list\.csv: cannot write \(.+\); nothing changed$/)]);
    chmodSync(locked, 0o755);
    expect(readFileSync(target, 'utf8')).toBe('old,bytes\r\n');
    expect(readdirSync(locked)).toEqual(['list.csv']);
  });

  it('refuses bad usage with exit 2 and a suggestion', () => {
    const noFormat = runCli(['export']);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toBe('paperterm: export needs --format markdown|json|bibtex|csv (see paperterm --help)\n');
    expect(runCli(['export', '-f', 'bibtx']).stderr).toBe("paperterm: unknown --format 'bibtx'; did you mean `bibtex`? (see paperterm --help)\n");
    expect(runCli(['export', '-f', 'csv', '--all', '--starred']).code).toBe(2);
    const date = runCli(['export', '-f', 'csv', '--date', 'Mar 19']);
    expect(date.code).toBe(2);
    expect(date.stderr).toBe("paperterm: no digest dated 'Mar 19'; did you mean 'Mar 18'?\n");
  });
});

describe('paperterm stats', { timeout: 60_000 }, () => {
  it('counts digests, papers, merged duplicates and marks', () => {
    const state = tempDir('paperterm-state-');
    runCli(['star', first.id, '--state-dir', state]);
    runCli(['read', first.id, all[5]!.id, '--state-dir', state]);
    // Set file times: the undated sample is dated by its file's (Mar 10, 2025 here).
    const pinned = pinnedSamples();
    const r = runCli(['stats', '--json', '--state-dir', state, pinned.dir]);
    const stats = JSON.parse(r.stdout) as { digests: { label: string; date: string; file: string; entries: number }[]; entries: number; papers: number; duplicatesMerged: number; unread: number; starred: number };
    expect(stats.digests.map((d) => [d.label, d.date, d.file, d.entries])).toEqual([
      ['Mar 18', '2025-03-18', pinned.files.mar18, 106],
      ['Mar 17', '2025-03-17', pinned.files.mar17, 113],
      ['Mar 14', '2025-03-14', pinned.files.mar14, 87],
      ['Mar 10?', '2025-03-10', pinned.files.undated, 197],
    ]);
    expect(stats).toMatchObject({ entries: 503, papers: all.length, duplicatesMerged: 503 - all.length, unread: all.length - 2, starred: 1 });
    const text = runCli(['stats', '--state-dir', state, pinned.dir]).stdout;
    expect(text).toContain(`papers      ${all.length}\nduplicates  ${503 - all.length} merged\nunread      ${all.length - 2}\nstarred     1\n`);
    expect(text).toContain(`  Mar 18   106 entries  ${pinned.files.mar18}\n`);
    expect(text).toContain(`  Mar 10?  197 entries  ${pinned.files.undated}\n`);
  });
});

describe('- reads a digest from stdin', { timeout: 60_000 }, () => {
  it('for list, search, show, export and stats; an undated one is dated today, as inferred', () => {
    const undated = readFileSync(SAMPLES.undated, 'utf8');
    // What the digest reads: the day it came in (run near midnight, either side of it).
    const days = [Date.now(), Date.now() + 60_000].map((t) => ({ day: isoDay(localDay(t)), label: `${shortLabel(localDay(t))}?` }));
    const listed = runCli(['list', '-', '--json'], { input: undated });
    const papers = JSON.parse(listed.stdout) as (JsonPaper & { date: string })[];
    expect(papers).toHaveLength(197);
    const today = days.find((d) => d.day === papers[0]!.date)!;
    expect(today).toBeDefined();
    expect(papers[0]!.dates).toEqual([today.label]);
    expect(runCli(['search', 'fb-bev', '-'], { input: undated }).stdout).toMatch(/\d{4}-\d{2}-\d{2}\? {2}FB-BEV/);
    expect(runCli(['show', papers[0]!.id, '--digests', '-'], { input: undated }).stdout).toContain(`digest   ${today.label} (stdin)`);
    const mar18 = pinnedSamples().files.mar18;
    expect(JSON.parse(runCli(['stats', '--json', '-', mar18], { input: undated }).stdout).digests.map((d: { label: string }) => d.label)).toEqual([today.label, 'Mar 18']);
    const dated = runCli(['export', '-f', 'json', '-'], { input: readFileSync(SAMPLES.mar17, 'utf8') });
    expect((JSON.parse(dated.stdout) as JsonPaper[])[0]!.dates).toEqual(['Mar 17']);
  });

  it('names stdin when what comes in is not a digest', () => {
    const r = runCli(['list', '-'], { input: '\0binary' });
    expect(r.code).toBe(2);
    expect(expectCleanErrors(r.stderr)).toEqual(['paperterm: -: binary file, not a text digest', 'paperterm: no digests loaded']);
  });
});

describe('did you mean', { timeout: 60_000 }, () => {
  it('for a mistyped command, option or marks subcommand; exit 2', () => {
    const cmd = runCli(['serach', 'bev']);
    expect(cmd).toMatchObject({ code: 2, stdout: '' });
    expect(cmd.stderr).toBe("paperterm: 'serach' is not a command or a file; did you mean `search`? (see paperterm --help)\n");
    expect(runCli(['export', '--formt', 'csv']).stderr).toBe("paperterm: Unknown option '--formt'; did you mean `--format`? (see paperterm --help)\n");
    expect(runCli(['list', '--unraed']).stderr).toBe("paperterm: Unknown option '--unraed'; did you mean `--unread`? (see paperterm --help)\n");
    expect(runCli(['marks', 'exprt']).stderr).toBe("paperterm: unknown marks command 'exprt'; did you mean `marks export`? (see paperterm --help)\n");
    // A word that is neither close to a command nor a file is still taken as a path, as before.
    expect(runCli(['nonsense']).stderr).toContain('nonsense: no such file or directory');
    // Names an object has by inheritance are not commands either (they once crashed with a trace).
    const inherited = runCli(['constructor']);
    expect(inherited.code).toBe(2);
    expect(expectCleanErrors(inherited.stderr)).toEqual(['paperterm: constructor: no such file or directory', 'paperterm: no digests loaded']);
  });

  it('each command answers --help with its own usage, from its own module', () => {
    for (const [command, usage] of [['list', 'paperterm list [PATH...]'], ['search', 'paperterm search QUERY'], ['star', 'paperterm read|unread|star|unstar ID...'], ['export', 'paperterm export [PATH...]'], ['similar', 'paperterm similar ID']] as const) {
      const r = runCli([command, '--help']);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout.startsWith(usage)).toBe(true);
      expect(r.stdout).toContain('--state-dir DIR');
    }
    const whole = runCli(['--help']);
    for (const usage of ['paperterm list [PATH...]', 'paperterm show ID', 'paperterm export [PATH...]', 'paperterm stats', 'paperterm marks export', 'paperterm similar ID']) expect(whole.stdout).toContain(usage);
  });
});

describe('marks that travel', { timeout: 60_000 }, () => {
  it('export on one machine, import on another: newest change wins, unmarks too, idempotent', () => {
    const laptop = tempDir('paperterm-laptop-');
    const server = tempDir('paperterm-server-');
    const shared = join(tempDir('paperterm-shared-'), 'marks.json');
    const [a, b, c] = all;
    runCli(['star', a!.id, '--state-dir', laptop]);
    runCli(['read', a!.id, b!.id, '--state-dir', laptop]);
    expect(runCli(['marks', 'export', '-o', shared, '--state-dir', laptop])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const file = JSON.parse(readFileSync(shared, 'utf8')) as { version: number; marks: Record<string, Record<string, unknown>> };
    expect(Object.keys(file.marks).sort()).toEqual([a!.id, b!.id].sort());
    expect(file.marks[a!.id]).toMatchObject({ read: true, starred: true, readAt: expect.any(String), starredAt: expect.any(String) });

    runCli(['read', c!.id, '--state-dir', server]);
    const first = runCli(['marks', 'import', shared, '--state-dir', server]);
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n').filter(Boolean).sort()).toEqual(
      [`marked read: ${a!.id}  ${a!.title}`, `starred: ${a!.id}  ${a!.title}`, `marked read: ${b!.id}  ${b!.title}`].sort(),
    );
    expect(runCli(['marks', 'import', shared, '--state-dir', server])).toMatchObject({ code: 0, stdout: 'no changes\n' });
    const onServer = papersOf(['--state-dir', server]);
    expect(onServer.filter((p) => p.read).map((p) => p.id)).toEqual([a!.id, b!.id, c!.id]);

    // Unread on the server, later than the laptop's read: it travels back and wins there.
    runCli(['unread', b!.id, '--state-dir', server]);
    const back = runCli(['marks', 'export', '--state-dir', server]).stdout;
    const imported = runCli(['marks', 'import', '-', '--state-dir', laptop], { input: back });
    expect(imported.stdout.split('\n').filter(Boolean).sort()).toEqual([`marked read: ${c!.id}  ${c!.title}`, `marked unread: ${b!.id}  ${b!.title}`].sort());
    // The laptop's older export does not bring the read back.
    expect(runCli(['marks', 'import', shared, '--state-dir', laptop]).stdout).toBe('no changes\n');
    expect(papersOf(['--state-dir', laptop]).filter((p) => p.read).map((p) => p.id)).toEqual([a!.id, c!.id]);
  });

  it('refuses a file that is not a marks file, changing nothing', () => {
    const state = tempDir('paperterm-state-');
    runCli(['star', first.id, '--state-dir', state]);
    const before = readFileSync(join(state, 'state.json'));
    const bad = join(tempDir(), 'bad.json');
    writeFileSync(bad, '{"hello": 1}');
    const r = runCli(['marks', 'import', bad, '--state-dir', state]);
    expect(r.code).toBe(2);
    expect(expectCleanErrors(r.stderr)).toEqual([`paperterm: ${bad}: not a paperterm marks file (not a paperterm state file); nothing changed`]);
    expect(readFileSync(join(state, 'state.json'))).toEqual(before);
    expect(runCli(['marks', 'import', join(tempDir(), 'missing.json'), '--state-dir', state]).code).toBe(2);
  });

  it('export refuses to write an empty file over a shared one when the marks cannot be read', () => {
    const state = tempDir('paperterm-state-');
    writeFileSync(join(state, 'state.json'), '{ not json');
    const shared = join(tempDir(), 'marks.json');
    writeFileSync(shared, 'the other machine\'s marks');
    const r = runCli(['marks', 'export', '-o', shared, '--state-dir', state]);
    expect(r.code).toBe(2);
    expect(expectCleanErrors(r.stderr).at(-1)).toBe('paperterm: no marks could be read; nothing written');
    expect(readFileSync(shared, 'utf8')).toBe("the other machine's marks");
  });
});

describe('digest text that tries to drive the terminal', { timeout: 60_000 }, () => {
  it('never reaches stdout as control bytes from show or any human export format', () => {
    const evil = 'Evil \x1b]52;c;cHduZWQ=\x07paper \x1b[2J\u202Egnp.exe';
    const dir = writeDigests({ 'a.txt': layoutA('Mar 2', [[evil, `${abstract('evil')} \x1b[31mred\x1b[0m https://x.org/\x1b[0m`]]) });
    const [p] = papersOf([dir]);
    expect(p!.title).toBe(evil); // the library keeps the text exact…
    for (const args of [['show', p!.id, '--digests', dir], ...['markdown', 'bibtex', 'csv'].map((f) => ['export', '-f', f, dir])]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      // …what is printed holds no ESC, BEL, C1 or bidi override.
      expect(r.stdout, args.join(' ')).not.toMatch(/[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
      expect(r.stdout, args.join(' ')).toContain('Evil');
    }
    const json = runCli(['export', '-f', 'json', dir]).stdout;
    expect(json).not.toMatch(/\u202e/);
    expect((JSON.parse(json) as JsonPaper[])[0]!.title).toBe(evil);
  });
});

describe('every command has --help and consistent exit codes', { timeout: 60_000 }, () => {
  it.each(['list', 'search', 'show', 'export', 'stats', 'marks', 'read', 'star'])('%s --help prints its own usage, exit 0', (cmd) => {
    const r = runCli([cmd, '--help']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(new RegExp(`^paperterm (${cmd}|read\\|unread\\|star\\|unstar) `));
    expect(r.stdout).toContain('--state-dir DIR');
  });

  it('a digest dir with no match: search exits 1, export exits 1', () => {
    const dir = writeDigests({ 'a.txt': layoutA('Mar 2', [['Alpha', abstract('alpha')]]) });
    expect(runCli(['search', 'zzzqqq', dir]).code).toBe(1);
    expect(runCli(['export', '-f', 'json', '--query', 'zzzqqq', dir]).code).toBe(1);
    expect(existsSync(dir)).toBe(true);
  });
});
