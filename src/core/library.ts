import * as crypto from 'node:crypto';
import { extractLinks } from './links.js';
import type { Digest, DigestEntry, Paper } from './types.js';

/** Case-, whitespace- and Unicode-form-insensitive key under which digests' copies of a paper merge. */
export function normalizeTitle(title: string): string {
  // NFKC leaves ASCII unchanged, and it is the costliest step on a large library.
  const composed = NON_ASCII.test(title) ? title.normalize('NFKC') : title;
  return composed.toLowerCase().replace(/\s+/g, ' ').trim();
}
const NON_ASCII = /[^\x00-\x7f]/;

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
export function sortDigests(digests: readonly Digest[]): Digest[] {
  return [...digests].sort((a, b) => b.order - a.order || a.file.localeCompare(b.file));
}

interface Draft {
  paper: Paper;
  /** The entry whose abstract the paper carries; its links, when a cache supplied them, are the paper's. */
  from: DigestEntry;
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
          from: entry,
          paper: {
            id: entry.id ?? idForKey(key),
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
        draft.from = entry;
      }
      const p = draft.paper;
      if (!p.sources.includes(digest.file)) {
        p.sources.push(digest.file);
        p.dates.push(digest.label);
      }
    }
  }
  for (const d of order) d.paper.links = d.from.links ? [...d.from.links] : extractLinks(d.paper.abstract);
  return order.map((d) => d.paper);
}
