import type { Effect, ReaderSession } from '../reader/session.js';
import type { KeyEvent } from '../terminal/keys.js';
import { pastedText } from '../terminal/keys.js';
import type { ViewCache } from './measure.js';

/**
 * Hands one read's decoded events to the session. Keys of one read go together (a burst is applied
 * in order to the newest state); a paste is text: typed into the search line when it is open, and
 * opening it otherwise, so nothing pasted runs as a command. Mouse reports go to session.pointer
 * between them, in order. What the terminal must do (quit, redraw, suspend, open a link) goes to
 * `onEffect`. Returns false once the events asked to quit (the rest are dropped).
 */
export function dispatchKeyEvents(events: readonly KeyEvent[], session: ReaderSession, view: ViewCache, onEffect: (effect: Effect) => void): boolean {
  let names: string[] = [];
  const send = (): boolean => {
    const batch = names;
    names = [];
    if (batch.length === 0) return true;
    for (const effect of session.keys(batch, view.measure)) {
      onEffect(effect);
      if (effect === 'quit') return false;
    }
    return true;
  };
  for (const e of events) {
    if (e.kind === 'key') {
      names.push(e.name);
      continue;
    }
    if (!send()) return false;
    if (e.kind === 'mouse') {
      // In order with the keys around it: a click after j acts on the list j left.
      for (const effect of session.pointer(e, view.measure)) onEffect(effect);
      continue;
    }
    const text = [...pastedText(e.text)].map((ch) => (ch === ' ' ? 'space' : ch));
    const mode = session.getSnapshot().mode;
    if (mode === 'search') names = text;
    else if (mode === 'list' || mode === 'detail') names = ['/', ...text];
    if (!send()) return false;
  }
  return send();
}
