import { plural } from '../core/plural.js';

/** Shortest id prefix accepted, as with git: short enough to type, long enough to rarely collide. */
export const MIN_PREFIX = 4;
const ID_LENGTH = 12;
const HEX = /^[0-9a-f]+$/;

export interface IdResolution<P extends { id: string }> {
  /** In the order asked, without duplicates. */
  papers: P[];
  /** One phrase per argument that did not name exactly one paper. */
  problems: string[];
}

/**
 * Resolves user-typed ids (full 12 hex digits or a unique prefix of at least MIN_PREFIX) against the
 * loaded papers. Anything that is not hex is refused as an id, so a file name is never mistaken for one.
 */
export function resolveIds<P extends { id: string }>(papers: readonly P[], args: readonly string[]): IdResolution<P> {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const sorted = [...byId.keys()].sort();
  const found = new Map<string, P>();
  const problems: string[] = [];
  for (const arg of args) {
    const want = arg.trim().toLowerCase();
    if (!HEX.test(want) || want.length > ID_LENGTH) {
      const looksLikePath = /[/\\.]/.test(arg);
      problems.push(
        looksLikePath
          ? `'${arg}' is not a paper id (to load digests from it, use --digests ${arg})`
          : `'${arg}' is not a paper id (ids are the ${ID_LENGTH} hex digits paperterm list prints)`,
      );
      continue;
    }
    if (want.length < MIN_PREFIX) {
      problems.push(`id '${arg}' is too short (give at least ${MIN_PREFIX} digits)`);
      continue;
    }
    const matches = prefixMatches(sorted, want);
    if (matches.length === 0) problems.push(`no paper with id '${arg}'`);
    else if (matches.length > 1) problems.push(`id '${arg}' matches ${plural(matches.length, 'paper')} (give more digits)`);
    else found.set(matches[0]!, byId.get(matches[0]!)!);
  }
  return { papers: [...found.values()], problems };
}

function prefixMatches(sorted: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.push(sorted[i]!);
  return out;
}
