/**
 * The reader's model (src/ui/reader) is plain TypeScript under the view: it imports only core,
 * search, state and export (the text y / Y / c copy) and its own files, never Ink, React or the rest of src/ui, and the search
 * engine (Fuse.js) only lazily, so the first frame does not wait for it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', 'src', 'ui', 'reader');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every static import of a file: its specifier, and whether it is type-only. */
function imports(file: string): { from: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const out: { from: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)'/gms)) out.push({ from: m[3]!, typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) out.push({ from: m[1]!, typeOnly: false });
  return out;
}

describe('the reader model imports only downward', () => {
  const all = files(ROOT);

  test('it has files to check', () => {
    expect(all.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['session.ts', 'navigation.ts', 'key/bindings.ts']));
  });

  test('core, search, state, export and its own files; no ink, react or other parts of src/ui', () => {
    for (const file of all) {
      for (const { from } of imports(file)) {
        const target = from.startsWith('.') ? relative(ROOT, join(file, '..', from)) : from;
        const ok = /^\.\.\/\.\.\/(core|search|state|export)\//.test(target) || (!target.startsWith('..') && from.startsWith('.'));
        expect(ok, `${relative(ROOT, file)} imports ${from}`).toBe(true);
      }
    }
  });

  test('the search engine is loaded lazily: static imports of it are type-only', () => {
    for (const file of all) {
      for (const { from, typeOnly } of imports(file)) {
        if (from.endsWith('search/engine.js')) expect(typeOnly, `${relative(ROOT, file)} imports the engine`).toBe(true);
      }
    }
  });

  test('so is the similar-papers index (r): built on the first r, not at startup', () => {
    let dynamic = 0;
    for (const file of all) {
      for (const { from, typeOnly } of imports(file)) {
        if (from.endsWith('search/similar.js')) expect(typeOnly, `${relative(ROOT, file)} imports the similar index`).toBe(true);
      }
      dynamic += [...readFileSync(file, 'utf8').matchAll(/await import\('[./]+search\/similar\.js'\)/g)].length;
    }
    expect(dynamic).toBe(1);
  });
});
