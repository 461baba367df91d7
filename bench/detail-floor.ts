// What a cursor move has to send however it is drawn: the text of the detail pane for the paper
// moved to. Worked out with the reader's own screen code on the same library, size and moves as
// the wire section, so the bytes measured there can be split into this text and everything else.
import { stripVTControlCharacters } from 'node:util';
import { loadLibrary } from '../src/core/load.js';
import { ScreenRenderer } from '../src/ui/screen/compose.js';
import { ReaderSession, type MarkStore } from '../src/ui/reader/session.js';
import { layoutOf } from '../src/ui/reader/navigation.js';
import { graphemes } from '../src/ui/text.js';
import { makeTheme } from '../src/ui/theme.js';
import { digestDates } from '../src/ui/reader/views.js';

const EMPTY = new Map() as MarkStore['marks'];
// Only j is pressed: nothing is ever marked.
const NO_MARKS: MarkStore = {
  marks: EMPTY,
  saving: true,
  apply: () => ({ changed: [], undo: [], saved: true, marks: EMPTY }),
  refresh: () => EMPTY,
  takeWarnings: () => [],
};

/** UTF-8 bytes of the detail pane's text (blanks at line ends left out) after each of `moves` j presses. */
export function detailTextBytes(dir: string, cols: number, rows: number, moves: number): number[] {
  const lib = loadLibrary([dir]);
  const session = new ReaderSession({ papers: lib.papers, dates: digestDates(lib.digests), store: NO_MARKS, cols, rows });
  const renderer = new ScreenRenderer(session, makeTheme(true));
  const out: number[] = [];
  for (let i = 0; i < moves; i++) {
    session.keys(['j'], renderer.measure);
    const snap = session.getSnapshot();
    const layout = layoutOf(snap.nav);
    if (layout.kind === 'too-small') break;
    const lines = renderer.lines(snap).map((l) => stripVTControlCharacters(l));
    const body = lines.slice(1, -1);
    const detail =
      layout.kind === 'split' ? body.map((l) => dropColumns(l, layout.list.width + 1)) : body.slice(layout.list.height + 1);
    out.push(detail.reduce((n, l) => n + Buffer.byteLength(l.trim()), 0));
  }
  return out;
}

/** The line without its first `n` columns (wide characters count two). */
function dropColumns(line: string, n: number): string {
  let used = 0;
  let at = 0;
  for (const { g, w } of graphemes(line)) {
    if (used >= n) break;
    used += w;
    at += g.length;
  }
  return line.slice(at);
}
