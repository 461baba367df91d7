import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildLibrary } from './library.js';
import { packageRoot } from './package-root.js';
import { DigestError, decodeDigestBytes, parseDigest } from './parse.js';
import type { Digest, Paper } from './types.js';

/** A problem with one input path; `message` is a complete line for stderr. */
export interface LoadProblem {
  path: string;
  message: string;
}

export interface LoadResult {
  digests: Digest[];
  papers: Paper[];
  /** Files or directories that could not be used at all. */
  errors: LoadProblem[];
  /** Files that loaded with something odd in them. */
  warnings: LoadProblem[];
}

export const SAMPLE_DATA_DIR = join(packageRoot(), 'sample-data');

/** What to open when the user names nothing: $PAPERTERM_DIGESTS (colon-separated) or the bundled samples. */
export function defaultPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.PAPERTERM_DIGESTS ?? '').split(':').filter(Boolean);
  return fromEnv.length ? fromEnv : [SAMPLE_DATA_DIR];
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err instanceof Error ? err.message.split('\n')[0]! : String(err);
  }
}

/** Expands directories to their *.txt files (sorted); files are taken as given, whatever their name. */
export function expandPaths(paths: readonly string[]): { files: string[]; errors: LoadProblem[] } {
  const files: string[] = [];
  const errors: LoadProblem[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    try {
      if (statSync(abs).isDirectory()) {
        const txt = readdirSync(abs, { withFileTypes: true })
          .filter((e) => e.name.toLowerCase().endsWith('.txt') && !e.isDirectory())
          .map((e) => join(abs, e.name))
          .sort();
        if (txt.length === 0) errors.push({ path: p, message: `${p}: directory has no .txt digests` });
        txt.forEach(add);
      } else {
        add(abs);
      }
    } catch (err) {
      errors.push({ path: p, message: `${p}: ${describeFsError(err)}` });
    }
  }
  return { files, errors };
}

export function readDigestFile(file: string): Digest {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new DigestError(describeFsError(err));
  }
  return parseDigest(decodeDigestBytes(bytes), file);
}

/** Reads every path; a bad file is reported and skipped, never fatal on its own. */
export function loadLibrary(paths: readonly string[]): LoadResult {
  const { files, errors } = expandPaths(paths);
  const digests: Digest[] = [];
  const warnings: LoadProblem[] = [];
  for (const file of files) {
    try {
      const digest = readDigestFile(file);
      digests.push(digest);
      for (const w of digest.warnings) warnings.push({ path: file, message: `${file}: ${w}` });
    } catch (err) {
      if (!(err instanceof DigestError)) throw err;
      errors.push({ path: file, message: `${file}: ${err.message}` });
    }
  }
  return { digests, papers: buildLibrary(digests), errors, warnings };
}
