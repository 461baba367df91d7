import { useApp, useStdin } from 'ink';
import { useEffect, useMemo } from 'react';
import { App } from '../../src/ui/app/App.js';
import type { Effect, ReaderSession } from '../../src/ui/reader/session.js';
import { readKeys } from '../../src/ui/terminal/key-reader.js';
import type { SizeSource } from '../../src/ui/terminal/size.js';
import { ViewCache } from '../../src/ui/view/measure.js';
import { makeTheme } from '../../src/ui/view/theme.js';

/**
 * The real reader App for ink-testing-library: keys written to the test's stdin go through the
 * real key reader and decoder, size changes reach the session as the app's resize handler passes
 * them, q quits (unmounts). Redraw and suspend need a terminal and do nothing here.
 */
export function TestReader({
  session,
  size,
  color = true,
  effects,
  hyperlinks = false,
}: {
  session: ReaderSession;
  size?: SizeSource;
  color?: boolean;
  /** Effects other than quit (o y Y c), e.g. carried out by the app's performLinkEffect. */
  effects?: (effect: Effect) => void;
  /** Links in the detail as OSC 8 hyperlinks, as the app draws them on a capable terminal. */
  hyperlinks?: boolean;
}) {
  const { stdin } = useStdin();
  const { exit } = useApp();
  const keys = useMemo(() => readKeys(stdin as NodeJS.ReadStream), [stdin]);
  useEffect(() => () => keys.stop(), [keys]);
  useEffect(() => size?.subscribe(() => session.resize(size.get().cols, size.get().rows)), [size, session]);
  const view = useMemo(() => new ViewCache(session, makeTheme(color), { hyperlinks }), [session, color, hyperlinks]);
  const onEffect = useMemo(() => (effect: Effect) => (effect === 'quit' ? exit() : effects?.(effect)), [exit, effects]);
  return <App session={session} view={view} keys={keys} onEffect={onEffect} />;
}
