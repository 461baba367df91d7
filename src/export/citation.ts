// What the reader copies for one paper (y / Y / c) and what `paperterm export` writes for many,
// from the same functions, so a copied entry and an exported one are the same text.
import type { Paper } from '../core/types.js';
import { bibtexEntry, citationKeys } from './bibtex.js';
import { markdownLink } from './markdown.js';

/** `y`: the paper's first link, or its title (on one line) when it has none. */
export function copyTarget(paper: Pick<Paper, 'title' | 'links'>): { text: string; what: 'link' | 'title' } {
  const link = paper.links[0];
  return link ? { text: link, what: 'link' } : { text: paper.title.replace(/\s+/g, ' ').trim(), what: 'title' };
}

/** `Y`: a Markdown line `[Title](link)` (the title alone without a link). */
export function markdownLine(paper: Pick<Paper, 'title' | 'links'>): string {
  return markdownLink(paper);
}

/** `c`: a BibTeX `@misc` entry with the key `paperterm export --format bibtex` gives the paper. */
export function bibtexCitation(paper: Paper): string {
  return bibtexEntry(paper, citationKeys([paper])[0]!);
}
