// One bad entry must never shift the pairing of the rest of a digest: stray CRs, lost titles or
// abstracts, a short abstract before a very long title, junk lines. Targeted cases first, then a
// seeded fuzz over real digest entries (a failure names its seed, so it reproduces).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRng, type Rng } from '../bench/rng.js';
import { DigestError, decodeDigestBytes, parseDigest } from '../src/core/parse.js';
import { abstract, layoutA, layoutB, SAMPLES } from './helpers/digests.js';

type Pair = [string, string];
const pairs = (text: string) => parseDigest(text, 'x.txt').entries.map((e): Pair => [e.title, e.abstract]);
const FIVE: Pair[] = ['One', 'Two', 'Three', 'Four', 'Five'].map((t): Pair => [`Paper ${t}`, abstract(t.toLowerCase())]);

describe('a lone CR inside a line', () => {
  it('is text, not a line break, in an LF or a CRLF file: every entry keeps its pairing', () => {
    const withCr: Pair[] = FIVE.map(([t, a], i): Pair => (i === 1 ? [t, a.replace('report what', 'report\rwhat')] : i === 3 ? [`${t}\rcontinued`, a] : [t, a]));
    for (const text of [layoutA('Mar 3', withCr), layoutB(withCr), layoutA('Mar 3', withCr).replace(/\n/g, '\r\n')]) {
      const d = parseDigest(text, 'x.txt');
      expect(d.entries.map((e): Pair => [e.title, e.abstract])).toEqual(withCr);
      expect(d.warnings).toEqual([]);
    }
  });

  it('a title ending with a full stop still pairs in a sound file', () => {
    const dotted: Pair[] = FIVE.map(([t, a], i): Pair => [i === 2 ? `${t} is all you need.` : t, a]);
    expect(pairs(layoutB(dotted))).toEqual(dotted);
  });

  it('is still the line break of a file that has no LF at all', () => {
    expect(pairs(layoutA('Mar 3', FIVE).replace(/\n/g, '\r'))).toEqual(FIVE);
  });
});

describe('alignment recovers after one odd entry', () => {
  it('a short abstract followed by a 400-character title: both entries and all later ones pair right', () => {
    const longTitle = `A Very Long Title ${'about many things '.repeat(22)}`.trim();
    expect(longTitle.length).toBeGreaterThan(400);
    const short = 'Code and data: see the project page, which lists everything needed to reproduce our results.';
    const odd: Pair[] = [FIVE[0]!, ['Short Abstract Paper', short], [longTitle, abstract('long')], ...FIVE.slice(1)];
    for (const text of [layoutA('Mar 3', odd), layoutB(odd)]) {
      const d = parseDigest(text, 'x.txt');
      expect(d.entries.map((e): Pair => [e.title, e.abstract])).toEqual(odd);
      // The warnings name the odd papers themselves, at their own lines.
      const lines = text.split('\n');
      const lineOf = (s: string) => lines.findIndex((l) => l.includes(s)) + 1;
      expect(d.warnings).toEqual([
        `line ${lineOf('Code and data')}: unusually short abstract (${short.length} characters) of "Short Abstract Paper"`,
        `line ${lineOf('A Very Long Title')}: unusually long title (${longTitle.length} characters): "${longTitle.slice(0, 79)}…"`,
      ]);
    }
  });

  it('an abstract whose title was lost is skipped with a warning; the rest pair right', () => {
    const text = layoutA('Mar 3', FIVE).replace('Paper Three\n\n', '');
    const d = parseDigest(text, 'x.txt');
    expect(d.entries.map((e): Pair => [e.title, e.abstract])).toEqual(FIVE.filter(([t]) => t !== 'Paper Three'));
    // Line 19: where the lost title's abstract stands (header 1-9, then two lines an entry, blank lines between).
    expect(d.warnings).toEqual([expect.stringMatching(/^line 19: skipped text that follows no title: "We study three in depth.*…"$/)]);
  });

  it('a junk line between entries costs only itself', () => {
    const text = layoutB(FIVE).replace('Paper Four', '#### page 2 ####\nPaper Four');
    expect(pairs(text).filter(([t]) => t.startsWith('Paper'))).toEqual(FIVE);
  });
});

// ── Fuzz ──────────────────────────────────────────────────────────────────────────────────────
const REAL: Pair[][] = Object.values(SAMPLES).map((f) =>
  parseDigest(decodeDigestBytes(readFileSync(f)), f).entries.map((e): Pair => [e.title, e.abstract]),
);

function randomText(rng: Rng, length: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[rng.int(alphabet.length)];
  return s;
}
const LETTERS = 'abcdefghij klmnop qrstuvwxyz ABCDEFG 0123456789 .,;:-()';
const NASTY = `${LETTERS}\t\u0007\u0008\u001b[]\u009b\u007f\u202e\u00e9\u6f22\ud83d\ude80`;

interface Block {
  lines: string[];
  /** The pair the parser must find (a well-formed entry), or null for deliberate damage. */
  expect: Pair | null;
}

/** Damage that lies between entries: its own lines only. */
function damage(rng: Rng, ending: string, pool: Pair[]): Block {
  const other = rng.pick(pool);
  switch (rng.int(6)) {
    case 0: // a title whose abstract was lost
      return { lines: [other[0]], expect: null };
    case 1: // an abstract whose title was lost
      return { lines: [other[1]], expect: null };
    case 2: // junk of any length, possibly several lines (breaks of the file's own kind)
      return { lines: randomText(rng, 1 + rng.int(2500), NASTY + (ending === '\r' ? '' : '\n\r')).split(ending === '\r' ? '\r' : '\n'), expect: null };
    case 3: // the abstract broken into two lines
      return { lines: [other[0], other[1].slice(0, 700), other[1].slice(700) || 'x'], expect: null };
    case 4: // a title broken into two lines
      return { lines: [other[0].slice(0, 20) || 'x', other[0].slice(20) || 'y', other[1]], expect: null };
    default: // whitespace-only lines
      return { lines: [' \t ', '\u00a0'], expect: null };
  }
}

/**
 * A real entry, sometimes with a lone CR or terminal controls inside (still well-formed: it must pair
 * exactly), sometimes odd: a short abstract or an over-long title. Odd entries must pair right when
 * the rest of the file is sound; next to damage they are damage themselves (the lengths that tell a
 * title from an abstract are what is wrong), so then only the entries around them are held to it.
 */
function entry(rng: Rng, pair: Pair, ending: string, oddIsDamage: boolean): Block {
  let [title, abs] = pair;
  let odd = false;
  const roll = rng.next();
  if (roll < 0.08) [abs, odd] = [abs.slice(0, 60 + rng.int(200)).trim(), true];
  // Titles never end with a full stop in the real digests (sentences do): the suffixes keep to that.
  else if (roll < 0.16) [title, odd] = [`${title} ${randomText(rng, 150 + rng.int(250), LETTERS)}`.replace(/\s+/g, ' ').replace(/[\s.]+$/, ''), true];
  else if (roll < 0.26 && ending !== '\r') {
    if (rng.next() < 0.5) title = `${title.slice(0, 5)}\r${title.slice(5)}`;
    else abs = `${abs.slice(0, 300)}\r${abs.slice(300)}`;
  } else if (roll < 0.32) title = `${title} ${randomText(rng, 8, NASTY).replace(/[\s.]+$/, '') || 'z'}`;
  return { lines: [title, abs], expect: odd && oddIsDamage ? null : [title, abs] };
}

function fuzzCase(seed: number, withDamage: boolean): { text: string; expected: Pair[] } {
  const rng = seededRng(seed);
  const digest = rng.pick(REAL);
  const count = 4 + rng.int(12);
  const start = rng.int(digest.length - count);
  const ending = rng.pick(['\n', '\r\n', '\r']);
  const blankLines = rng.next() < 0.5;
  const blocks: Block[] = digest.slice(start, start + count).map((p) => entry(rng, p, ending, withDamage));
  if (withDamage) for (let d = 1 + rng.int(3); d > 0; d--) blocks.splice(1 + rng.int(blocks.length - 1), 0, damage(rng, ending, digest));
  const lines = blocks.flatMap((b) => b.lines);
  const head = blankLines ? ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'byAK and the research community', 'Mar 18'] : ['Get trending papers in your email inbox!', 'Subscribe'];
  const sep = blankLines ? ending + ending : ending;
  return { text: [...head, ...lines].join(sep) + (rng.next() < 0.5 ? ending : ''), expected: blocks.flatMap((b) => (b.expect ? [b.expect] : [])) };
}

/** True when `want` appears in `got` in order (other entries, from damage, may stand between). */
function inOrder(got: Pair[], want: Pair[]): Pair | null {
  let k = 0;
  for (const w of want) {
    while (k < got.length && (got[k]![0] !== w[0] || got[k]![1] !== w[1])) k++;
    if (k === got.length) return w;
    k++;
  }
  return null;
}

// PAPERTERM_FUZZ_SEEDS=20000 runs more cases than the default 3,000 (seeds 1..N, each reproducible).
const SEEDS = Number(process.env.PAPERTERM_FUZZ_SEEDS) || 3000;

describe('parser fuzz (seeded)', () => {
  it.each([
    ['real entries with damage between them: every well-formed entry keeps its own abstract', true],
    ['real entries, some odd (short abstract, long title), no damage: every entry pairs right', false],
  ])('%s', (_, withDamage) => {
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { text, expected } = fuzzCase(seed, withDamage);
      const got = pairs(text);
      const missing = inOrder(got, expected);
      if (missing) failures.push(`seed ${seed}: "${missing[0].slice(0, 50)}" lost its pairing`);
      if (!withDamage && got.length !== expected.length) failures.push(`seed ${seed}: ${got.length} entries, not ${expected.length}`);
    }
    expect(failures).toEqual([]);
  });

  it('random bytes, line endings and lengths: a digest or a DigestError, never a crash', () => {
    const rng = seededRng(7);
    const symbols = [0x0a, 0x0d, 0x20, 0x09, 0x1b, 0x00, 0xc3, 0xa9, 0xef, 0xbb, 0xbf, 0xff, 0xe2, 0x80, 0xae];
    for (let n = 0; n < 3000; n++) {
      const length = rng.int(rng.next() < 0.1 ? 20_000 : 600);
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        const r = rng.next();
        bytes[i] = r < 0.6 ? 0x61 + rng.int(26) : r < 0.85 ? rng.pick(symbols) : rng.int(256);
      }
      try {
        const text = decodeDigestBytes(bytes);
        const d = parseDigest(text, 'f.txt');
        for (const e of d.entries) {
          expect(e.title, `case ${n}`).toBe(e.title.trim());
          expect(e.title.length, `case ${n}`).toBeGreaterThan(0);
          expect(e.title, `case ${n}`).not.toMatch(text.includes('\n') ? /\n/ : /[\r\n]/);
          expect(text.includes(e.title) && text.includes(e.abstract), `case ${n}`).toBe(true);
        }
      } catch (err) {
        if (!(err instanceof DigestError)) throw new Error(`case ${n}: ${String(err)}`);
      }
    }
  });
});
