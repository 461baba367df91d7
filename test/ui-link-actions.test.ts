import { describe, expect, it } from 'vitest';
import type { Paper } from '../src/core/types.js';
import { copyAction, openOrCopyLink } from '../src/ui/app/link-actions.js';

const ESC = '\x1b';
const paper: Paper = {
  id: '71b76b4940fa',
  title: 'FB-BEV: BEV Representation',
  abstract: 'Code at https://github.com/NVlabs/FB-BEV.',
  dates: ['Mar 18'],
  days: ['2025-03-18'],
  sources: ['/d/a.txt'],
  links: ['https://github.com/NVlabs/FB-BEV', 'https://x.io/b'],
};
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('y / Y / c: what is copied and the exact bytes', () => {
  it('y copies the first link with OSC 52; in tmux wrapped in a DCS passthrough', () => {
    const plain = copyAction('link', paper, { TERM: 'xterm-256color' });
    expect(plain).toEqual({
      text: 'https://github.com/NVlabs/FB-BEV',
      bytes: `${ESC}]52;c;aHR0cHM6Ly9naXRodWIuY29tL05WbGFicy9GQi1CRVY=\x07`,
      footer: 'copied https://github.com/NVlabs/FB-BEV',
    });
    expect(copyAction('link', paper, { TMUX: '/tmp/tmux-1/default,9,0' }).bytes).toBe(
      `${ESC}Ptmux;${ESC}${ESC}]52;c;aHR0cHM6Ly9naXRodWIuY29tL05WbGFicy9GQi1CRVY=\x07${ESC}\\`,
    );
    expect(copyAction('link', { ...paper, links: [] }, {})).toMatchObject({ text: paper.title, footer: 'copied the title (no link)' });
  });

  it('Y copies [Title](link), c a BibTeX entry', () => {
    const md = copyAction('markdown', paper, {});
    expect(md.text).toBe('[FB-BEV: BEV Representation](https://github.com/NVlabs/FB-BEV)');
    expect(md.bytes).toBe(`${ESC}]52;c;${b64(md.text)}\x07`);
    const bib = copyAction('bibtex', paper, {});
    expect(bib.text.startsWith('@misc{fb-71b76b,\n  title = {{FB-BEV: BEV Representation}},\n  year = {2025},\n  month = mar,\n  url = {https://github.com/NVlabs/FB-BEV},\n')).toBe(true);
    expect(bib.footer).toBe('copied BibTeX entry fb-71b76b');
  });
});

describe('o: open, or copy when the browser is elsewhere', () => {
  it('over SSH copies the chosen link and says so; opens locally', async () => {
    const written: string[] = [];
    const remote = { env: { SSH_CONNECTION: '1 2 3 4', TERM: 'screen' }, platform: 'linux' as const };
    expect(await openOrCopyLink(paper, 2, (b) => written.push(b), remote)).toBe('remote session: link copied instead');
    expect(written).toEqual([`${ESC}P${ESC}]52;c;${b64('https://x.io/b')}\x07${ESC}\\`]);

    const launched: string[] = [];
    const { EventEmitter } = await import('node:events');
    const local = {
      env: { DISPLAY: ':0' },
      platform: 'linux' as const,
      launch: async (url: string) => {
        launched.push(url);
        const child = new EventEmitter();
        setImmediate(() => child.emit('exit', 0));
        return child;
      },
    };
    expect(await openOrCopyLink(paper, 1, (b) => written.push(b), local)).toBe('opened in the browser');
    expect(launched).toEqual(['https://github.com/NVlabs/FB-BEV']);
    expect(written).toHaveLength(1);
    expect(await openOrCopyLink(paper, 3, (b) => written.push(b), local)).toBe('no link 3 (this paper has 2)');
  });
});
