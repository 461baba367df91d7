import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import type { Effect, ReaderSession, SessionSnapshot } from '../reader/session.js';
import type { KeySource } from '../terminal/key-reader.js';
import { dispatchKeyEvents } from './key-dispatch.js';
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

/** The one key path: decoded events from the terminal's key reader reach the session here (dispatchKeyEvents). */
export function useReaderKeys(keys: KeySource, onEffect: (effect: Effect) => void): void {
  const { session, view } = useReaderContext();
  useEffect(() => keys.subscribe((events) => void dispatchKeyEvents(events, session, view, onEffect)), [keys, session, view, onEffect]);
}
