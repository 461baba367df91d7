import type Conf from 'conf';
import { lockPathFor, loadStateFile, readOrMoveAsideLocked, UnusableStateError } from './disk.js';
import { encodeStateFile, type StateFileJson } from './file-format.js';
import { describeFsError } from './fs-errors.js';
import { CONF_CONFIG_NAME, stateFilePath } from './location.js';
import { LockError, withFileLock } from './lock.js';
import { applyEdits, mergeRecords, recordsEqual, toMarkMap } from './records.js';
import { marksOf, type MarkEdit, type MarkField, type MarkMap, type PaperRecord } from './types.js';

type ConfClass = typeof Conf;
type StateConf = Conf<Record<string, unknown>>;

export interface StateOptions {
  /** Directory of the store; see stateDir() for the --state-dir / env / default order. */
  dir: string;
  /** Clock in ms since the epoch; tests pass their own. */
  now?: () => number;
}

/**
 * Something the user should see once, as one line. `not-saving` / `saving-again` track whether marks
 * reach the disk; `moved-aside` and `malformed` report a damaged state file.
 */
export interface StateWarning {
  kind: 'moved-aside' | 'malformed' | 'not-saving' | 'saving-again';
  message: string;
}

export interface ApplyResult {
  /** Edits that changed a value; empty when everything already was as asked. */
  changed: MarkEdit[];
  /** Pass to apply() to undo this change (restores the previous values of exactly what changed). */
  undo: MarkEdit[];
  /** False when the change lives only in memory because the store could not be written. */
  saved: boolean;
  /** The marks after the change (a new object whenever anything changed). */
  marks: MarkMap;
}

/**
 * The read/starred store: a conf JSON file written at once, atomically (conf → atomically: temp
 * file, fsync, rename) and under a lock file, after re-reading and merging what other paperterm
 * processes wrote (newest change per id and field wins). If the location cannot be written, marks
 * keep working in memory and a warning says so; each later change tries to save again.
 *
 * All methods are synchronous so a reducer-driven UI can call them from a key handler; `marks` is an
 * immutable snapshot that is replaced (never mutated) on change.
 */
export class StateStore {
  readonly dir: string;
  readonly path: string;
  #Conf: ConfClass;
  #conf: StateConf | undefined;
  #now: () => number;
  #records: Map<string, PaperRecord>;
  #marks: MarkMap;
  #warnings: StateWarning[] = [];
  #saveProblem: string | undefined;

  constructor(ConfCtor: ConfClass, options: StateOptions) {
    this.#Conf = ConfCtor;
    this.dir = options.dir;
    this.path = stateFilePath(options.dir);
    this.#now = options.now ?? Date.now;
    const loaded = loadStateFile(this.path, this.#now());
    this.#records = loaded.records;
    this.#marks = toMarkMap(this.#records);
    this.#warnings.push(...loaded.warnings);
    if (loaded.unusable) this.#failed(loaded.unusable);
  }

  /** Why changes are not being saved (one phrase, no trailing period), or undefined while they are. */
  get saveProblem(): string | undefined {
    return this.#saveProblem;
  }

  get marks(): MarkMap {
    return this.#marks;
  }

  /** False while changes cannot be written (they are kept in memory). */
  get saving(): boolean {
    return this.#saveProblem === undefined;
  }

  /** One-line warnings (corrupt file moved aside, cannot save…) not yet shown; each is returned once. */
  takeWarnings(): StateWarning[] {
    const w = this.#warnings;
    this.#warnings = [];
    return w;
  }

  /** Checks at once that the location is writable, so the user hears before marking, not after. */
  checkWritable(): boolean {
    try {
      withFileLock(lockPathFor(this.path), () => undefined);
      return true;
    } catch (err) {
      if (!(err instanceof LockError)) throw err;
      this.#failed(this.#cannotSave(err));
      return false;
    }
  }

  set(ids: Iterable<string>, field: MarkField, value: boolean): ApplyResult {
    return this.apply([...ids].map((id) => ({ id, field, value })));
  }

  toggle(id: string, field: MarkField): ApplyResult {
    return this.apply([{ id, field, value: !marksOf(this.#marks, id)[field] }]);
  }

  /** Applies edits in order as one change, saved before returning. */
  apply(edits: readonly MarkEdit[]): ApplyResult {
    const now = this.#now();
    try {
      const result = withFileLock(lockPathFor(this.path), () => {
        const disk = readOrMoveAsideLocked(this.path, now);
        this.#warnings.push(...disk.warnings);
        const merged = mergeRecords(disk.records, this.#records);
        const outcome = applyEdits(merged, edits, now);
        if (!recordsEqual(disk.records, outcome.records)) this.#write(encodeStateFile(outcome.records));
        return outcome;
      });
      if (this.#saveProblem !== undefined) {
        this.#warnings.push({ kind: 'saving-again', message: `marks are being saved again in ${this.dir}` });
      }
      this.#saveProblem = undefined;
      return this.#commit(result.records, result.changed, result.undo, true);
    } catch (err) {
      if (err instanceof UnusableStateError) this.#failed(err.message);
      else if (isFsError(err)) this.#failed(this.#cannotSave(err));
      else throw err;
      const outcome = applyEdits(this.#records, edits, now);
      return this.#commit(outcome.records, outcome.changed, outcome.undo, false);
    }
  }

  /** Picks up what other processes saved since (newest change wins); returns the new marks. */
  refresh(): MarkMap {
    const loaded = loadStateFile(this.path, this.#now());
    this.#warnings.push(...loaded.warnings);
    if (loaded.unusable) this.#failed(loaded.unusable);
    const merged = mergeRecords(loaded.records, this.#records);
    if (!recordsEqual(merged, this.#records)) {
      this.#records = merged;
      this.#marks = toMarkMap(merged);
    }
    return this.#marks;
  }

  #commit(records: Map<string, PaperRecord>, changed: MarkEdit[], undo: MarkEdit[], saved: boolean): ApplyResult {
    if (!recordsEqual(records, this.#records)) {
      this.#records = records;
      this.#marks = toMarkMap(records);
    }
    return { changed, undo, saved, marks: this.#marks };
  }

  #write(data: StateFileJson): void {
    this.#conf ??= new this.#Conf({
      cwd: this.dir,
      configName: CONF_CONFIG_NAME,
      // conf would throw on a bad file while constructing; we have already moved any bad file aside
      // (keeping its bytes), which conf's own clearing would not do.
      clearInvalidConfig: true,
      accessPropertiesByDotNotation: false,
    });
    this.#conf.store = data as unknown as Record<string, unknown>;
  }

  #cannotSave(err: unknown): string {
    return `cannot save marks in ${this.dir} (${describeFsError(err)})`;
  }

  #failed(reason: string): void {
    if (this.#saveProblem === undefined) {
      this.#warnings.push({ kind: 'not-saving', message: `${reason}; marks made now last only until paperterm exits` });
    }
    this.#saveProblem = reason;
  }
}

/** A system call failing (EACCES, ENOSPC…), as opposed to a bug such as ERR_INVALID_ARG_TYPE. */
function isFsError(err: unknown): boolean {
  if (err instanceof LockError) return true;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return err instanceof Error && typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

/** Opens the store for reading and writing (loads conf, which only writers need). */
export async function openStateStore(options: StateOptions & { checkWritable?: boolean }): Promise<StateStore> {
  const { default: ConfCtor } = await import('conf');
  const store = new StateStore(ConfCtor, options);
  if (options.checkWritable !== false && store.saving) store.checkWritable();
  return store;
}

export interface ReadOnlyState {
  path: string;
  marks: MarkMap;
  /** One-line messages: a damaged file moved aside, or why the store could not be read. */
  warnings: string[];
}

/** For commands that only show marks: no conf, no lock unless a bad file must be moved aside. */
export function readMarks(dir: string, now: () => number = Date.now): ReadOnlyState {
  const path = stateFilePath(dir);
  const loaded = loadStateFile(path, now());
  const warnings = loaded.warnings.map((w) => w.message);
  if (loaded.unusable) warnings.push(loaded.unusable);
  return { path, marks: toMarkMap(loaded.records), warnings };
}
