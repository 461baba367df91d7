import chalk, { type ForegroundColorName } from 'chalk';

/**
 * A text style: the Ink Text props the reader's look is made of. No background colour: none of its
 * boxes has one (a Box's backgroundColor would colour the Text inside it, which paint() does not).
 */
export interface Style {
  color?: ForegroundColorName;
  dimColor?: boolean;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  inverse?: boolean;
}

/**
 * The text with its style's codes, byte for byte as an Ink <Text> with these props makes them: the
 * same chalk calls in the same order (Ink's Text transform), and nothing for an empty text (Ink
 * styles only text it has). So a row can be one Text holding its styled pieces rather than one
 * nested Text per piece: the same frame from a fifth of the React and Ink nodes.
 */
export function paint(text: string, style: Style): string {
  if (text === '') return text;
  let out = text;
  if (style.dimColor) out = chalk.dim(out);
  if (style.color) out = chalk[style.color](out);
  if (style.bold) out = chalk.bold(out);
  if (style.italic) out = chalk.italic(out);
  if (style.underline) out = chalk.underline(out);
  if (style.strikethrough) out = chalk.strikethrough(out);
  if (style.inverse) out = chalk.inverse(out);
  return out;
}
