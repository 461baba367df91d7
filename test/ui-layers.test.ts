/**
 * The reader's layers import only downward, and only the view and the app know Ink and React:
 *   core ← search, state, export ← ui/reader (model), ui/terminal ← ui/view (components) ← ui/app ← cli
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
const SRC = resolve(import.meta.dirname, '../src');


function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every import of a file: package names as written, project files as paths under src/ ('ui/view/Reader.tsx'). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
  return specs.map((s) => (s.startsWith('.') ? relative(SRC, resolve(file, '..', s)) : s));
}

/** The layer a file under src/ belongs to. */
function layerOf(path: string): string {
  const [top, sub] = path.split('/');
  return top === 'ui' ? `ui/${sub}` : top!;
}

/** What each layer may import from the project (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  search: ['core'],
  state: ['core'],
  export: ['core', 'state'],
  'ui/reader': ['core', 'search', 'state', 'export'],
  'ui/terminal': ['core'],
  'ui/view': ['core', 'search', 'state', 'ui/reader', 'ui/terminal'],
  'ui/app': ['core', 'search', 'state', 'export', 'ui/reader', 'ui/terminal', 'ui/view'],
  cli: ['core', 'search', 'state', 'export', 'ui/reader', 'ui/terminal', 'ui/view', 'ui/app'],
};
const UI_LIBRARIES = /^(ink|react|chalk)(\/|$)/;

describe('layers', () => {
  const all = files(SRC).map((f) => ({ path: relative(SRC, f), imports: importsOf(f) }));

  test('every file belongs to a known layer', () => {
    for (const f of all) expect(Object.keys(ALLOWED), f.path).toContain(layerOf(f.path));
    // The check reads imports: make sure it finds them.
    expect(all.find((f) => f.path === 'ui/view/Reader.tsx')!.imports).toContain('ink');
  });

  test('each layer imports only itself and the layers below it', () => {
    const wrong: string[] = [];
    for (const f of all) {
      const own = layerOf(f.path);
      for (const imp of f.imports) {
        if (!imp.includes('/') || !/^(core|search|state|export|ui|cli)\//.test(imp)) continue;
        const target = layerOf(imp);
        if (target !== own && !ALLOWED[own]!.includes(target)) wrong.push(`${f.path} → ${imp}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('only ui/view and ui/app import Ink, React or chalk', () => {
    const wrong = all.filter((f) => !['ui/view', 'ui/app'].includes(layerOf(f.path)) && f.imports.some((i) => UI_LIBRARIES.test(i) && !isTypeOnly(f.path, i)));
    expect(wrong.map((f) => f.path)).toEqual([]);
  });
});

/** A type-only import (`import type … from 'ink'`) brings no code in. */
function isTypeOnly(path: string, spec: string): boolean {
  const text = readFileSync(join(SRC, path), 'utf8');
  const lines = text.split('\n').filter((l) => l.includes(`'${spec}'`));
  return lines.every((l) => /^\s*import type /.test(l));
}
