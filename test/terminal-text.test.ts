import { describe, expect, it } from 'vitest';
import { isTerminalSafe, safeJson, terminalLine, terminalText } from '../src/core/terminal-text.js';

const HOSTILE = 'A\u001b]0;PWNED\u0007\u001b[41mred\u001b[2J\u001bc\tX\b\u0007\u009b31m\u202eevil\r\nB\u001bP1;2|x\u001b\\ é';

describe('terminalText', () => {
  it('removes escape sequences whole and shows other controls in caret notation', () => {
    expect(terminalLine(HOSTILE)).toBe('Ared    X^H^Gevil B é');
    expect(terminalText(HOSTILE, true)).toBe('Ared    X^H^Gevil\nB é');
  });
  it('leaves no byte a terminal acts on, whatever the input', () => {
    for (let i = 0; i < 2000; i++) {
      let s = '';
      for (let j = 0; j < 30; j++) s += String.fromCharCode(Math.floor(Math.random() * 0x100));
      const out = terminalLine(s);
      expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(isTerminalSafe(out)).toBe(true);
    }
  });
  it('passes plain text and unicode through unchanged', () => {
    expect(terminalLine('Stitchable Neural Networks — é, 漢字, ★')).toBe('Stitchable Neural Networks — é, 漢字, ★');
  });
});

describe('safeJson', () => {
  it('keeps the text exact and writes no raw control or bidi character', () => {
    const json = safeJson({ title: HOSTILE });
    expect(JSON.parse(json).title).toBe(HOSTILE);
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});
