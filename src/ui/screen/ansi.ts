import type { TextProps } from 'ink';
import type { Segment } from '../text.js';

// Styles are written as escape codes here rather than through Ink's nested <Text> props, for two
// reasons. Those props go through chalk, which drops every style (the selection bar too) when it
// sees --no-color in argv, FORCE_COLOR=0 or TERM=dumb; whether colour is used is decided once, in
// the theme. And the screen is drawn from these strings by two writers (see painter.ts), which must
// produce the same cells.
const ATTRIBUTES = [
  ['bold', '\u001b[1m', '\u001b[22m'],
  ['underline', '\u001b[4m', '\u001b[24m'],
  ['inverse', '\u001b[7m', '\u001b[27m'],
] as const;

const COLORS: Record<string, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, grey: 90 };

/** The text with the style's codes around it; each style is closed again, so pieces join freely. */
export function styled(text: string, style: TextProps): string {
  if (!text) return text;
  let out = text;
  const fg = typeof style.color === 'string' ? COLORS[style.color] : undefined;
  if (fg !== undefined) out = `\u001b[${fg}m${out}\u001b[39m`;
  for (const [name, start, end] of ATTRIBUTES) if (style[name]) out = `${start}${out}${end}`;
  return out;
}

/** One screen line from pieces already measured to its width. */
export function line(segments: readonly Segment<TextProps>[]): string {
  let out = '';
  for (const s of segments) out += styled(s.text, s.style);
  return out;
}
