// The load-speed work replaced the parser's split/trim with offsets (which the cache stores), the
// TextDecoder with isUtf8 + toString, createHash with crypto.hash, and skips NFKC and the scheme-less
// URL pattern when they cannot change anything. These tests hold the fast code to the original, simple
// implementations (copied below from the first commit) on real, generated and deliberately awkward input.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRng } from '../bench/rng.js';
import { writeCorpus } from '../bench/digest-writer.js';
import { buildLibrary, normalizeTitle, paperId } from '../src/core/library.js';
import { extractLinks } from '../src/core/links.js';
import { loadLibrary } from '../src/core/load.js';
import {
  decodeDigestBytes,
  DigestError,
  digestDay,
  labelEntryLines,
  LINE_ABSTRACT,
  LINE_SKIPPED,
  LINE_TITLE,
  parseDate,
  parseDigest,
  preview,
} from '../src/core/parse.js';
import type { Digest, DigestEntry, Paper } from '../src/core/types.js';
import { abstract, SAMPLE_DIR, tempDir } from './helpers/digests.js';

// ── The original implementations ──────────────────────────────────────────────────────────────
function refDecode(bytes: Uint8Array): string {
  if (bytes.subarray(0, 8192).includes(0)) throw new DigestError('binary file, not a text digest');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DigestError('not valid UTF-8 text');
  }
}

const HEADER_LINES = [/^new$/i, /^get trending papers\b.*$/i, /^subscribe$/i, /^by\s*ak and the research community$/i];
const GLUED_SUBSCRIBE = /^Subscribe(?=\S)/;

function refParse(text: string, file: string, mtimeMs: number): Digest {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Changed later: a lone CR is a line break only in a file with no LF at all.
  const raw = text.includes('\n') ? text.split(/\r?\n/) : text.split('\r');
  const lines: { text: string; no: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!.trim();
    if (t) lines.push({ text: t, no: i + 1 });
  }
  let i = 0;
  let date: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (HEADER_LINES.some((re) => re.test(line.text))) continue;
    if (GLUED_SUBSCRIBE.test(line.text)) {
      lines[i] = { ...line, text: line.text.replace(GLUED_SUBSCRIBE, '') };
      break;
    }
    if (date === null && parseDate(line.text)) {
      date = line.text.replace(/\s+/g, ' ');
      continue;
    }
    break;
  }
  // Changed later: the pairing is the whole file's cheapest reading (labelEntryLines, tested on its
  // own in parse.test.ts); this holds the offsets, trimming and warnings to a plain implementation.
  const body = lines.slice(i);
  const labels = labelEntryLines(
    body.map((l) => l.text.length),
    body.map((l) => (l.text.endsWith('.') ? 1 : 0)),
  );
  const entries: DigestEntry[] = [];
  const warnings: string[] = [];
  body.forEach((line, k) => {
    if (labels[k] === LINE_SKIPPED) warnings.push(`line ${line.no}: skipped text that follows no title: "${preview(line.text)}"`);
    if (labels[k] !== LINE_TITLE) return;
    if (line.text.length > 250) warnings.push(`line ${line.no}: unusually long title (${line.text.length} characters): "${preview(line.text)}"`);
    const next = body[k + 1];
    if (next && labels[k + 1] === LINE_ABSTRACT) {
      if (next.text.length < 100) warnings.push(`line ${next.no}: unusually short abstract (${next.text.length} characters) of "${preview(line.text)}"`);
      entries.push({ title: line.text, abstract: next.text, rank: entries.length });
    } else {
      warnings.push(`line ${line.no}: ${next ? 'title' : 'last title'} has no abstract: "${preview(line.text)}"`);
      entries.push({ title: line.text, abstract: '', rank: entries.length });
    }
  });
  if (entries.length === 0) throw new DigestError('no paper entries found');
  // Added later: a file whose alternate lines are never prose is not a digest.
  if (entries.length >= 2 && !entries.some((e) => e.abstract.length >= 100)) {
    throw new DigestError('no paper entries found (no line reads like an abstract)');
  }
  // The full date (issue 14) is not part of what the fast parser replaced: taken as it is.
  return { file, date, ...digestDay(date, file, mtimeMs), entries, warnings };
}

const refNormalize = (title: string) => title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const refId = (title: string) => createHash('sha256').update(refNormalize(title)).digest('hex').slice(0, 12);

const WITH_SCHEME = /https?:\/\/[^\s{}<>"'`~\\]+/gi;
const WITHOUT_SCHEME = /(?<![\w./@:-])((?:www\.[\w-]+(?:\.[\w-]+)+|[\w-]+(?:\.[\w-]+)*\.(?:github|gitlab)\.io)(?:\/[^\s{}<>"'`~\\]*)?)/gi;
function refTrimUrl(url: string): string {
  let u = url;
  for (;;) {
    const before = u;
    u = u.replace(/[.,;:!?'"*]+$/, '');
    for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
      while (u.endsWith(close) && u.split(open).length < u.split(close).length) u = u.slice(0, -1);
    }
    if (u === before) return u;
  }
}
function refLinks(text: string): string[] {
  if (!text.includes('http') && !text.includes('www.') && !text.includes('.io')) return [];
  const found: { at: number; url: string }[] = [];
  const taken: [number, number][] = [];
  for (const m of text.matchAll(WITH_SCHEME)) {
    const url = refTrimUrl(m[0]);
    if (/^https?:\/\/[\w-]+(\.[\w-]+)+/i.test(url)) found.push({ at: m.index, url });
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(WITHOUT_SCHEME)) {
    if (taken.some(([a, b]) => m.index >= a && m.index < b)) continue;
    found.push({ at: m.index, url: `https://${refTrimUrl(m[1]!)}` });
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.url))];
}

function refLibrary(digests: readonly Digest[]): Paper[] {
  const byKey = new Map<string, Paper>();
  const sorted = [...digests].sort((a, b) => b.order - a.order || a.file.localeCompare(b.file));
  for (const digest of sorted) {
    for (const entry of digest.entries) {
      const key = refNormalize(entry.title);
      let p = byKey.get(key);
      if (!p) {
        p = { id: createHash('sha256').update(key).digest('hex').slice(0, 12), title: entry.title, abstract: entry.abstract, dates: [], days: [], sources: [], links: [] };
        byKey.set(key, p);
      } else if (!p.abstract && entry.abstract) {
        p.abstract = entry.abstract;
      }
      if (!p.sources.includes(digest.file)) {
        p.sources.push(digest.file);
        p.dates.push(digest.label);
        p.days.push(digest.day);
      }
    }
  }
  const papers = [...byKey.values()];
  for (const p of papers) p.links = refLinks(p.abstract);
  return papers;
}
// ───────────────────────────────────────────────────────────────────────────────────────────────

function outcome<T>(f: () => T): T | { error: string } {
  try {
    return f();
  } catch (err) {
    if (err instanceof DigestError) return { error: err.message };
    throw err;
  }
}

function expectSameParse(bytes: Uint8Array, file = '/d/x.txt') {
  const mtime = Date.UTC(2025, 2, 20);
  const mine = outcome(() => parseDigest(decodeDigestBytes(bytes), file, mtime));
  const ref = outcome(() => refParse(refDecode(bytes), file, mtime));
  expect(mine).toEqual(ref);
  return mine;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const AWKWARD_TITLES = [
  'Ｆｕｌｌｗｉｄｔｈ ＬＬＭｓ',
  'The ﬁrst ligature',
  'Tabs\tand\u00a0no-break\u3000spaces',
  '  padded title  ',
  'Émigré Café: naïve Résumé',
  'Ⅻ roman numerals and ½ fractions',
  'Emoji 🚀 titles',
  'İstanbul dotted I',
  'MIXED case Title',
  'a'.repeat(250),
];

describe('the fast parser', () => {
  it('parses the sample digests and a generated corpus exactly as the original did', () => {
    const dir = tempDir('paperterm-layout-');
    temps.push(dir);
    const corpus = writeCorpus(dir, { papers: 700, seed: 11 });
    const files = [...readdirSync(SAMPLE_DIR).map((f) => join(SAMPLE_DIR, f)), ...corpus.files];
    for (const f of files) expectSameParse(readFileSync(f), f);
  });

  it('treats awkward text exactly as the original did', () => {
    const long = abstract('awkward input');
    const cases = [
      '',
      '\n\n  \n',
      'new\n\nSubscribe\n',
      `Title\r\n\r\n${long}\r\nSecond\r\n${long}`,
      `Title\r${long}\rSecond\r\r${long}\r`,
      `\uFEFF\uFEFFTitle\n${long}`,
      `\uFEFF \nTitle\n${long}`,
      `\t Title with tabs \t\n\u00a0${long}\u3000\n\u2028\n\u2029Second\u2028\n${long}`,
      ` \u00a0 \n\u3000\nOnly title`,
      `Lost\nFound\n${long}\nLast title`,
      `new\nGet trending papers in your email inbox once a day!\nSUBSCRIBE\nby AK and the research community\nMarch 18, 2024\nMar. 17\nTitle\n${long}`,
      `SubscribeGlued\n${long}\nSubscribe\n${long}`,
      `Subscribe Spaced\n${long}`,
      `${'t'.repeat(250)}\n${'u'.repeat(250)}\n${'a'.repeat(300)}`,
      `${'t'.repeat(251)}\n${'u'.repeat(299)}\n${'a'.repeat(300)}`,
      `Emoji 🚀 title\n${long} 🚀\nPanGu-π\n${long}`,
      `Title\n${long}\n\n\n`,
      `a\nb\nc\nd\ne`,
    ];
    for (const text of cases) expectSameParse(utf8(text));
    for (const bytes of [
      Uint8Array.from([0x54, 0x69, 0, 0x0a]),
      Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a]),
      Uint8Array.from([0xed, 0xa0, 0x80]),
      Uint8Array.from([0xc0, 0xaf]),
      Uint8Array.from([0xf4, 0x90, 0x80, 0x80]),
      Uint8Array.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41, 0x0a, ...utf8(long)]),
      Uint8Array.from([0xe2, 0x82]),
    ]) {
      expectSameParse(bytes);
    }
  });

  it('agrees with the original on 400 random digests built from awkward pieces', () => {
    const rng = seededRng(42);
    const pieces = ['new', 'Subscribe', 'Mar 18', 'Get trending papers', ...AWKWARD_TITLES, abstract('x'), `${abstract('y')} ${'é'.repeat(20)}`, 'short', ' ', '\t', '\u00a0', ''];
    const breaks = ['\n', '\r\n', '\r', '\n\n', ' \n', '\n\t\n', '\u2028\n'];
    for (let n = 0; n < 400; n++) {
      let text = rng.next() < 0.1 ? '\uFEFF' : '';
      const count = 1 + rng.int(12);
      for (let k = 0; k < count; k++) text += (rng.next() < 0.15 ? 'Subscribe' : '') + rng.pick(pieces) + rng.pick(breaks);
      expectSameParse(utf8(text));
    }
  });
});

describe('the fast library', () => {
  it('normalises titles and derives ids exactly as the original did', () => {
    const titles = [...AWKWARD_TITLES, ...loadLibrary([SAMPLE_DIR]).papers.map((p) => p.title)];
    for (const t of titles) {
      expect(normalizeTitle(t)).toBe(refNormalize(t));
      expect(paperId(t)).toBe(refId(t));
    }
  });

  it('finds the same links as the original, including upper-case and scheme-less ones', () => {
    const texts = [
      ...loadLibrary([SAMPLE_DIR]).papers.map((p) => p.abstract),
      'Code at WWW.Example.COM/x and HTTP://UPPER.example.org.',
      'Only upper: HTTPS://SHOUT.example.org/path).',
      'Mixed: https://a.org/x and WWW.Example.COM/y and Team.GitHub.IO/z.',
      'Pages: user.GitHub.IO/page, team.gitlab.io and foo.io alone.',
      'A www.site.org inside https://x.org/www.site.org/p and (https://a.b/c(d)).',
      'No links here at all, just io and http words.',
      'Ends with https://x.github.io/{https://x.github.io/}.',
    ];
    for (const t of texts) expect(extractLinks(t)).toEqual(refLinks(t));
  });

  it('merges the samples, a generated corpus and a cached reload into the same papers as the original', () => {
    const dir = tempDir('paperterm-layout-');
    temps.push(dir);
    const corpus = writeCorpus(join(dir, 'corpus'), { papers: 900, seed: 5 });
    for (const paths of [[SAMPLE_DIR], [corpus.dir], [SAMPLE_DIR, corpus.dir]]) {
      const files = paths.flatMap((p) => readdirSync(p).map((f) => join(p, f)));
      const expected = refLibrary(files.map((f) => refParse(refDecode(readFileSync(f)), f, statSync(f).mtimeMs)));
      expect(loadLibrary(paths).papers).toEqual(expected);
      const cacheDir = join(dir, `cache-${paths.length}-${paths[0] === SAMPLE_DIR}`);
      expect(loadLibrary(paths, { cacheDir }).papers).toEqual(expected);
      expect(loadLibrary(paths, { cacheDir }).papers).toEqual(expected);
      const digests = files.map((f) => parseDigest(decodeDigestBytes(readFileSync(f)), f, statSync(f).mtimeMs));
      expect(buildLibrary(digests)).toEqual(expected);
    }
  });
});
