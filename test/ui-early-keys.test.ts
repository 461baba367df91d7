/**
 * Keys typed while Ink is still loading: the plain ones move the reader at once (the screen is
 * already up), anything else is left in stdin, in order, for Ink to read.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { plainKeys } from '../src/ui/early-keys.js';
import { keysUntil, openReader, type OpenReader } from '../src/ui/open-reader.js';
import { cleanupStores, sampleLibrary, tempStore } from './helpers/session.js';

afterEach(cleanupStores);

const turn = () => new Promise<void>((r) => setImmediate(r));

/** A stdin and stdout pair that look like a terminal (what the reader opens on). */
function fakeTerminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode(raw: boolean) { stdin.isRaw = raw; return stdin; } });
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 120, rows: 30 });
  stdout.resume();
  return { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream };
}

const opens: OpenReader[] = [];
async function open() {
  const { papers, dates } = sampleLibrary();
  const t = fakeTerminal();
  const opened = openReader({ papers, dates, store: (await tempStore()).store }, { color: false, ...t, stderr: t.stdout });
  opens.push(opened);
  return { opened, ...t };
}
afterEach(() => {
  for (const o of opens.splice(0)) o.close();
});

describe('plain keys', () => {
  test('characters, Enter, Tab, Backspace, arrows, Home/End, PgUp/PgDn and Ctrl-C are named as the keymap names them', () => {
    expect(plainKeys('jj k')).toEqual(['j', 'j', 'space', 'k']);
    expect(plainKeys('\u001b[B\u001b[A\u001bOB\r\t\u007f')).toEqual(['down', 'up', 'down', 'enter', 'tab', 'delete']);
    expect(plainKeys('\u001b[5~\u001b[6~\u001b[H\u001b[F\u0003')).toEqual(['pageup', 'pagedown', 'home', 'end', 'ctrl+c']);
  });

  test('a lone Esc, Alt-keys, other control keys and unknown sequences are not plain', () => {
    for (const text of ['\u001b', 'j\u001b', '\u001bj', '\u000c', '\u001a', '\u001b[3~', '\u001b[1;5A', 'é']) expect(plainKeys(text), JSON.stringify(text)).toBeNull();
  });
});

describe('keys before Ink', () => {
  test('plain keys move the reader at once; the first other key and everything after it stay in stdin', async () => {
    const { opened, stdin } = await open();
    let ready = (_: string) => {};
    const waiting = keysUntil(opened, new Promise<string>((r) => (ready = r)));
    stdin.write('jj');
    await turn();
    stdin.write('s');
    await turn();
    expect(opened.session.getSnapshot().nav.cursor).toBe(2);
    expect(opened.session.getSnapshot().marks.starredCount).toBe(1);
    stdin.write('\u001b');
    await turn();
    stdin.write('k');
    await turn();
    expect(opened.session.getSnapshot().nav.cursor).toBe(2);
    ready('ink');
    expect(await waiting).toBe('ink');
    // What Ink will read, in order.
    expect(String(stdin.read())).toBe('\u001bk');
  });

  test('q or Ctrl-C quits without waiting for Ink', async () => {
    for (const key of ['q', '\u0003']) {
      const { opened, stdin } = await open();
      const waiting = keysUntil(opened, new Promise<never>(() => {}));
      stdin.write(`j${key}`);
      expect(await waiting).toBe('quit');
    }
  });

  test('a resize before Ink is drawn at once, at the new size, on a cleared screen', async () => {
    const { opened, stdout } = await open();
    let written = '';
    stdout.on('data', (d: Buffer) => (written += String(d)));
    let ready = (_: string) => {};
    const waiting = keysUntil(opened, new Promise<string>((r) => (ready = r)));
    Object.assign(stdout, { columns: 80, rows: 24 });
    stdout.emit('resize');
    await turn();
    expect(opened.session.getSnapshot().nav.cols).toBe(80);
    expect(written).toContain('\u001b[2J');
    // Repainted after the clear: the stacked layout's rule is there.
    expect(written.slice(written.lastIndexOf('\u001b[2J'))).toContain('─'.repeat(40));
    ready('ink');
    await waiting;
  });

  test('once Ink is ready nothing more is read', async () => {
    const { opened, stdin } = await open();
    expect(await keysUntil(opened, Promise.resolve('ink'))).toBe('ink');
    stdin.write('j');
    await turn();
    expect(opened.session.getSnapshot().nav.cursor).toBe(0);
    expect(String(stdin.read())).toBe('j');
  });
});
