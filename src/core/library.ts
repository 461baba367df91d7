import * as crypto from 'node:crypto';
import { extractLinks } from './links.js';
import type { Digest, DigestEntry, Paper } from './types.js';

/** Case-, whitespace- and Unicode-form-insensitive key under which digests' copies of a paper merge. */
export function normalizeTitle(title: string): string {
  // NFKC leaves ASCII unchanged, and it is the costliest step on a large library.
  const composed = NON_ASCII.test(title) ? title.normalize('NFKC') : title;
  const lower = composed.toLowerCase();
  // Most titles have single spaces only; skip building an identical copy of them.
  return (ODD_SPACE.test(lower) ? lower.replace(/\s+/g, ' ') : lower).trim();
}
const NON_ASCII = /[^\x00-\x7f]/;
const ODD_SPACE = /[^\S ]| {2}/;

// crypto.hash (Node >= 20.12) is several times faster than createHash for short inputs.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** The id of a paper under its normalised title (see paperId). */
export function idForKey(key: string): string {
  return sha256Hex(key).slice(0, 12);
}

/** Twelve hex digits of SHA-256 over the normalised title: short enough to type, stable forever. */
export function paperId(title: string): string {
  return idForKey(normalizeTitle(title));
}

/** Newest first; ties (same date, or undated) by file name so the order never depends on argv order. */
export function compareDigests(a: Pick<Digest, 'order' | 'file'>, b: Pick<Digest, 'order' | 'file'>): number {
  return b.order - a.order || a.file.localeCompare(b.file);
}

/** The digests in library order (see compareDigests). */
export function sortDigests(digests: readonly Digest[]): Digest[] {
  return [...digests].sort(compareDigests);
}

/**
 * Merges every digest's entries into distinct papers, ordered as a reader wants them: newest digest
 * first, and within a digest by its trending rank.
 */
export function buildLibrary(digests: readonly Digest[]): Paper[] {
  // At 100,000 papers allocation dominates, hence indexes instead of per-paper records, and arrays
  // created holding their first element rather than grown from empty.
  const byKey = new Map<string, number>();
  const papers: Paper[] = [];
  /** The entry whose abstract each paper carries; a cache may have supplied its links. */
  const from: DigestEntry[] = [];
  for (const digest of sortDigests(digests)) {
    for (const entry of digest.entries) {
      const key = normalizeTitle(entry.title);
      const at = byKey.get(key);
      if (at === undefined) {
        byKey.set(key, papers.length);
        from.push(entry);
        papers.push({
          id: entry.id ?? idForKey(key),
          title: entry.title,
          abstract: entry.abstract,
          dates: [digest.label],
          sources: [digest.file],
          links: [],
        });
        continue;
      }
      const p = papers[at]!;
      if (!p.abstract && entry.abstract) {
        // An older digest may carry the abstract a newer one lost.
        p.abstract = entry.abstract;
        from[at] = entry;
      }
      if (!p.sources.includes(digest.file)) {
        p.sources.push(digest.file);
        p.dates.push(digest.label);
      }
    }
  }
  papers.forEach((p, i) => {
    const cached = from[i]!.links;
    p.links = cached ? cached.slice() : extractLinks(p.abstract);
  });
  return papers;
}
