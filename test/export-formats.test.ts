import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { bibtexDocument, bibtexText, citationKeys } from '../src/export/bibtex.js';
import { bibtexCitation, copyTarget, markdownLine } from '../src/export/citation.js';
import { CSV_COLUMNS, csvDocument } from '../src/export/csv.js';
import { markdownDocument, markdownText } from '../src/export/markdown.js';
import { NO_MARKS } from '../src/state/types.js';
import { terminalLine } from '../src/core/terminal-text.js';
import { pinnedSamples } from './helpers/digests.js';

// Set file times: Mar 18 newest, the undated sample last (a checkout's times would date it today).
const samples = loadLibrary([pinnedSamples().dir]).papers;

function paper(over: Partial<Paper>): Paper {
  return { id: 'abcdef012345', title: 'T', abstract: '', dates: ['Mar 18'], days: ['2025-03-18'], sources: ['/d/a.txt'], links: [], ...over } as Paper;
}

// Every character LaTeX or BibTeX reads as markup, a stray brace of each kind, non-ASCII and a
// control character: what a digest title could hold.
const NASTY = 'Un{balanced} {brace 100% & #1 a_b $x$ ~tilde^hat C:\\path } <1M|x> ``q\'\' a--b end\u0007 Ünïcödé';

/**
 * What LaTeX would still choke on once the escapes paperterm writes are taken out: a bare special
 * character. The BibTeX parser below is lenient about & # _ ^, so this closes that gap.
 */
function bareSpecials(field: string): string[] {
  const rest = field.replace(/\\(?:textbackslash|textbraceleft|textbraceright|textasciitilde|textasciicircum|textless|textgreater|textbar)\{\}|\\[%&#_$]/g, '');
  return [...rest.matchAll(/[\\%&#_$~^]/g)].map((m) => m[0]);
}

describe('BibTeX export', () => {
  it('parses with a real BibTeX parser back to the exact text, for the sample papers and a hostile title', () => {
    const papers = [...samples, paper({ id: 'fedcba987654', title: NASTY, abstract: NASTY, links: ['https://x.org/a_b?q=1%202#frag'] })];
    const bib = bibtexDocument(papers);
    // Sentence casing off: the check is that the text comes back exactly as the digest has it.
    const parsed = parseBibtex(bib, { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(papers.length);
    const keys = parsed.entries.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    parsed.entries.forEach((e, i) => {
      const p = papers[i]!;
      expect(e.type).toBe('misc');
      // What every printed digest text becomes: terminal-safe (BEL as ^G), on one line.
      const oneLine = (s: string) => terminalLine(s).replace(/\s+/g, ' ').trim();
      expect(e.fields.title).toBe(oneLine(p.title));
      if (p.abstract) expect(e.fields.abstract).toBe(oneLine(p.abstract));
      expect(e.fields.url).toBe(p.links[0]);
      expect(e.fields.note).toBe(`Trending papers digest: ${p.dates.join(', ')}`);
    });
  }, 60_000); // the parser takes seconds over 428 abstracts

  it('leaves no bare LaTeX special character and keeps every field\'s braces balanced', () => {
    const bib = bibtexDocument([paper({ title: NASTY, abstract: NASTY, dates: ['004_7e02510e40937594'] })]);
    for (const m of bib.matchAll(/^ {2}(title|note|abstract) = \{(.*)\},?$/gm)) {
      expect(bareSpecials(m[2]!), m[1]).toEqual([]);
    }
    let depth = 0;
    for (const ch of bib) {
      depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    expect(bibtexText('a_b {c} 5% \\x')).toBe('a\\_b \\textbraceleft{}c\\textbraceright{} 5\\% \\textbackslash{}x');
  });

  it('writes one exact @misc entry, the same one the reader copies', () => {
    const p = paper({ title: 'The FB-BEV Model: 3D & More', abstract: 'Code at https://x.io/a.', links: ['https://x.io/a'], dates: ['Mar 18', 'Mar 17'], days: ['2025-03-18', '2025-03-17'] });
    const entry =
      '@misc{fbbev-abcdef,\n  title = {{The FB-BEV Model: 3D \\& More}},\n  year = {2025},\n  month = mar,\n  url = {https://x.io/a},\n' +
      '  note = {Trending papers digest: Mar 18, Mar 17},\n  abstract = {Code at https://x.io/a.}\n}\n';
    expect(bibtexDocument([p])).toBe(entry.replace('fbbev', 'fb'));
    expect(bibtexCitation(p)).toBe(bibtexDocument([p]));
  });

  it('dates an entry by the first digest with a real date (year and month); a guessed date (Mar 18?) is left out', () => {
    const dated = paper({ dates: ['Jan 2', 'Dec 30', 'Dec 29?'], days: ['2026-01-02', '2025-12-30', '2025-12-29'] });
    expect(bibtexDocument([dated])).toContain('  year = {2025},\n  month = dec,\n');
    const guessed = paper({ dates: ['Mar 18?'], days: ['2025-03-18'] });
    expect(bibtexDocument([guessed])).not.toMatch(/year|month/);
    const fields = parseBibtex(bibtexDocument([dated]), { sentenceCase: false }).entries[0]!.fields;
    expect(fields.year).toBe('2025');
    expect(String(fields.month)).toMatch(/^(12|dec|December)$/i);
  });

  it('gives stable keys: the same paper, the same key, whatever else is exported', () => {
    const keysAlone = citationKeys(samples.slice(0, 5));
    const keysInAll = citationKeys(samples).slice(0, 5);
    expect(keysAlone).toEqual(keysInAll);
    expect(keysAlone[0]).toBe(`efficiently-${samples[0]!.id.slice(0, 6)}`);
  });

  it('makes colliding keys unique with more id digits', () => {
    const a = paper({ id: 'aaaaaa111111', title: 'Diffusion for all' });
    const b = paper({ id: 'aaaaaa222222', title: 'Diffusion, again' });
    const c = paper({ id: 'bbbbbb000000', title: 'Diffusion three' });
    expect(citationKeys([a, b, c])).toEqual(['diffusion-aaaaaa1', 'diffusion-aaaaaa2', 'diffusion-bbbbbb']);
    expect(citationKeys([paper({ title: '深度学习' })])).toEqual(['paper-abcdef']);
  });
});

/** An RFC 4180 reader: quoted fields may hold commas, CRLF and doubled quotes; records end in CRLF. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      if (/["\r\n]/.test(text.slice(i, end < 0 ? undefined : i + end))) throw new Error(`bare quote or line break at ${i}`);
      field = end < 0 ? text.slice(i) : text.slice(i, i + end);
      i = end < 0 ? text.length : i + end;
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`junk after field at ${i}`);
  }
  if (row.length) throw new Error('last record lacks its CRLF');
  return rows;
}

describe('CSV export', () => {
  it('round-trips every field through an RFC 4180 reader', () => {
    const tricky = paper({ title: 'Quotes "here", commas,, and ""', abstract: 'a,"b" c', links: ['https://a.b/x', 'https://c.d'], dates: ['Mar 18', 'Mar 14'] });
    const papers = [...samples.slice(0, 50), tricky];
    const rows = readCsv(csvDocument(papers, (p) => (p === tricky ? { read: true, starred: false } : NO_MARKS)));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(papers.length + 1);
    rows.slice(1).forEach((r, i) => {
      const p = papers[i]!;
      expect(r).toEqual([p.id, p.title, p.dates.join('; '), p.links.join(' '), String(p === tricky), 'false', p.abstract]);
    });
  });

  it('defuses a field a spreadsheet would run as a formula, and what would drive a terminal', () => {
    const rows = readCsv(csvDocument([paper({ title: '=HYPERLINK("http://evil")', abstract: 'red \x1b[31malert\x1b[0m\x07 done' })], () => NO_MARKS));
    expect(rows[1]![1]).toBe('\'=HYPERLINK("http://evil")');
    expect(rows[1]![6]).toBe('red alert^G done');
  });
});

describe('Markdown export', () => {
  it('keeps escape sequences out of the text', () => {
    expect(markdownText('a \x1b]8;;https://evil\x1b\\b\u202Ec')).toBe('a bc');
  });

  it('writes a reading list entry with title link, dates, links, marks and the abstract quoted', () => {
    const p = paper({ title: 'A *bold* [claim] <b>', abstract: '# Not a heading & more', links: ['https://x.io/a(b)'], dates: ['Mar 18', 'Mar 17'] });
    expect(markdownDocument([p], () => ({ read: true, starred: true }))).toBe(
      [
        '# Reading list',
        '',
        '1 paper, exported by paperterm.',
        '',
        '## [A \\*bold\\* \\[claim\\] \\<b\\>](https://x.io/a%28b%29)',
        '',
        '- Digests: Mar 18, Mar 17',
        '- Link 1: <https://x.io/a%28b%29>',
        '- Marks: read, starred',
        '- Id: `abcdef012345`',
        '',
        '> \\# Not a heading & more',
        '',
      ].join('\n'),
    );
    expect(markdownText('x &amp; y')).toBe('x \\&amp; y');
  });
});

describe('what the reader copies', () => {
  it('y: the first link, else the title on one line; Y: a Markdown line', () => {
    expect(copyTarget(paper({ links: ['https://a', 'https://b'] }))).toEqual({ text: 'https://a', what: 'link' });
    expect(copyTarget(paper({ title: 'Two\n lines' }))).toEqual({ text: 'Two lines', what: 'title' });
    expect(markdownLine(paper({ title: 'A_B', links: ['https://a'] }))).toBe('[A\\_B](https://a)');
    expect(markdownLine(paper({ title: 'No link' }))).toBe('No link');
  });
});
