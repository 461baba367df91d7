import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/digests.js';

const ROOT = resolve(import.meta.dirname, '..');

describe('npm pack', () => {
  it('makes a package that installs globally and runs, carrying only what it needs', { timeout: 180_000 }, () => {
    const out = tempDir('paperterm-pack-');
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8' }),
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('bin/paperterm.js');
    // The CLI as one bundled file; the compiled modules stay home.
    expect(files).toContain('dist/paperterm.cjs');
    expect(files.filter((f) => f.startsWith('dist/'))).toEqual(['dist/paperterm.cjs']);
    expect(files.filter((f) => f.startsWith('sample-data/'))).toHaveLength(4);
    expect(files.filter((f) => /^(src|test|bench|dist\/bench)\/|\.map$|^node_modules\//.test(f))).toEqual([]);

    const prefix = join(out, 'prefix');
    execFileSync('npm', ['install', '-g', '--no-audit', '--no-fund', '--prefix', prefix, join(out, packed[0]!.filename)], { stdio: 'ignore' });
    const env = { ...process.env };
    delete env.PAPERTERM_DIGESTS;
    env.PAPERTERM_CACHE_DIR = join(out, 'cache');
    const r = spawnSync(join(prefix, 'bin', 'paperterm'), ['list'], { encoding: 'utf8', env, cwd: out });
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(428);
    expect(readdirSync(join(prefix, 'lib', 'node_modules', 'paperterm'))).not.toContain('src');
  });
});
