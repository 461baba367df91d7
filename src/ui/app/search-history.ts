// The reader's search history (↑ / ↓ in the search line) kept in the state directory next to the
// marks (state/search-history.ts): read when the line first walks it, a kept search added on Enter.
import { readSearchHistory, recordSearch } from '../../state/search-history.js';
import type { SearchHistory } from '../reader/session.js';

export function searchHistoryIn(stateDir: string): SearchHistory {
  return {
    queries: () => readSearchHistory(stateDir).queries,
    // Never throws; a history that cannot be saved still walks in this session through the reader's copy.
    record: (query) => void recordSearch(stateDir, query),
  };
}
