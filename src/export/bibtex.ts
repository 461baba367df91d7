import { terminalLine } from '../core/terminal-text.js';
import type { Paper } from '../core/types.js';

// What classic BibTeX, biber and LaTeX read as markup inside a braced field. Braces are never
// written as \{ \}: BibTeX counts every brace, escaped or not, to find a field's end, so one stray
// brace in a title would swallow the rest of the file. \textbraceleft{} keeps them balanced.
const LATEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  $: '\\$',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // Plain LaTeX fonts (OT1) print these three as ¡ ¿ and an em dash.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};
const SPECIAL = /[\\{}%&#_$~^<>|]/g;

// TeX turns `` '' -- --- ,, !` ?` into other characters (quotes, dashes); an empty group between
// the two keeps the characters the digest has.
const LIGATURE = /([-`',])(?=\1)|([!?])(?=`)/g;

/**
 * Text for a braced BibTeX field: terminal-safe on one line (escape sequences gone, controls in
 * caret notation, as everywhere paperterm prints digest text), special characters escaped, braces
 * balanced, no ligatures.
 */
export function bibtexText(text: string): string {
  return terminalLine(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(SPECIAL, (ch) => LATEX_SPECIAL[ch]!)
    .replace(LIGATURE, '$&{}');
}

/**
 * A URL for the `url` field, which biblatex and the url package read verbatim: only characters that
 * would unbalance the braces, end the field or break the line are percent-encoded.
 */
export function bibtexUrl(url: string): string {
  return url.replace(/[{}\\\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C"]/g, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'is', 'are', 'from', 'via', 'at', 'by']);
const KEY_WORD_MAX = 20;
const KEY_ID_DIGITS = 6;

/** The first telling word of a title in plain ASCII letters and digits ("paper" if it has none). */
function keyWord(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const word = words.find((w) => !STOP_WORDS.has(w) && /[a-z]/.test(w)) ?? words[0] ?? 'paper';
  return word.slice(0, KEY_WORD_MAX);
}

/**
 * Citation keys for papers, in the same order: the first telling word of the title and the first
 * six digits of the paper's id ("robustify-f936f4"). They depend only on the paper, so a paper keeps
 * its key from one export to the next. Two papers whose keys would coincide get more id digits each
 * until they differ (ids are distinct, so they always do).
 */
export function citationKeys(papers: readonly Pick<Paper, 'id' | 'title'>[]): string[] {
  const word = papers.map((p) => keyWord(p.title));
  const digits = papers.map(() => KEY_ID_DIGITS);
  const keyAt = (i: number) => `${word[i]}-${papers[i]!.id.slice(0, digits[i])}`;
  for (;;) {
    const byKey = new Map<string, number[]>();
    papers.forEach((_, i) => {
      const k = keyAt(i);
      byKey.set(k, [...(byKey.get(k) ?? []), i]);
    });
    const clashing = [...byKey.values()].filter((is) => is.length > 1 && is.some((i) => digits[i]! < papers[i]!.id.length));
    if (clashing.length === 0) break;
    for (const is of clashing) for (const i of is) digits[i]! += 1;
  }
  return papers.map((_, i) => keyAt(i));
}

/** The `note` text: where the paper was seen. */
export function digestNote(dates: readonly string[]): string {
  return dates.length ? `Trending papers digest: ${dates.join(', ')}` : 'Trending papers digest';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * When the paper was first seen trending (the oldest digest with a real date: an undated digest's
 * day, `Mar 18?`, is a guess), as BibTeX's year and month: the closest a digest comes to when the
 * paper came out. Month as the standard macro (`mar`), which every style prints in its own way.
 */
function firstSeen(paper: Pick<Paper, 'dates' | 'days'>): { year: string; month: string } | undefined {
  for (let i = paper.days.length - 1; i >= 0; i--) {
    if (paper.dates[i]?.endsWith('?')) continue;
    const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(paper.days[i] ?? '');
    const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
    if (m && month) return { year: m[1]!, month };
  }
  return undefined;
}

/** One `@misc` entry. The title is braced once more so that styles keep its capitals (BEV, LLM). */
export function bibtexEntry(paper: Paper, key: string): string {
  const fields: [string, string][] = [['title', `{{${bibtexText(paper.title)}}}`]];
  const seen = firstSeen(paper);
  if (seen) fields.push(['year', `{${seen.year}}`], ['month', seen.month]);
  if (paper.links[0]) fields.push(['url', `{${bibtexUrl(paper.links[0])}}`]);
  fields.push(['note', `{${bibtexText(digestNote(paper.dates))}}`]);
  if (paper.abstract) fields.push(['abstract', `{${bibtexText(paper.abstract)}}`]);
  const body = fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n');
  return `@misc{${key},\n${body}\n}\n`;
}

/** A .bib file of every paper, entries separated by a blank line. */
export function bibtexDocument(papers: readonly Paper[]): string {
  const keys = citationKeys(papers);
  return papers.map((p, i) => bibtexEntry(p, keys[i]!)).join('\n');
}
