import { terminalLine } from '../core/terminal-text.js';
import type { Paper } from '../core/types.js';
import type { Marks } from '../state/types.js';

/**
 * Inline Markdown text that renders as the characters written, terminal-safe on one line (as
 * terminalLine makes every printed digest text): the marks CommonMark would read as
 * emphasis, code, links, HTML or table cells are backslash-escaped (any ASCII punctuation may be),
 * and so is an entity-like `&name;` and a line start that would begin a block.
 */
export function markdownText(text: string): string {
  return terminalLine(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^([#+\-=>])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A URL as a link destination: characters that would end or break it are percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(/[\s()<>\\\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** `[Title](first link)`, or the escaped title alone when the paper has no link. */
export function markdownLink(paper: Pick<Paper, 'title' | 'links'>): string {
  const title = markdownText(paper.title);
  const link = paper.links[0];
  return link ? `[${title}](${markdownUrl(link)})` : title;
}

/** One paper of a reading list: a heading, where it was seen, its links and marks, the abstract as a quote. */
export function markdownEntry(paper: Paper, marks?: Marks): string {
  const lines = [`## ${markdownLink(paper)}`, ''];
  if (paper.dates.length) lines.push(`- Digests: ${paper.dates.map(markdownText).join(', ')}`);
  paper.links.forEach((link, i) => lines.push(`- Link ${i + 1}: <${markdownUrl(link)}>`));
  if (marks) lines.push(`- Marks: ${marks.read ? 'read' : 'unread'}${marks.starred ? ', starred' : ''}`);
  lines.push(`- Id: \`${paper.id}\``);
  if (paper.abstract) lines.push('', `> ${markdownText(paper.abstract)}`);
  return `${lines.join('\n')}\n`;
}

/** A reading list: a title line with the count, then each paper. */
export function markdownDocument(papers: readonly Paper[], marksOf?: (p: Paper) => Marks): string {
  const head = `# Reading list\n\n${papers.length} ${papers.length === 1 ? 'paper' : 'papers'}, exported by paperterm.\n`;
  return [head, ...papers.map((p) => markdownEntry(p, marksOf?.(p)))].join('\n');
}
