// "Cold" in the bench means no parsed digests and no search index in the cache: the state after
// new digests arrive, or the cache deleted. The program's own compiled code (the launcher's V8 code
// cache, code-*/ beside them) is kept: it belongs to the installed build and is cold only on the
// first run after an install or upgrade, which a warm-up launch takes before the timed ones.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const COMPILED_CODE = /^code-/;

/** Empties `dir` of cached digests and indexes, keeping the compiled code (creates `dir` if missing). */
export function clearDataCache(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) if (!COMPILED_CODE.test(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
}
