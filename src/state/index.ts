// The state API for the reader and the commands; see store.ts for how marks are kept.
export { stateDir, stateFilePath, STATE_DIR_ENV, STATE_FILE_NAME } from './location.js';
export {
  openStateStore,
  readMarks,
  StateStore,
  type ApplyResult,
  type ReadOnlyState,
  type StateOptions,
  type StateWarning,
} from './store.js';
export { resolveIds, MIN_PREFIX } from './resolve-ids.js';
export { MarkSnapshot } from './snapshot.js';
export { marksOf, MARK_FIELDS, NO_MARKS, type MarkEdit, type MarkField, type MarkMap, type Marks } from './types.js';
export { readSeen, recordOpened, recordSeen, seenFilePath, unseenIds, SEEN_FILE_NAME, type SeenRead, type SeenRecord, type SeenUpdate } from './seen.js';
export { addToHistory, historyPath, HISTORY_LIMIT, readSearchHistory, recordSearch, type HistoryRead, type RecordResult } from './search-history.js';
