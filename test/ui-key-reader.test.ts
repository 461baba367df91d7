// Keys typed before the reader subscribes wait, queued, in order; `typedEarly` tells the app so
// before its first frame (it then makes the search index first).
import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import type { KeyEvent } from '../src/ui/terminal/keys.js';
import { readKeys } from '../src/ui/terminal/key-reader.js';

const flush = () => new Promise<void>((r) => setImmediate(r));

test('keys typed before anyone subscribes are reported as typed early and handed over in order', async () => {
  const stdin = new PassThrough();
  const keys = readKeys(stdin as unknown as NodeJS.ReadStream);
  expect(keys.typedEarly).toBe(false);
  stdin.write('/ab\r');
  await flush();
  expect(keys.typedEarly).toBe(true);
  const got: KeyEvent[] = [];
  keys.subscribe((events) => got.push(...events));
  expect(keys.typedEarly).toBe(false);
  expect(got.map((e) => (e.kind === 'key' ? e.name : e.kind))).toEqual(['/', 'a', 'b', 'enter']);
  keys.stop();
});
