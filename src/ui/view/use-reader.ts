import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import type { Effect, ReaderSession, SessionSnapshot } from '../reader/session.js';
import type { KeySource } from '../terminal/key-reader.js';
import { pastedText } from '../terminal/keys.js';
import type { ViewCache } from './measure.js';

export interface ReaderContextValue {
  session: ReaderSession;
  view: ViewCache;
}

export const ReaderContext = createContext<ReaderContextValue | null>(null);

function useReaderContext(): ReaderContextValue {
  const value = useContext(ReaderContext);
  if (!value) throw new Error('useReader needs a ReaderContext provider');
  return value;
}

/** The session's newest snapshot (re-rendering on every change) and the view's caches. */
export function useReader(): { snap: SessionSnapshot; session: ReaderSession; view: ViewCache } {
  const { session, view } = useReaderContext();
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  return { snap, session, view };
}

/**
 * The one key path: decoded events from the terminal's key reader reach the session here. Keys of
 * one read go to the session together (a burst is applied in order to the newest state); a paste
 * is text: typed into the search line when it is open, and opening it otherwise, so nothing pasted
 * runs as a command. Mouse reports go to session.pointer between them, in order. What the terminal
 * must do (quit, redraw, suspend, open a link) goes to `onEffect`.
 */
export function useReaderKeys(keys: KeySource, onEffect: (effect: Effect) => void): void {
  const { session, view } = useReaderContext();
  useEffect(
    () =>
      keys.subscribe((events) => {
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
          if (!send()) return;
          if (e.kind === 'mouse') {
            // In order with the keys around it: a click after j acts on the list j left.
            for (const effect of session.pointer(e, view.measure)) onEffect(effect);
            continue;
          }
          const text = [...pastedText(e.text)].map((ch) => (ch === ' ' ? 'space' : ch));
          const mode = session.getSnapshot().mode;
          if (mode === 'search') names = text;
          else if (mode === 'list' || mode === 'detail') names = ['/', ...text];
          if (!send()) return;
        }
        send();
      }),
    [keys, session, view, onEffect],
  );
}
