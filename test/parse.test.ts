import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DigestError, decodeDigestBytes, ownedString, parseDigest } from '../src/core/parse.js';
import { abstract, layoutA, layoutB, SAMPLES } from './helpers/digests.js';

const parseFile = (file: string) => parseDigest(decodeDigestBytes(readFileSync(file)), file);

describe('parser on the real sample digests', () => {
  it.each([
    [SAMPLES.mar18, 106, 'Mar 18'],
    [SAMPLES.mar17, 113, 'Mar 17'],
    [SAMPLES.mar14, 87, 'Mar 14'],
    [SAMPLES.undated, 197, null],
  ])('%s has the expected entries and date', (file, count, date) => {
    const d = parseFile(file);
    expect(d.entries).toHaveLength(count);
    expect(d.date).toBe(date);
    expect(d.warnings).toEqual([]);
    for (const e of d.entries) {
      expect(e.abstract.length).toBeGreaterThan(e.title.length);
      expect(e.title).not.toMatch(/^Subscribe/);
    }
  });

  it('reads the first and last entries of the dated layout exactly', () => {
    const d = parseFile(SAMPLES.mar18);
    expect(d.entries[0]!.title).toBe('Efficiently Robustify Pre-trained Models');
    expect(d.entries[0]!.abstract).toMatch(/^A recent trend in deep learning algorithms/);
    expect(d.entries.at(-1)!.abstract).toMatch(/order of magnitude lower cost compared to full pretraining runs\.$/);
  });

  it('unglues the first title from "Subscribe" in the undated layout and dates it by its file time, never its file name', () => {
    const d = parseDigest(decodeDigestBytes(readFileSync(SAMPLES.undated)), SAMPLES.undated, new Date(2025, 2, 20, 12).getTime());
    expect(d.entries[0]!.title).toBe('FB-BEV: BEV Representation from Forward-Backward View Transformations');
    expect(d).toMatchObject({ date: null, day: '2025-03-20', inferred: true, label: 'Mar 20?' });
  });

  it('keeps non-ASCII text byte-exact', () => {
    const d = parseFile(SAMPLES.mar18);
    expect(d.entries.some((e) => e.title.includes('PanGu-π'))).toBe(true);
  });
});

describe('parser tolerances', () => {
  const entries: [string, string][] = [
    ['First Paper', abstract('first things')],
    ['Second Paper', abstract('second things')],
  ];

  it('reads both layouts to the same entries', () => {
    const a = parseDigest(layoutA('Mar 3', entries), 'a.txt');
    const b = parseDigest(layoutB(entries), 'b.txt');
    expect(a.entries.map((e) => [e.title, e.abstract])).toEqual(entries);
    expect(b.entries.map((e) => [e.title, e.abstract])).toEqual(entries);
    expect(a.date).toBe('Mar 3');
    expect(b.date).toBeNull();
  });

  it('accepts CRLF, a BOM, trailing spaces and runs of blank lines', () => {
    const text = `\uFEFF${layoutA('Mar 18', entries).replace(/\n/g, '  \r\n').replace(/(\r\n)+/g, '\r\n\r\n\r\n')}  \r\n\r\n`;
    const d = parseDigest(text, 'crlf.txt');
    expect(d.date).toBe('Mar 18');
    expect(d.entries.map((e) => [e.title, e.abstract])).toEqual(entries);
  });

  it('accepts a lone CR as a line end', () => {
    const d = parseDigest(layoutA('Mar 18', entries).replace(/\n/g, '\r'), 'cr.txt');
    expect(d.entries).toHaveLength(2);
  });

  it('keeps CJK, emoji and combining characters untouched', () => {
    const title = '大模型的推理 🚀 with naïve Cafe\u0301';
    const d = parseDigest(layoutA('Mar 18', [[title, abstract('ünïcödé ✓')]]), 'u.txt');
    expect(d.entries[0]!.title).toBe(title);
    expect(d.entries[0]!.abstract).toContain('ünïcödé ✓');
  });

  it('keeps a last title without an abstract and warns with its line number', () => {
    const text = `${layoutA('Mar 18', entries)}\n\nDangling Title`;
    const d = parseDigest(text, 'x.txt');
    expect(d.entries.map((e) => e.title)).toEqual(['First Paper', 'Second Paper', 'Dangling Title']);
    expect(d.entries[2]!.abstract).toBe('');
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0]).toMatch(/line 19: .*no abstract.*Dangling Title/);
  });

  it('keeps later entries aligned when a title in the middle lost its abstract', () => {
    const text = ['Mar 18', 'Lost Abstract Paper', 'First Paper', abstract('first'), 'Second Paper', abstract('second')].join('\n');
    const d = parseDigest(text, 'x.txt');
    expect(d.entries.map((e) => e.title)).toEqual(['Lost Abstract Paper', 'First Paper', 'Second Paper']);
    expect(d.entries[1]!.abstract).toBe(abstract('first'));
    expect(d.warnings[0]).toMatch(/Lost Abstract Paper/);
  });

  it('reads a date line with a year', () => {
    expect(parseDigest(layoutA('Mar 18, 2024', entries), 'y.txt').date).toBe('Mar 18, 2024');
  });

  it('refuses a file with no entries', () => {
    expect(() => parseDigest('', 'e.txt')).toThrow(DigestError);
    expect(() => parseDigest('new\n\nSubscribe\n\nMar 18\n', 'h.txt')).toThrow('no paper entries found');
  });

  it('refuses binary bytes and invalid UTF-8', () => {
    expect(() => decodeDigestBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toThrow('binary file');
    expect(() => decodeDigestBytes(Uint8Array.from([0x41, 0xff, 0xfe, 0x41]))).toThrow('not valid UTF-8');
  });
});

describe('ownedString', () => {
  it('copies text exactly, whatever its characters', () => {
    const samples = ['', 'plain ascii title', 'Café – naïve', 'Ünïcödé × 😀 emoji', 'lone \ud800 surrogate', 'x'.repeat(100_000) + '€'];
    for (const s of samples) expect(ownedString(s)).toBe(s);
  });

  it('gives papers titles and abstracts equal to the text between the line breaks', () => {
    const abstract = `An abstract with “quotes” and 漢字. ${'More words. '.repeat(40)}`;
    const d = parseDigest(`Title one — dash\n\n${abstract}\n`, 'x.txt');
    expect(d.entries[0]!.title).toBe('Title one — dash');
    expect(d.entries[0]!.abstract).toBe(abstract.trim());
  });
});
