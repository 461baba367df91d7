import { terminalLine } from '../../core/terminal-text.js';
import type { Paper } from '../../core/types.js';
import { resolveIds } from '../../state/resolve-ids.js';
import { marksOf, type Marks } from '../../state/types.js';
import { paperRecord } from '../../export/formats.js';
import { parseCommandArgs } from '../args.js';
import { FatalError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { loadPapersOrFail } from '../load-or-fail.js';
import { outputWidth, wrapText } from '../wrap.js';
import { readMarksForCli, STATE_OPTIONS } from './state-opts.js';

export const SHOW_HELP = `paperterm show ID [--json] [--digests PATH]... [--state-dir DIR]
  Print one paper in full: title, id, digest dates and files, marks, numbered links, the abstract,
  wrapped to the terminal's width (80 columns in a pipe; $COLUMNS overrides). ID as for read/star.
  --json   one JSON object {id, title, date, label, abstract, dates, days, sources, links, read, starred}`;

const LABEL_WIDTH = 9;

function field(name: string, lines: string[]): string[] {
  return lines.map((l, i) => `${(i === 0 ? name : '').padEnd(LABEL_WIDTH)}${l}`);
}

/** The paper as a page of text; every piece of digest text made terminal-safe before it is measured. */
export function formatPaper(p: Paper, marks: Marks, width: number): string {
  const pad = ' '.repeat(LABEL_WIDTH);
  const out: string[] = [...wrapText(terminalLine(p.title), width), ''];
  out.push(...field('id', [p.id]));
  const seen = p.dates.map((d, i) => `${terminalLine(d)}  (${terminalLine(p.sources[i] === '-' ? 'stdin' : (p.sources[i] ?? ''))})`);
  out.push(...field(p.dates.length > 1 ? 'digests' : 'digest', seen.flatMap((s) => wrapText(s, width - LABEL_WIDTH))));
  out.push(...field('marks', [`${marks.read ? 'read' : 'unread'}${marks.starred ? ', starred' : ''}`]));
  if (p.links.length) {
    const links = p.links.flatMap((l, i) => wrapText(`[${i + 1}] ${terminalLine(l)}`, width, pad).map((s) => s.slice(LABEL_WIDTH)));
    out.push(...field('links', links));
  }
  out.push('');
  out.push(...(p.abstract ? wrapText(terminalLine(p.abstract), width) : ['(no abstract)']));
  return `${out.join('\n').replace(/ +$/gm, '')}\n`;
}

export function showCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    digests: { type: 'string', multiple: true },
    ...STATE_OPTIONS,
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'show takes one paper id' : 'show needs a paper id');
  const { papers } = loadPapersOrFail((values.digests as string[] | undefined) ?? [], io);
  const resolved = resolveIds(papers, positionals);
  if (resolved.problems.length) throw new FatalError(resolved.problems.join('; '), 2);
  const paper = resolved.papers[0]!;
  const marks = marksOf(readMarksForCli(values, io), paper.id);
  if (values.json) io.json(paperRecord(paper, marks));
  else io.out(formatPaper(paper, marks, outputWidth(io.env, io.stdoutIsTTY)));
  return 0;
}
