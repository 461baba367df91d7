import * as crypto from 'node:crypto';
import { createLibraryBuilder } from './library-builder.js';
import type { Digest, Paper } from './types.js';

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
  const builder = createLibraryBuilder();
  for (const digest of sortDigests(digests)) builder.add(digest);
  return builder.papers();
}
