import { defineConfig } from 'vitest/config';

// Vitest's default is one worker fewer than the CPUs: on the 2-core machines this project runs on,
// one test file at a time. Much of the suite waits on child processes (the real binary in a pty,
// the CLI), so two files at a time keep both cores busy: 127 s instead of 210 s for the whole suite
// (841 tests, a quiet 2-core machine).
// A test that spawns the CLI takes well under a second on a quiet machine, but a shared one at load
// 5-9 pushed single spawns past Vitest's 5 s default: 15 s still stops a hang, without flaking.
export default defineConfig({
  test: {
    maxWorkers: 2,
    testTimeout: 15_000,
  },
});
