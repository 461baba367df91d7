import { fold } from './fold.js';
import { isWordChar } from './tokens.js';

/**
 * The search-line syntax: Fuse.js's extended search (itself modelled on fzf), evaluated per paper
 * rather than per field.
 *
 *   word      fuzzy, typo-tolerant            'word    contains "word" exactly
 *   ^word     title (or a date) starts with     word$   title (or a date) ends with
 *   =text     title (or a date) is exactly      ^text$  same as =text (as in fzf)
 *   !word     no field contains "word"         !^word !word$ !=text   negated anchors
 *   a b       both (AND)                        a | b   either (OR); `\|` is a literal bar
 *   "a b"     quotes keep spaces inside one pattern: '"model soups"
 *
 * `=text` takes the rest of its alternative, spaces included (`=Stitchable Neural Networks`): a
 * whole title is hardly ever one word. Field prefixes narrow a term to one field and combine with
 * the operators: `t:` (or `title:`) the title, `abs:` (`abstract:`) the abstract, `date:` the digest
 * dates (`t:^bev`, `abs:'diffusion`, `!t:survey`); `date:mar 17` takes a following day or year
 * number with it. Query and text are both folded (fold.ts) before matching.
 */
export type Field = 'title' | 'abstract' | 'date';

export type TermKind = 'fuzzy' | 'include' | 'prefix' | 'suffix' | 'exact';

export interface Term {
  kind: TermKind;
  /** Excludes every paper the same non-negated term would match exactly. */
  negate: boolean;
  /** Lowercased pattern without its operators and quotes. Fuzzy text is also stripped of edge punctuation. */
  text: string;
  /** Only this field is searched; absent: every field. */
  field?: Field;
}

/** Terms that must all hold. A group with only negated terms matches every paper they don't exclude. */
export type TermGroup = readonly Term[];

/** Alternatives (OR). An empty list means the query has nothing to search for: show everything. */
export type ParsedQuery = readonly TermGroup[];

/** Key identifying a term's meaning, for caches. */
export function termKey(t: Term): string {
  return `${t.negate ? '!' : ''}${t.field ?? ''}${t.kind}:${t.text}`;
}

const ESCAPED_BAR = '\u0000';
const FIELDS: Record<string, Field> = { t: 'title', title: 'title', abs: 'abstract', abstract: 'abstract', date: 'date' };
const FIELD_PREFIX = /^(t|title|abs|abstract|date):/;
const WHOLE = /^!?(?:(?:t|title|abs|abstract|date):)?=/;
const DATE_FIELD = /^!?date:[^\s]/;
const DAY_OR_YEAR = /^\d{1,4}[,.]?$/;

export function parseQuery(query: string): ParsedQuery {
  const groups: TermGroup[] = [];
  const lowered = fold(query).replace(/\\\|/g, ESCAPED_BAR);
  for (const alternative of lowered.split('|')) {
    const terms: Term[] = [];
    const tokens = splitTokens(alternative.replace(/\u0000/g, '|'));
    for (let i = 0; i < tokens.length; i++) {
      let token = tokens[i]!;
      const whole = WHOLE.exec(token);
      if (whole && !token.slice(whole[0].length).startsWith('"')) {
        // `=` (after any `!` and field) takes the rest of the alternative.
        token = [token, ...tokens.slice(i + 1)].join(' ');
        i = tokens.length;
      } else if (DATE_FIELD.test(token) && i + 1 < tokens.length && DAY_OR_YEAR.test(tokens[i + 1]!)) {
        token = `${token} ${tokens[++i]!}`;
      }
      for (const term of parseToken(token)) terms.push(term);
    }
    if (terms.length > 0) groups.push(dedupe(terms));
  }
  return groups;
}

function dedupe(terms: Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const k = termKey(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Fuse.js's tokenizer: spaces separate tokens except inside a double-quoted part. */
function splitTokens(text: string): string[] {
  const tokens: string[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    while (i < len && text[i] === ' ') i++;
    if (i >= len) break;
    let j = i;
    while (j < len && text[j] !== ' ' && text[j] !== '"') j++;
    if (j < len && text[j] === '"') {
      j++;
      while (j < len) {
        if (text[j] === '"') {
          const next = j + 1;
          if (next >= len || text[next] === ' ') {
            j++;
            break;
          }
          if (text[next] === '$' && (next + 1 >= len || text[next + 1] === ' ')) {
            j += 2;
            break;
          }
        }
        j++;
      }
    } else {
      while (j < len && text[j] !== ' ') j++;
    }
    tokens.push(text.slice(i, j));
    i = j;
  }
  return tokens;
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

/** One token → its term(s); operators with nothing after them (a half-typed `'` or `!`) give none. */
function parseToken(raw: string): Term[] {
  let s = raw;
  let negate = false;
  if (s.startsWith('!')) {
    negate = true;
    s = s.slice(1);
  }
  let field: Field | undefined;
  const prefix = FIELD_PREFIX.exec(s);
  if (prefix) {
    field = FIELDS[prefix[1]!];
    s = s.slice(prefix[0].length);
  }
  let kind: TermKind = 'fuzzy';
  if (s.startsWith('=')) {
    kind = 'exact';
    s = unquote(s.slice(1));
  } else if (s.startsWith("'")) {
    kind = 'include';
    s = unquote(s.slice(1));
  } else if (s.startsWith('^')) {
    s = s.slice(1);
    if (s.length > 1 && s.endsWith('$')) {
      kind = 'exact';
      s = unquote(s.slice(0, -1));
    } else {
      kind = 'prefix';
      s = unquote(s);
    }
  } else if (s.length > 1 && s.endsWith('$')) {
    kind = 'suffix';
    s = unquote(s.slice(0, -1));
  } else {
    s = unquote(s);
    // `!word` is "contains word" negated, like Fuse's inverse-exact and fzf's `!`.
    if (negate) kind = 'include';
  }
  if (kind === 'exact') s = s.replace(/\s+/g, ' ').trim();
  if (s.length === 0) return [];
  const make = (text: string): Term => (field ? { kind, negate, text, field } : { kind, negate, text });
  // A date is short text, read as a whole: `date:mar 17` is the one pattern "mar 17".
  if (kind !== 'fuzzy' || field === 'date') return [make(s)];
  // A quoted fuzzy phrase is matched word by word: fuzzy matching works on single words.
  return s
    .split(' ')
    .map(stripEdges)
    .filter((w) => w.length > 0)
    .map(make);
}

function stripEdges(word: string): string {
  let s = 0;
  let e = word.length;
  while (s < e && !isWordChar(word.charCodeAt(s))) s++;
  while (e > s && !isWordChar(word.charCodeAt(e - 1))) e--;
  return word.slice(s, e);
}
