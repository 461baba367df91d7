import { afterEach } from 'vitest';
import { type PtySession, type SpawnOptions, spawnPaperterm } from './pty.js';

/**
 * spawnPaperterm for one test file: every session it starts is disposed after each test. Call once
 * at the top of the file: `const start = ptySessions();`.
 */
export function ptySessions(): (opts?: SpawnOptions) => PtySession {
  const sessions: PtySession[] = [];
  afterEach(() => {
    for (const t of sessions.splice(0)) t.dispose();
  });
  return (opts) => {
    const t = spawnPaperterm(opts);
    sessions.push(t);
    return t;
  };
}
