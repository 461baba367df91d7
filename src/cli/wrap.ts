import stringWidth from 'string-width';

/**
 * Word-wraps one paragraph to `width` terminal columns (wide characters count two), each line
 * after `indent`. A word longer than a line (a URL) is split where it must.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const room = Math.max(10, width - stringWidth(indent));
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    let ww = stringWidth(w);
    if (lineWidth > 0 && lineWidth + 1 + ww <= room) {
      line += ` ${w}`;
      lineWidth += 1 + ww;
      continue;
    }
    if (lineWidth > 0) lines.push(line);
    while (ww > room) {
      let cut = '';
      let cutWidth = 0;
      for (const ch of w) {
        const cw = stringWidth(ch);
        if (cutWidth + cw > room) break;
        cut += ch;
        cutWidth += cw;
      }
      lines.push(cut);
      w = w.slice(cut.length);
      ww = stringWidth(w);
    }
    line = w;
    lineWidth = ww;
  }
  if (lineWidth > 0 || lines.length === 0) lines.push(line);
  return lines.map((l) => `${indent}${l}`);
}

/** Columns to wrap to: the terminal's width, $COLUMNS when set, else 80 (a pipe, a file). */
export function outputWidth(env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv >= 20) return fromEnv;
  if (stdoutIsTTY && process.stdout.columns) return Math.max(20, process.stdout.columns);
  return 80;
}
