import { sortDigests } from '../../core/library.js';
import { terminalLine } from '../../core/terminal-text.js';
import { marksOf } from '../../state/types.js';
import { parseCommandArgs } from '../args.js';
import type { Io } from '../io.js';
import { loadOrFail } from '../load-or-fail.js';
import { readMarksForCli, STATE_OPTIONS } from './state-opts.js';

export const STATS_HELP = `paperterm stats [PATH...] [--json] [--state-dir DIR]
  What is loaded: each digest (label, file, entries), papers, duplicates merged, unread, starred.
  --json   one JSON object {digests: [{label, date, inferred, file, entries}], entries, papers, duplicatesMerged,
           read, unread, starred}`;

export function statsCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, ...STATE_OPTIONS });
  const { digests, papers } = loadOrFail(positionals, io);
  const marks = readMarksForCli(values, io);
  const rows = sortDigests(digests).map((d) => ({ label: d.label, date: d.day, inferred: d.inferred, file: d.file, entries: d.entries.length }));
  const entries = rows.reduce((n, d) => n + d.entries, 0);
  let read = 0;
  let starred = 0;
  for (const p of papers) {
    const m = marksOf(marks, p.id);
    if (m.read) read++;
    if (m.starred) starred++;
  }
  const stats = { digests: rows, entries, papers: papers.length, duplicatesMerged: entries - papers.length, read, unread: papers.length - read, starred };
  if (values.json) {
    io.json(stats);
    return 0;
  }
  const labelWidth = Math.max(...rows.map((d) => terminalLine(d.label).length));
  const countWidth = Math.max(...rows.map((d) => String(d.entries).length));
  const lines = [`digests     ${rows.length}`];
  for (const d of rows) {
    const file = d.file === '-' ? 'stdin' : d.file;
    lines.push(`  ${terminalLine(d.label).padEnd(labelWidth)}  ${String(d.entries).padStart(countWidth)} entries  ${terminalLine(file)}`);
  }
  lines.push(
    `entries     ${entries}`,
    `papers      ${papers.length}`,
    `duplicates  ${stats.duplicatesMerged} merged`,
    `unread      ${stats.unread}`,
    `starred     ${starred}`,
  );
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
