import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPaths, loadLibrary, SAMPLE_DATA_DIR } from '../src/core/load.js';
import { abstract, layoutA, SAMPLE_DIR, tempDir, writeDigests } from './helpers/digests.js';

describe('loading paths', () => {
  it('opens the bundled samples by default and PAPERTERM_DIGESTS when set', () => {
    expect(SAMPLE_DATA_DIR).toBe(SAMPLE_DIR);
    expect(defaultPaths({})).toEqual([SAMPLE_DIR]);
    expect(defaultPaths({ PAPERTERM_DIGESTS: '/a:/b::' })).toEqual(['/a', '/b']);
  });

  it('reads only the .txt files of a directory and any file named explicitly', () => {
    const dir = writeDigests({
      'a.txt': layoutA('Mar 2', [['Alpha', abstract('alpha')]]),
      'notes.md': 'not a digest',
      'b.digest': layoutA('Mar 1', [['Beta', abstract('beta')]]),
    });
    mkdirSync(join(dir, 'sub.txt'));
    const r = loadLibrary([dir, join(dir, 'b.digest')]);
    expect(r.errors).toEqual([]);
    expect(r.papers.map((p) => p.title)).toEqual(['Alpha', 'Beta']);
  });

  it('reads a file given twice (directly and through its directory) once', () => {
    const dir = writeDigests({ 'a.txt': layoutA('Mar 2', [['Alpha', abstract('alpha')]]) });
    const r = loadLibrary([dir, join(dir, 'a.txt')]);
    expect(r.digests).toHaveLength(1);
  });

  it('reports each bad path on its own line and still loads the good files', () => {
    const dir = writeDigests({
      'good.txt': layoutA('Mar 2', [['Alpha', abstract('alpha')]]),
      'empty.txt': '',
      'binary.txt': Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0]),
      'latin1.txt': Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a]),
      'headers.txt': 'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n',
      'config.txt': '{\n  "name": "paperterm",\n  "version": "0.1.0",\n  "type": "module"\n}\n',
    });
    symlinkSync('loop.txt', join(dir, 'loop.txt'));
    const r = loadLibrary([dir, join(dir, 'missing.txt'), '/definitely/not/here']);
    expect(r.papers.map((p) => p.title)).toEqual(['Alpha']);
    const msgs = r.errors.map((e) => e.message).sort();
    expect(msgs).toEqual(
      [
        `${join(dir, 'binary.txt')}: binary file, not a text digest`,
        `${join(dir, 'config.txt')}: no paper entries found (no line reads like an abstract)`,
        `${join(dir, 'empty.txt')}: no paper entries found`,
        `${join(dir, 'headers.txt')}: no paper entries found`,
        `${join(dir, 'latin1.txt')}: not valid UTF-8 text`,
        `${join(dir, 'loop.txt')}: too many levels of symbolic links`,
        `${join(dir, 'missing.txt')}: no such file or directory`,
        '/definitely/not/here: no such file or directory',
      ].sort(),
    );
  });

  it('names a directory without digests', () => {
    const dir = tempDir();
    expect(loadLibrary([dir]).errors.map((e) => e.message)).toEqual([`${dir}: directory has no .txt digests`]);
  });

  it('passes parser warnings on with the file name', () => {
    const dir = writeDigests({ 'w.txt': `${layoutA('Mar 2', [['Alpha', abstract('alpha')]])}\n\nTail Title\n` });
    const r = loadLibrary([dir]);
    expect(r.papers).toHaveLength(2);
    expect(r.warnings.map((w) => w.message)).toEqual([`${join(dir, 'w.txt')}: line 15: last title has no abstract: "Tail Title"`]);
  });

  it('treats a file as unreadable when it cannot be read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f'), 'x');
    const r = loadLibrary([join(dir, 'f', 'inside.txt')]);
    expect(r.errors.map((e) => e.message)).toEqual([`${join(dir, 'f', 'inside.txt')}: not a directory`]);
  });
});
