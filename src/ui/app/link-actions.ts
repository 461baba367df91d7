// What the reader's y / Y / c / o keys do to a paper, short of reading the key: the text, the bytes
// for the terminal and the footer's words. The reader supplies `write` (its one terminal writer).
import type { Paper } from '../../core/types.js';
import { copyEffect, type CopyKind } from '../reader/link-copy.js';
import { copyToClipboard } from '../terminal/osc.js';
import { describeOutcome, openLink, type OpenLinkOptions } from './open-link.js';

export type { CopyKind };

export interface CopyAction {
  /** What lands on the clipboard. */
  text: string;
  /** OSC 52 for it, wrapped for tmux or screen when inside one: write these bytes as they are. */
  bytes: string;
  /** One line for the footer, terminal-safe. */
  footer: string;
}

/** `y` (link), `Y` (markdown) or `c` (bibtex) for a paper (the reader's Effect, with its bytes). */
export function copyAction(kind: CopyKind, paper: Paper, env: NodeJS.ProcessEnv): CopyAction {
  const { text, note } = copyEffect(kind, paper);
  return { text, bytes: copyToClipboard(text, env), footer: note };
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
