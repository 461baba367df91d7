import { useSyncExternalStore } from 'react';
import type { LiveLibrary } from '../live-library.js';
import { ReaderApp, type ReaderProps } from './App.js';

export interface LiveReaderProps extends Omit<ReaderProps, 'papers'> {
  library: LiveLibrary;
}

/** The reader over a library that may still be loading: the list grows and the header says how far. */
export function LiveReader({ library, ...props }: LiveReaderProps) {
  const { papers, loading } = useSyncExternalStore(library.subscribe, library.get);
  const view = props.view ?? 'All papers';
  return <ReaderApp {...props} papers={papers} view={loading === null ? view : `${view} · loading ${Math.floor(loading * 100)}%…`} />;
}
