// What y / Y / c put on the clipboard and the footer's words for it. Pure: the reader returns these
// as Effects and the app does the copying (OSC 52), then confirms with the note.
import { terminalLine } from '../../core/terminal-text.js';
import type { Paper } from '../../core/types.js';
import { bibtexCitation, copyTarget, markdownLine } from '../../export/citation.js';

export type CopyKind = 'link' | 'markdown' | 'bibtex';

export interface CopyEffect {
  kind: 'copy';
  /** What the text is: `link` falls back to `title` for a paper without a link. */
  what: 'link' | 'title' | 'markdown' | 'bibtex';
  /** What lands on the clipboard, exactly. */
  text: string;
  /** One terminal-safe line for the footer once it is copied. */
  note: string;
}

export interface OpenEffect {
  kind: 'open';
  url: string;
  /** Which of the paper's links (1 for the first). */
  n: number;
}

/** `y` (link), `Y` (markdown) or `c` (bibtex) for a paper. */
export function copyEffect(kind: CopyKind, paper: Paper): CopyEffect {
  if (kind === 'link') {
    const target = copyTarget(paper);
    const note = target.what === 'link' ? `copied ${terminalLine(target.text)}` : 'copied the title (no link)';
    return { kind: 'copy', what: target.what, text: target.text, note };
  }
  if (kind === 'markdown') return { kind: 'copy', what: 'markdown', text: markdownLine(paper), note: 'copied a Markdown link' };
  const text = bibtexCitation(paper);
  return { kind: 'copy', what: 'bibtex', text, note: `copied BibTeX entry ${text.slice(text.indexOf('{') + 1, text.indexOf(','))}` };
}

/** A paper's links numbered for the detail pane (o 2 opens the second). */
export interface NumberedLink {
  n: number;
  url: string;
}

export function numberedLinks(paper: Paper | undefined): readonly NumberedLink[] {
  return paper ? paper.links.map((url, i) => ({ n: i + 1, url })) : [];
}
