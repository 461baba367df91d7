// What a cursor move has to send however it is drawn: the text of the detail pane for the paper
// moved to. Worked out with the reader's own screen code on the same library, size and moves as
// the wire section, so the bytes measured there can be split into this text and everything else.
import { loadLibrary } from '../src/core/load.js';
import { layoutOf } from '../src/ui/reader/navigation.js';
import { ReaderSession, type MarkStore } from '../src/ui/reader/session.js';
import { digestDays } from '../src/ui/reader/views.js';
import { sanitize } from '../src/ui/terminal/text.js';
import { ViewCache } from '../src/ui/view/measure.js';
import { makeTheme } from '../src/ui/view/theme.js';

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
  const session = new ReaderSession({ papers: lib.papers, days: digestDays(lib.digests), store: NO_MARKS, cols, rows });
  const view = new ViewCache(session, makeTheme(true));
  const out: number[] = [];
  for (let i = 0; i < moves; i++) {
    session.keys(['j'], view.measure);
    const snap = session.getSnapshot();
    const layout = layoutOf(snap.nav);
    if (layout.kind === 'too-small') break;
    const lines = view.detail(snap.detail, snap.nav, snap.detail ? snap.list.ranges.get(snap.detail) : undefined);
    const shown = lines.slice(snap.nav.detailTop, snap.nav.detailTop + layout.detail.height);
    out.push(shown.reduce((n, l) => n + Buffer.byteLength(sanitize(l.text).trim()), 0));
  }
  return out;
}
