import { compareDigests, idForKey, normalizeTitle } from './library.js';
import { BuiltPaper } from './built-paper.js';
import type { Digest, Paper } from './types.js';

/**
 * buildLibrary one digest at a time, so a reader can show the newest papers while older digests are
 * still being read. Fed in library order (newest first, see compareDigests) every digest only appends
 * new papers or adds older dates (and, rarely, a missing abstract) to papers already there, so the
 * papers handed out stay where they are and keep their identity. Once every digest is in, the result
 * equals buildLibrary's on the same digests.
 */
export interface LibraryBuilder {
  /**
   * Adds one digest. A digest that sorts before one already added (its date was guessed wrong) is
   * still placed correctly, by rebuilding from every digest so far: slower, and the papers handed out
   * before are then replaced by new objects.
   */
  add(digest: Digest): void;
  /**
   * The papers so far, in library order; a new array on every call. Papers returned earlier are
   * updated in place as older digests add to them (dates and sources appended, an abstract filled in).
   */
  papers(): Paper[];
  /** Digests added so far. */
  readonly digests: number;
}

export function createLibraryBuilder(): LibraryBuilder {
  // Keyed by paper id, not by normalised title: an id is a hash of that title, a cached entry
  // comes with it, and the papers hold it anyway, so the map keeps no 100,000 lowercased titles
  // of its own (~10 MB at 100,000 papers).
  let byId = new Map<string, number>();
  let papers: BuiltPaper[] = [];
  const added: Digest[] = [];

  const merge = (digest: Digest) => {
    for (const entry of digest.entries) {
      const id = entry.id ?? idForKey(normalizeTitle(entry.title));
      const at = byId.get(id);
      if (at === undefined) {
        byId.set(id, papers.length);
        papers.push(new BuiltPaper(id, entry.title, entry.abstract, [digest.label], [digest.day], [digest.file]));
        continue;
      }
      const p = papers[at]!;
      // The same paper in another digest: its entry keeps the paper's strings rather than its own
      // copies (the digests stay referenced, and ~15% of a large library's entries are repeats).
      if (entry.title === p.title) entry.title = p.title;
      if (entry.abstract === p.abstract) entry.abstract = p.abstract;
      if (!p.abstract && entry.abstract) {
        // An older digest may carry the abstract a newer one lost.
        p.abstract = entry.abstract;
        p.forgetLinks();
      }
      if (!p.sources.includes(digest.file)) {
        p.sources.push(digest.file);
        p.dates.push(digest.label);
        p.days.push(digest.day);
      }
    }
  };

  return {
    add(digest) {
      const last = added.at(-1);
      added.push(digest);
      if (!last || compareDigests(last, digest) <= 0) {
        merge(digest);
        return;
      }
      added.sort(compareDigests);
      byId = new Map();
      papers = [];
      for (const d of added) merge(d);
    },
    papers: () => papers.slice(),
    get digests() {
      return added.length;
    },
  };
}
