import { describe, expect, test } from 'vitest';
import { afterNextFrame } from '../src/ui/frame-scheduler.js';

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('work after the next frame', () => {
  test('waits for the frame showing the key, then runs everything scheduled, once', async () => {
    const f = afterNextFrame();
    const ran: string[] = [];
    f.schedule(() => ran.push('a'));
    f.schedule(() => ran.push('b'));
    await turn();
    expect(ran).toEqual([]);
    f.frameDrawn();
    expect(ran).toEqual([]); // the frame is written after the callback returns
    await turn();
    expect(ran).toEqual(['a', 'b']);
    f.frameDrawn();
    await turn();
    expect(ran).toEqual(['a', 'b']);
  });

  test('runs anyway when no frame comes', async () => {
    const f = afterNextFrame();
    let ran = false;
    f.schedule(() => (ran = true));
    await new Promise((r) => setTimeout(r, 80));
    expect(ran).toBe(true);
  });
});

describe('work after a frame already written', () => {
  test('runs at once, everything scheduled, once', () => {
    const f = afterNextFrame();
    const ran: string[] = [];
    f.schedule(() => ran.push('a'));
    f.schedule(() => ran.push('b'));
    f.frameWritten();
    expect(ran).toEqual(['a', 'b']);
    f.frameWritten();
    expect(ran).toEqual(['a', 'b']);
  });
});
