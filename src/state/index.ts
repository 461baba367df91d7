export { stateDir, stateFilePath, STATE_DIR_ENV, STATE_FILE_NAME } from './location.js';
export { openStateStore, readMarks, StateStore, type ApplyResult, type ReadOnlyState, type StateOptions } from './store.js';
export { applyEdits, mergeRecords, toMarkMap } from './records.js';
export { marksOf, MARK_FIELDS, NO_MARKS, type MarkEdit, type MarkField, type MarkMap, type Marks } from './types.js';
