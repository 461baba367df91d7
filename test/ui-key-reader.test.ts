// Keys typed before the reader subscribes wait, queued, in order: the app takes them before its
// first frame (which then shows what they did); a subscriber gets whatever is still queued.
import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import type { KeyEvent } from '../src/ui/terminal/keys.js';
import { readKeys } from '../src/ui/terminal/key-reader.js';

const flush = () => new Promise<void>((r) => setImmediate(r));
const names = (events: KeyEvent[]) => events.map((e) => (e.kind === 'key' ? e.name : e.kind));

test('keys typed before anyone subscribes are taken once, in order', async () => {
  const stdin = new PassThrough();
  const keys = readKeys(stdin as unknown as NodeJS.ReadStream);
  expect(keys.take()).toEqual([]);
  stdin.write('/ab\r');
  await flush();
  expect(names(keys.take())).toEqual(['/', 'a', 'b', 'enter']);
  expect(keys.take()).toEqual([]);
  keys.stop();
});

test('a subscriber gets the keys still queued first, then each read as it comes', async () => {
  const stdin = new PassThrough();
  const keys = readKeys(stdin as unknown as NodeJS.ReadStream);
  stdin.write('jk');
  await flush();
  const got: string[][] = [];
  keys.subscribe((events) => got.push(names(events)));
  stdin.write('q');
  await flush();
  expect(got).toEqual([['j', 'k'], ['q']]);
  expect(keys.take()).toEqual([]);
  keys.stop();
});
