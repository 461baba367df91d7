// Digests that land while the reader runs. Watches the directories (and files) the reader opened
// and hands each new or changed `*.txt` digest, once complete, to a callback with its papers, so the
// reader can merge them (see merge-digests.ts) without moving the selection.
//
// "Complete": a file is read only after `quietMs` without events or changes to it (writers append in
// several steps), and read again later if its size or times changed while it was being read. Only
// regular files are opened, and without blocking, so a FIFO named *.txt cannot hang the reader. A
// deleted digest is ignored: its papers stay until restart. fs.watch can miss events (network file
// systems, editors that rename): a slow rescan of the directories catches what it missed.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, watch, type BigIntStats, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileSignature } from './cache.js';
import { describeFsError } from './fs-errors.js';
import { buildLibrary } from './library.js';
import { checkDigestBytes, DigestError, parseDigest, textOfBytes } from './parse.js';
import type { Digest, Paper } from './types.js';

export interface DigestArrival {
  file: string;
  digest: Digest;
  /** The digest's own papers (as buildLibrary gives them for it alone). */
  papers: Paper[];
}

export interface WatchOptions {
  /** Called once per new or changed digest, when it is complete. */
  onDigest(arrival: DigestArrival): void;
  /** A file that changed but is not a usable digest: one line naming it and the problem. */
  onProblem?(message: string): void;
  /** Quiet time after the last change before a file is read (ms). */
  quietMs?: number;
  /** How often the directories are listed again in case fs.watch missed something (ms; 0: never). */
  rescanMs?: number;
  /** false: no fs.watch, the rescan alone (for file systems where it reports nothing). Default true. */
  events?: boolean;
}

export interface DigestWatcher {
  close(): void;
}

const DEFAULT_QUIET_MS = 300;
const DEFAULT_RESCAN_MS = 5000;

const isDigestName = (name: string) => name.toLowerCase().endsWith('.txt');

interface Target {
  dir: string;
  /** Only this file name in the directory; null: every *.txt. */
  only: string | null;
}

function signatureOf(file: string): { signature: string; stats: BigIntStats } | null {
  try {
    const stats = statSync(file, { bigint: true });
    return stats.isFile() ? { signature: fileSignature(stats), stats } : null;
  } catch {
    return null;
  }
}

type ReadResult = { kind: 'gone' } | { kind: 'changed' } | { kind: 'ok'; bytes: Buffer; signature: string; mtimeMs: number };

/** The file's bytes if it is a regular file that did not change while it was read. */
function readStable(file: string): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return { kind: 'gone' };
  }
  try {
    const before = fstatSync(fd, { bigint: true });
    if (!before.isFile()) return { kind: 'gone' };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.max(65536, Number(before.size) - total + 1));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
    }
    const signature = fileSignature(before);
    if (fileSignature(fstatSync(fd, { bigint: true })) !== signature || total !== Number(before.size)) return { kind: 'changed' };
    return { kind: 'ok', bytes: Buffer.concat(chunks, total), signature, mtimeMs: Number(before.mtimeNs / 1_000_000n) };
  } catch {
    return { kind: 'gone' };
  } finally {
    closeSync(fd);
  }
}

/**
 * Starts watching `paths` (digest directories and files, as given to the loader). Files already
 * there are taken as loaded; only what changes afterwards is reported.
 */
export function watchDigests(paths: readonly string[], options: WatchOptions): DigestWatcher {
  const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
  const rescanMs = options.rescanMs ?? DEFAULT_RESCAN_MS;
  const targets: Target[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    try {
      if (statSync(abs).isDirectory()) targets.push({ dir: abs, only: null });
      else targets.push({ dir: dirname(abs), only: basename(abs) });
    } catch {
      // A path that cannot be read now was reported when loading; nothing to watch.
    }
  }
  const wanted = (dir: string, name: string) => targets.some((t) => t.dir === dir && (t.only === null ? isDigestName(name) : t.only === name));

  /** Last version of each file that was loaded or reported (or found not to be a digest). */
  const done = new Map<string, string>();
  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;

  const filesNow = (): string[] => {
    const files = new Set<string>();
    for (const t of targets) {
      if (t.only !== null) {
        files.add(join(t.dir, t.only));
        continue;
      }
      try {
        for (const name of readdirSync(t.dir)) if (isDigestName(name)) files.add(join(t.dir, name));
      } catch {
        // The directory went away; its papers stay.
      }
    }
    return [...files];
  };

  for (const file of filesNow()) {
    const s = signatureOf(file);
    if (s) done.set(file, s.signature);
  }

  const schedule = (file: string, delay = quietMs) => {
    if (closed) return;
    clearTimeout(timers.get(file));
    const timer = setTimeout(() => {
      timers.delete(file);
      check(file);
    }, delay);
    timer.unref?.();
    timers.set(file, timer);
  };

  const check = (file: string) => {
    if (closed) return;
    const now = signatureOf(file);
    // Gone, or not a regular file (a FIFO, a directory): nothing to read.
    if (!now || done.get(file) === now.signature) return;
    // Changed less than quietMs ago (an event may have been missed): wait for it to settle.
    const age = Date.now() - Number(now.stats.mtimeNs / 1_000_000n);
    if (age >= 0 && age < quietMs) {
      schedule(file, quietMs - age + 10);
      return;
    }
    const read = readStable(file);
    if (read.kind === 'gone') return;
    if (read.kind === 'changed') {
      schedule(file);
      return;
    }
    done.set(file, read.signature);
    // A file just created and not written yet: wait for its content.
    if (read.bytes.length === 0) {
      done.delete(file);
      return;
    }
    let digest: Digest;
    try {
      checkDigestBytes(read.bytes);
      digest = parseDigest(textOfBytes(read.bytes), file, read.mtimeMs);
    } catch (err) {
      if (!(err instanceof DigestError)) throw err;
      options.onProblem?.(`${file}: ${err.message}`);
      return;
    }
    options.onDigest({ file, digest, papers: buildLibrary([digest]) });
  };

  const watchers: FSWatcher[] = [];
  for (const dir of options.events === false ? [] : new Set(targets.map((t) => t.dir))) {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || name === undefined) {
          rescan();
          return;
        }
        const n = String(name);
        if (wanted(dir, n)) schedule(join(dir, n));
      });
      w.on('error', () => {
        // The directory was removed or became unreadable: the rescan covers what is left.
      });
      watchers.push(w);
    } catch (err) {
      options.onProblem?.(`${dir}: cannot watch for new digests (${describeFsError(err)})`);
    }
  }

  function rescan() {
    for (const file of filesNow()) {
      const s = signatureOf(file);
      if (s && done.get(file) !== s.signature && !timers.has(file)) schedule(file);
    }
  }
  const rescanTimer = rescanMs > 0 ? setInterval(rescan, rescanMs) : null;
  rescanTimer?.unref?.();

  return {
    close() {
      closed = true;
      for (const w of watchers) w.close();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      if (rescanTimer) clearInterval(rescanTimer);
    },
  };
}
