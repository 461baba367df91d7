import { describe, expect, it } from 'vitest';
import {
  clipboardSet,
  copyToClipboard,
  detectMultiplexer,
  hyperlink,
  hyperlinkClose,
  hyperlinkOpen,
  hyperlinksWanted,
  passThrough,
  sanitizeUrl,
} from '../src/ui/terminal/osc.js';

const ESC = '\x1b';

describe('OSC 8 hyperlinks', () => {
  it('opens, labels and closes a link with ST', () => {
    expect(hyperlink('FB-BEV', 'https://github.com/NVlabs/FB-BEV')).toBe(
      `${ESC}]8;;https://github.com/NVlabs/FB-BEV${ESC}\\FB-BEV${ESC}]8;;${ESC}\\`,
    );
    expect(hyperlinkOpen('https://a.b/c;d', 'paper 1:x')).toBe(`${ESC}]8;id=paper1x;https://a.b/c;d${ESC}\\`);
    expect(hyperlinkClose()).toBe(`${ESC}]8;;${ESC}\\`);
  });

  it('lets no byte of a hostile URL end or extend the sequence', () => {
    const hostile = `https://x.org/a\x1b\\\x07\x9c\x1b]0;pwned\x07 b/é`;
    expect(sanitizeUrl(hostile)).toBe('https://x.org/a%1B\\%07%C2%9C%1B]0;pwned%07%20b/%C3%A9');
    const open = hyperlinkOpen(hostile);
    // One ESC to start, one to end, nothing between them below 0x21 or above 0x7e.
    expect(open.match(/\x1b/g)).toHaveLength(2);
    expect(open.slice(2, -2)).toMatch(/^[\x21-\x7e]*$/);
  });

  it('is off on TERM=dumb or when turned off', () => {
    expect(hyperlinksWanted({ TERM: 'xterm-256color' })).toBe(true);
    expect(hyperlinksWanted({ TERM: 'dumb' })).toBe(false);
    expect(hyperlinksWanted({ TERM: 'xterm' }, true)).toBe(false);
  });
});

describe('OSC 52 clipboard', () => {
  it('sends base64 of the UTF-8 text, ended by BEL', () => {
    expect(clipboardSet('héllo')).toBe(`${ESC}]52;c;aMOpbGxv\x07`);
    expect(copyToClipboard('hi', { TERM: 'xterm-256color' })).toBe(`${ESC}]52;c;aGk=\x07`);
  });

  it('inside tmux: one DCS passthrough with every ESC doubled', () => {
    expect(detectMultiplexer({ TMUX: '/tmp/tmux-0/default,1,0', TERM: 'screen-256color' })).toBe('tmux');
    expect(copyToClipboard('hi', { TMUX: '/tmp/tmux-0/default,1,0', TERM: 'tmux-256color' })).toBe(
      `${ESC}Ptmux;${ESC}${ESC}]52;c;aGk=\x07${ESC}\\`,
    );
    expect(passThrough(hyperlinkOpen('https://a'), 'tmux')).toBe(`${ESC}Ptmux;${ESC}${ESC}]8;;https://a${ESC}${ESC}\\${ESC}\\`);
  });

  it('inside GNU screen: DCS strings of at most 76 bytes', () => {
    expect(detectMultiplexer({ TERM: 'screen.xterm-256color' })).toBe('screen');
    expect(detectMultiplexer({ TERM: 'xterm' })).toBe(null);
    const text = 'x'.repeat(100);
    const inner = clipboardSet(text);
    const bytes = copyToClipboard(text, { TERM: 'screen' });
    const chunks = [...bytes.matchAll(/\x1bP([\s\S]*?)\x1b\\/g)].map((m) => m[1]!);
    expect(chunks.join('')).toBe(inner);
    expect(chunks.every((c) => c.length <= 76)).toBe(true);
    expect(chunks).toHaveLength(Math.ceil(inner.length / 76));
    expect(bytes).toBe(chunks.map((c) => `${ESC}P${c}${ESC}\\`).join(''));
    expect(chunks[0]!.startsWith(`${ESC}]52;c;`)).toBe(true);
  });
});
