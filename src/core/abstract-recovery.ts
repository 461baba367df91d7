import { paperId } from './library.js';
import { readDigestFile } from './load.js';
import type { Paper } from './types.js';

/** Digests kept read: the papers of one damaged chunk come from a few digests, asked in turn. */
const KEPT = 4;

/**
 * Reads papers' abstracts from their digests, for a library cache whose abstract chunk turned out
 * damaged after its papers were handed out (library-cache-read.ts). A paper's abstract is what
 * merging its digests gave: the newest digest's, or the first older one's when that has none.
 * A digest that cannot be read now adds nothing (its paper's abstract is then empty).
 */
export function abstractsFromDigests(): (paper: Pick<Paper, 'id' | 'sources'>) => string {
  const kept = new Map<string, Map<string, string>>();
  const abstractsOf = (file: string): Map<string, string> => {
    let byId = kept.get(file);
    if (byId) return byId;
    byId = new Map();
    try {
      for (const entry of readDigestFile(file).entries) {
        const id = entry.id ?? paperId(entry.title);
        if (entry.abstract && !byId.has(id)) byId.set(id, entry.abstract);
      }
    } catch {
      // Gone, changed into no digest, unreadable: it adds nothing, as the comment above says.
    }
    if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
    kept.set(file, byId);
    return byId;
  };
  return (paper) => {
    for (const file of paper.sources) {
      const abstract = abstractsOf(file).get(paper.id);
      if (abstract !== undefined) return abstract;
    }
    return '';
  };
}
