import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// scripts/bundle.mjs heads the bundle with a hash of its code: the bundle stands for every module
// in it, and its id is its digest (hashing the 0.8 MB bundle for each module and each cache took
// ~10 ms of every start).
const BUILD_ID = /^\/\/paperterm-build:([0-9a-f]+)\n/;
const HEAD_BYTES = 64;
const digests = new Map<string, string>();

function fileDigest(path: string): string {
  let digest = digests.get(path);
  if (digest === undefined) {
    // The head alone first: reading the whole bundle for its id took ~5 ms of every start.
    const id = BUILD_ID.exec(fileHead(path))?.[1];
    digest = id ? `build:${id}` : createHash('sha256').update(readFileSync(path)).digest('hex');
    digests.set(path, digest);
  }
  return digest;
}

function fileHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    return head.toString('latin1', 0, readSync(fd, head, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

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
      hash.update(fileDigest(existsSync(js) ? js : existsSync(ts) ? ts : self));
    }
    return hash.digest('hex').slice(0, 16);
  } catch {
    return null;
  }
}
