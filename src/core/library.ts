import { createHash } from 'node:crypto';
import { extractLinks } from './links.js';
import type { Digest, Paper } from './types.js';

/** Case-, whitespace- and Unicode-form-insensitive key under which digests' copies of a paper merge. */
export function normalizeTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Twelve hex digits of SHA-256 over the normalised title: short enough to type, stable forever. */
export function paperId(title: string): string {
  return createHash('sha256').update(normalizeTitle(title)).digest('hex').slice(0, 12);
}

/** Newest first; ties (same date, or undated) by file name so the order never depends on argv order. */
export function sortDigests(digests: readonly Digest[]): Digest[] {
  return [...digests].sort((a, b) => b.order - a.order || a.file.localeCompare(b.file));
}

interface Draft {
  paper: Paper;
  key: string;
}

/**
 * Merges every digest's entries into distinct papers, ordered as a reader wants them: newest digest
 * first, and within a digest by its trending rank.
 */
export function buildLibrary(digests: readonly Digest[]): Paper[] {
  const byKey = new Map<string, Draft>();
  const order: Draft[] = [];
  for (const digest of sortDigests(digests)) {
    for (const entry of digest.entries) {
      const key = normalizeTitle(entry.title);
      let draft = byKey.get(key);
      if (!draft) {
        draft = {
          key,
          paper: {
            id: createHash('sha256').update(key).digest('hex').slice(0, 12),
            title: entry.title,
            abstract: entry.abstract,
            dates: [],
            sources: [],
            links: [],
          },
        };
        byKey.set(key, draft);
        order.push(draft);
      } else if (!draft.paper.abstract && entry.abstract) {
        // An older digest may carry the abstract a newer one lost.
        draft.paper.abstract = entry.abstract;
      }
      const p = draft.paper;
      if (!p.sources.includes(digest.file)) {
        p.sources.push(digest.file);
        p.dates.push(digest.label);
      }
    }
  }
  for (const d of order) d.paper.links = extractLinks(d.paper.abstract);
  return order.map((d) => d.paper);
}
