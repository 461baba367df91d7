// What the reader's y / Y / c / o keys do to a paper, short of reading the key: the text, the bytes
// for the terminal and the footer's words. The reader supplies `write` (its one terminal writer).
import { terminalLine } from '../../core/terminal-text.js';
import type { Paper } from '../../core/types.js';
import { bibtexCitation, copyTarget, markdownLine } from '../../export/citation.js';
import { copyToClipboard } from '../terminal/osc.js';
import { describeOutcome, openLink, type OpenLinkOptions } from './open-link.js';

export type CopyKind = 'link' | 'markdown' | 'bibtex';

export interface CopyAction {
  /** What lands on the clipboard. */
  text: string;
  /** OSC 52 for it, wrapped for tmux or screen when inside one: write these bytes as they are. */
  bytes: string;
  /** One line for the footer, terminal-safe. */
  footer: string;
}

/** `y` (link), `Y` (markdown) or `c` (bibtex) for a paper. */
export function copyAction(kind: CopyKind, paper: Paper, env: NodeJS.ProcessEnv): CopyAction {
  let text: string;
  let footer: string;
  if (kind === 'link') {
    const target = copyTarget(paper);
    text = target.text;
    footer = target.what === 'link' ? `copied ${terminalLine(target.text)}` : 'copied the title (no link)';
  } else if (kind === 'markdown') {
    text = markdownLine(paper);
    footer = 'copied a Markdown link';
  } else {
    text = bibtexCitation(paper);
    footer = `copied BibTeX entry ${text.slice(text.indexOf('{') + 1, text.indexOf(','))}`;
  }
  return { text, bytes: copyToClipboard(text, env), footer };
}

/**
 * `o` (n = 1) or `o` then a digit: opens the paper's n-th link, or copies it (OSC 52 through
 * `write`) when the session is remote, has no display or no opener works. Resolves to the footer.
 */
export async function openOrCopyLink(
  paper: Paper,
  n: number,
  write: (bytes: string) => void,
  options: OpenLinkOptions & { env: NodeJS.ProcessEnv },
): Promise<string> {
  const url = paper.links[n - 1];
  if (url === undefined) return paper.links.length ? `no link ${n} (this paper has ${paper.links.length})` : 'this paper has no link';
  const outcome = await openLink(url, options);
  if (outcome.kind === 'copy') write(copyToClipboard(url, options.env));
  return describeOutcome(outcome);
}
