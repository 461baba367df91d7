import type { Paper } from '../core/types.js';
import { foldMapped, unfoldRanges } from './fold.js';
import { SubstringDistance } from './myers.js';
import { parseQuery, type Term } from './query.js';
import { scanWords } from './tokens.js';
import { maxErrors } from './tuning.js';

/** Characters `start..end` of paper.abstract, both inclusive, like TitleRange. */
export type AbstractRange = readonly [start: number, end: number];

/**
 * What a query matched in a paper's abstract, for highlighting it in the detail view: every verbatim
 * occurrence of a word or `'text`, and every word a typo'd term matched as a whole, on the
 * abstract as written (after folding, mapped back). Terms limited to the title or dates and
 * negated terms mark nothing. Sorted and merged.
 */
export function abstractRanges(paper: Paper, query: string): AbstractRange[] {
  const terms = parseQuery(query)
    .flat()
    .filter((t) => !t.negate && (t.field === undefined || t.field === 'abstract'));
  if (terms.length === 0 || paper.abstract.length === 0) return [];
  const folded = foldMapped(paper.abstract);
  const text = folded.text;
  const found: [number, number][] = [];
  for (const term of terms) found.push(...termRanges(term, text));
  return merge(unfoldRanges(paper.abstract, folded, found));
}

function termRanges(term: Term, text: string): [number, number][] {
  const { kind, text: pattern } = term;
  const out: [number, number][] = [];
  const occurrences = (): void => {
    for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) out.push([at, at + pattern.length - 1]);
  };
  switch (kind) {
    case 'include':
      occurrences();
      break;
    case 'prefix':
      if (text.startsWith(pattern)) out.push([0, pattern.length - 1]);
      break;
    case 'suffix':
      if (text.endsWith(pattern)) out.push([text.length - pattern.length, text.length - 1]);
      break;
    case 'exact':
      if (text.replace(/\s+/g, ' ').trim() === pattern) out.push([0, text.length - 1]);
      break;
    case 'fuzzy': {
      occurrences();
      const errors = maxErrors(pattern.length);
      if (out.length > 0 || errors === 0 || pattern.length > 32) break;
      // No verbatim occurrence: the words within the typo budget, whole.
      const screen = new SubstringDistance(pattern);
      scanWords(text, (start, end) => {
        if (end - start >= pattern.length - errors && screen.within(text, errors, start, end)) out.push([start, end - 1]);
      });
      break;
    }
  }
  return out;
}

function merge(ranges: readonly (readonly [number, number])[]): AbstractRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const prev = out[out.length - 1];
    if (prev && s <= prev[1] + 1) prev[1] = Math.max(prev[1], e);
    else out.push([s, e]);
  }
  return out;
}
