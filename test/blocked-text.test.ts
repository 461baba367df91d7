import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockedText } from '../src/core/blocked-text.js';
import { digestFromLayout, scanDigest, textOfBytes } from '../src/core/parse.js';
import { SAMPLES } from './helpers/digests.js';

// A digest read in blocks must read exactly as the same file decoded whole: same text at every
// offset, same entries, same warnings (see blocked-text.ts for why it is read so).

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Z', ' ', '.', 'é', '—', '你', '😀', '\n', '\r\n', '\r', '\t', '\n\n'];

function randomText(random: () => number, length: number): string {
  let s = random() < 0.3 ? '\ufeff' : '';
  while (s.length < length) s += PIECES[Math.floor(random() * PIECES.length)]!;
  return s;
}

describe('a digest read in blocks of lines', () => {
  it.each(Object.entries(SAMPLES))('%s: every block size gives the whole text and the same entries', (_, file) => {
    const bytes = readFileSync(file);
    const whole = textOfBytes(bytes);
    const wholeDigest = digestFromLayout(whole, file, scanDigest(whole), undefined, 0);
    for (const size of [1, 100, 4096, 32 * 1024, 1 << 30]) {
      const text = blockedText(bytes, size);
      expect(text.length).toBe(whole.length);
      expect(text.toString()).toBe(whole);
      const layout = scanDigest(text);
      expect(layout).toEqual(scanDigest(whole));
      expect(digestFromLayout(text, file, layout, undefined, 0)).toEqual(wholeDigest);
    }
  });

  it('reads like the string at every offset, for text with multi-byte characters, CRLF, lone CRs and a BOM', () => {
    const random = rng(7);
    for (let round = 0; round < 40; round++) {
      const whole = randomText(random, 1 + Math.floor(random() * 400));
      const bytes = Buffer.from(whole, 'utf8');
      const decoded = textOfBytes(bytes);
      const text = blockedText(bytes, 1 + Math.floor(random() * 60));
      expect(text.toString()).toBe(decoded);
      for (let at = -1; at <= decoded.length; at++) {
        expect(text.charCodeAt(at)).toBe(decoded.charCodeAt(at));
        expect(text.indexOf('\n', at)).toBe(decoded.indexOf('\n', at));
        expect(text.indexOf('\r', at)).toBe(decoded.indexOf('\r', at));
      }
      for (let k = 0; k < 50; k++) {
        const a = Math.floor(random() * (decoded.length + 2)) - 1;
        const b = Math.floor(random() * (decoded.length + 2)) - 1;
        expect(text.slice(a, b)).toBe(decoded.slice(Math.max(0, a), Math.max(0, b)));
      }
      expect(text.includes('\n')).toBe(decoded.includes('\n'));
    }
  });

  it('a file without line feeds (old Mac line ends) is one block, read as before', () => {
    const file = 'mac.txt';
    const lines = ['Mar 18', 'A Title Here', 'An abstract that is long enough to read as prose. '.repeat(4).trim()];
    const bytes = Buffer.from(lines.join('\r'), 'utf8');
    const whole = textOfBytes(bytes);
    const text = blockedText(bytes, 8);
    expect(text.toString()).toBe(whole);
    expect(scanDigest(text)).toEqual(scanDigest(whole));
    expect(digestFromLayout(text, file, scanDigest(text), undefined, 0).entries[0]!.title).toBe('A Title Here');
  });
});
