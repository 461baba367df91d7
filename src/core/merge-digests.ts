// Merging digests that arrive while the reader runs into the library it shows. The result is what
// buildLibrary would give for all the digests together (newest digest first, trending rank within
// a digest), computed from the papers alone: the reader does not keep its digests.
import { orderOfDay } from './digest-date.js';
import { compareDigests, paperId } from './library.js';
import { extractLinks } from './links.js';
import type { Digest, Paper } from './types.js';

export interface LibraryMerge {
  /** The whole library, in library order. Papers the digests did not touch are the same objects. */
  papers: Paper[];
  /** The papers that were not in the library before, in library order. */
  added: Paper[];
  /** For a status line: "12 new papers (Mar 19)", "1 new paper (Mar 19, Mar 18)", "no new papers (Mar 19)". */
  status: string;
}

type DigestKey = Pick<Digest, 'order' | 'file'>;

/** Where paper p's i-th date stands among digests. */
function keyAt(p: Paper, i: number): DigestKey {
  return { order: orderOfDay(p.days[i] ?? ''), file: p.sources[i] ?? '' };
}

/** Merges one digest; `papers` is changed in place (its elements are replaced, never mutated). */
function mergeOne(papers: Paper[], digest: Digest, isNew: Set<string>): void {
  const indexById = new Map<string, number>();
  papers.forEach((p, i) => indexById.set(p.id, i));
  // Papers whose newest digest is now this one, in the digest's order: they form its block.
  const block: Paper[] = [];
  const inBlock = new Set<string>();
  const seen = new Set<string>();
  for (const entry of digest.entries) {
    const id = entry.id ?? paperId(entry.title);
    const links = () => extractLinks(entry.abstract);
    if (seen.has(id)) {
      // The same paper twice in a digest: only a missing abstract can be filled from the second.
      const at = block.findIndex((p) => p.id === id);
      const p = at >= 0 ? block[at]! : papers[indexById.get(id)!]!;
      if (!p.abstract && entry.abstract) {
        const filled = { ...p, abstract: entry.abstract, links: links() };
        if (at >= 0) block[at] = filled;
        else papers[indexById.get(id)!] = filled;
      }
      continue;
    }
    seen.add(id);
    const at = indexById.get(id);
    if (at === undefined) {
      isNew.add(id);
      block.push({ id, title: entry.title, abstract: entry.abstract, dates: [digest.label], days: [digest.day], sources: [digest.file], links: links() });
      inBlock.add(id);
      continue;
    }
    const p = papers[at]!;
    if (p.sources.includes(digest.file)) continue; // a re-read digest: nothing new in this entry
    let pos = 0;
    while (pos < p.sources.length && compareDigests(keyAt(p, pos), digest) < 0) pos++;
    const insert = <T>(xs: readonly T[], x: T) => [...xs.slice(0, pos), x, ...xs.slice(pos)];
    const next: Paper = { ...p, dates: insert(p.dates, digest.label), days: insert(p.days, digest.day), sources: insert(p.sources, digest.file) };
    if (pos === 0) {
      // Now newest in this digest: its title and (if it has one) abstract come from here, as when
      // the library is built newest digest first.
      next.title = entry.title;
      if (entry.abstract) {
        next.abstract = entry.abstract;
        next.links = links();
      }
      block.push(next);
      inBlock.add(id);
    } else {
      if (!p.abstract && entry.abstract) {
        next.abstract = entry.abstract;
        next.links = links();
      }
      papers[at] = next;
    }
  }
  if (block.length === 0) return;
  const rest = papers.filter((p) => !inBlock.has(p.id));
  let where = 0;
  while (where < rest.length && compareDigests(keyAt(rest[where]!, 0), digest) < 0) where++;
  papers.splice(0, papers.length, ...rest.slice(0, where), ...block, ...rest.slice(where));
}

/**
 * The library `papers` (in library order) with `digests` merged in: new papers in their place by
 * date and rank, known papers given the new dates. A digest read again after a change adds only
 * the entries it did not have. Pure: `papers` and its elements are left as they are.
 */
export function mergeDigests(papers: readonly Paper[], digests: readonly Digest[]): LibraryMerge {
  const out = papers.slice();
  const isNew = new Set<string>();
  for (const d of digests) mergeOne(out, d, isNew);
  const added = out.filter((p) => isNew.has(p.id));
  const labels = [...new Set([...digests].sort(compareDigests).map((d) => d.label))].join(', ');
  const n = added.length;
  const status = `${n === 0 ? 'no new papers' : n === 1 ? '1 new paper' : `${n} new papers`} (${labels})`;
  return { papers: out, added, status };
}
