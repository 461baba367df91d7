// The reader's start, for "new": the ids of the loaded papers are recorded as seen (state/seen.ts)
// and those never seen before are the new ones (view 4, the marker, the header's count).
import { terminalLine } from '../../core/terminal-text.js';
import type { Paper } from '../../core/types.js';
import { recordOpened } from '../../state/seen.js';

export interface NewPapers {
  newIds: Set<string>;
  /** For the status line: seen.json could not be read or written (the new ids hold for this run). */
  warning: string | undefined;
}

/**
 * Call once per reader start, with the whole library (a large one once it is read whole: papers
 * not yet read would be new again next time). The very first open only records what is there:
 * "new" means new since you last looked, and marking the whole library new says nothing.
 */
export function newPapersAtOpen(stateDir: string, papers: readonly Paper[], now?: number): NewPapers {
  const update = recordOpened(stateDir, papers.map((p) => p.id), now);
  const newIds = update.previousOpen === null ? new Set<string>() : update.newIds;
  return { newIds, warning: update.warnings.length > 0 ? terminalLine(update.warnings[0]!) : undefined };
}
