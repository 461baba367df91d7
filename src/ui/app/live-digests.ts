// Live digests, wired: the directories the reader opened are watched (core/watch-digests.ts), new
// or changed digests are merged into the session (ReaderSession.digestsArrived, which keeps the
// selection and the scroll), and their new papers are recorded as seen (state/seen.ts).
import { terminalLine } from '../../core/terminal-text.js';
import type { LibraryMerge } from '../../core/merge-digests.js';
import type { Digest } from '../../core/types.js';
import { watchDigests, type DigestWatcher, type WatchOptions } from '../../core/watch-digests.js';
import { recordSeen } from '../../state/seen.js';

export interface LiveSession {
  digestsArrived(digests: readonly Digest[]): LibraryMerge;
  notify(text: string, warning?: boolean): void;
}

export interface FollowOptions {
  /** Where seen.json is kept; without it nothing is recorded. */
  stateDir?: string;
  /** For tests: the watcher and its timings. */
  watch?: typeof watchDigests;
  quietMs?: WatchOptions['quietMs'];
  rescanMs?: WatchOptions['rescanMs'];
}

/**
 * Watches `paths` (the digest files and directories the reader opened; stdin's `-` is left out)
 * and feeds the session. Digests completed in the same turn are merged at once: one status line.
 */
export function followDigests(paths: readonly string[], session: LiveSession, options: FollowOptions = {}): DigestWatcher {
  const watched = paths.filter((p) => p !== '-');
  if (watched.length === 0) return { close() {} };
  let pending: Digest[] = [];
  let closed = false;
  const flush = () => {
    const digests = pending;
    pending = [];
    if (closed || digests.length === 0) return;
    const merge = session.digestsArrived(digests);
    if (!options.stateDir || merge.added.length === 0) return;
    const seen = recordSeen(options.stateDir, merge.added.map((p) => p.id));
    if (seen.warnings.length > 0) session.notify(`${merge.status} · ${terminalLine(seen.warnings[0]!)}`, true);
  };
  const watcher = (options.watch ?? watchDigests)(watched, {
    onDigest: ({ digest }) => {
      if (pending.push(digest) === 1) setImmediate(flush);
    },
    onProblem: (message) => {
      if (!closed) session.notify(terminalLine(message), true);
    },
    ...(options.quietMs === undefined ? {} : { quietMs: options.quietMs }),
    ...(options.rescanMs === undefined ? {} : { rescanMs: options.rescanMs }),
  });
  return {
    close() {
      closed = true;
      watcher.close();
    },
  };
}
