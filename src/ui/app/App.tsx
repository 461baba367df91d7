import chalk from 'chalk';
import type { Effect } from '../reader/session.js';
import type { KeySource } from '../terminal/key-reader.js';
import { Reader } from '../view/Reader.js';
import { ReaderContext, useReaderKeys, type ReaderContextValue } from '../view/use-reader.js';

export interface AppProps extends ReaderContextValue {
  keys: KeySource;
  /** What the terminal must do after keys: quit, redraw, suspend. */
  onEffect: (effect: Effect) => void;
}

function KeyedReader({ keys, onEffect }: Pick<AppProps, 'keys' | 'onEffect'>) {
  useReaderKeys(keys, onEffect);
  return <Reader />;
}

/** The reader's root: the session and view caches for every component, keys into the session. */
export function App({ session, view, keys, onEffect }: AppProps) {
  // Styles are Ink Text props, which Ink turns into codes through chalk. Whether colour is used is
  // decided once, in the theme (NO_COLOR, --no-color, TERM=dumb); chalk must not also drop bold and
  // inverse (the selection) when it reads those itself.
  if (chalk.level === 0) chalk.level = 1;
  return (
    <ReaderContext.Provider value={{ session, view }}>
      <KeyedReader keys={keys} onEffect={onEffect} />
    </ReaderContext.Provider>
  );
}
