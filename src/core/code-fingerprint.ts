import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A short hash of the sources of the modules `names` (siblings of the module at `moduleUrl`, the
 * caller's import.meta.url), so that data written by one version of the code is not trusted by
 * another. Each module is read compiled (.js, in dist/src), else as TypeScript (under a test
 * runner), else the caller's own file stands in: in the bundled program (one file, see
 * scripts/bundle.mjs) the code is the bundle itself. Null when a file cannot be read.
 */
export function codeFingerprint(moduleUrl: string, names: readonly string[]): string | null {
  const hash = createHash('sha256');
  try {
    const self = fileURLToPath(moduleUrl);
    for (const name of names) {
      const js = fileURLToPath(new URL(`./${name}.js`, moduleUrl));
      const ts = js.replace(/\.js$/, '.ts');
      hash.update(readFileSync(existsSync(js) ? js : existsSync(ts) ? ts : self));
    }
    return hash.digest('hex').slice(0, 16);
  } catch {
    return null;
  }
}
