// A faster composition of Ink's frames, put under Ink's Output class by bundle.mjs.
//
// Ink 6.8 composes every frame cell by cell: each line of each text node is cut into styled
// character objects (ansi-tokenize), laid into a grid of the whole screen, and the grid turned back
// into strings, about 4,800 objects at 120×40, every frame. When the frame's text blocks neither
// overlap nor are clipped (the reader's always are: rows of panes side by side), the same text is
// had by joining each row's pieces left to right with spaces between them, which is what this does;
// any other frame is left to Ink's own composition (composeRows returns undefined).
// (In the bundle, string-width-cached.js: a line Ink measured already is looked up.)
import stringWidth from 'string-width';

/**
 * The frame's rows from Ink's Output operations, or undefined when they need Ink's cell-by-cell
 * composition: a clip, a block above the top or left of the screen, or two blocks sharing cells.
 */
export function composeRows(operations, height) {
  const rows = Array.from({ length: height }, () => []);
  for (const op of operations) {
    if (op.type !== 'write') return undefined;
    if (op.x < 0 || op.y < 0) return undefined;
    const lines = op.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const y = op.y + i;
      if (y >= height) break;
      let line = lines[i];
      for (const transform of op.transformers) line = transform(line, i);
      rows[y].push({ x: op.x, line, w: stringWidth(line) });
    }
  }
  const out = [];
  for (const pieces of rows) {
    pieces.sort((a, b) => a.x - b.x);
    let text = '';
    let at = 0;
    for (const p of pieces) {
      if (p.w === 0) continue;
      if (p.x < at) return undefined;
      text += ' '.repeat(p.x - at) + p.line;
      at = p.x + p.w;
    }
    out.push(text.trimEnd());
  }
  return out;
}
