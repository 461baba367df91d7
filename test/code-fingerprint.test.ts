import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeFingerprint } from '../src/core/code-fingerprint.js';
import { tempDirs } from './helpers/digests.js';

const dirs = tempDirs('paperterm-fingerprint-');

/** The fingerprint of module a.js in a fresh directory holding `text` as a.js (as the bundle stands for its modules). */
function fingerprintOf(text: string): string | null {
  const dir = dirs();
  writeFileSync(join(dir, 'a.js'), text);
  return codeFingerprint(pathToFileURL(join(dir, 'main.js')).href, ['a']);
}

describe('codeFingerprint', () => {
  const body = 'x'.repeat(100_000);

  it('keys a bundle by the build id on its first line, not by the rest', () => {
    expect(fingerprintOf(`//paperterm-build:0123abcd\n${body}`)).toBe(fingerprintOf(`//paperterm-build:0123abcd\n${body}y`));
    expect(fingerprintOf(`//paperterm-build:0123abcd\n${body}`)).not.toBe(fingerprintOf(`//paperterm-build:0123abce\n${body}`));
  });

  it('hashes a module without a build id whole: a change anywhere in it is another fingerprint', () => {
    const a = fingerprintOf(`// plain module\n${body}`);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).toBe(fingerprintOf(`// plain module\n${body}`));
    expect(a).not.toBe(fingerprintOf(`// plain module\n${body}y`));
    // A header that only looks like one, past the first line, is part of the text.
    expect(fingerprintOf(`\n//paperterm-build:0123abcd\n${body}`)).not.toBe(fingerprintOf(`\n//paperterm-build:0123abcd\n${body}y`));
  });

  it('is null when a module cannot be read', () => {
    const dir = dirs();
    expect(codeFingerprint(pathToFileURL(join(dir, 'missing.js')).href, ['gone'])).toBeNull();
  });
});
