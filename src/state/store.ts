import type Conf from 'conf';
import { currentIdentity, lockPathFor, loadStateFile, readOrMoveAsideLocked, UnusableStateError, type FileIdentity } from './disk.js';
import { serializeStateFile, STATE_FILE_VERSION } from './file-format.js';
import { describeDirProblem } from './dir-problem.js';
import { CONF_CONFIG_NAME, stateFilePath } from './location.js';
import { LockError, withFileLock } from './lock.js';
import { applyEdits, mergeRecords, recordsEqual, toMarkMap, withChangedMarks, type EditOutcome } from './records.js';
import type { MarkSnapshot } from './snapshot.js';
import { MARK_FIELDS, marksOf, type MarkEdit, type MarkField, type MarkMap, type PaperRecord, type Records, type Stamp } from './types.js';

type ConfClass = typeof Conf;
type StateConf = Conf<Record<string, unknown>>;

/** What is handed to conf: our serializer writes the records, one paper per line. */
interface ConfValue {
  version: number;
  records: Records;
  __internal__: Record<string, never>;
}

export interface StateOptions {
  /** Directory of the store; see stateDir() for the --state-dir / env / default order. */
  dir: string;
  /** Clock in ms since the epoch; tests pass their own. */
  now?: () => number;
}

/**
 * Something the user should see once, as one line. `not-saving` / `saving-again` track whether marks
 * reach the disk; `damaged` (found on reading), `moved-aside` (on the first change) and `malformed`
 * report a damaged state file.
 */
export interface StateWarning {
  kind: 'moved-aside' | 'malformed' | 'damaged' | 'not-saving' | 'saving-again';
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
  /** Our working copy, changed in place; never handed out (marks is the immutable view). */
  #records: Map<string, PaperRecord>;
  #marks: MarkSnapshot;
  #warnings: StateWarning[] = [];
  #saveProblem: string | undefined;
  /** The file version our records were last read from or written as; undefined = unknown. */
  #seen: FileIdentity | undefined;
  /** Records hold changes the file lacks (made while it could not be written). */
  #dirty = false;

  constructor(ConfCtor: ConfClass, options: StateOptions) {
    this.#Conf = ConfCtor;
    this.dir = options.dir;
    this.path = stateFilePath(options.dir);
    this.#now = options.now ?? Date.now;
    const loaded = loadStateFile(this.path);
    this.#records = loaded.records;
    this.#seen = loaded.identity;
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
    return this.#commit(now, (records) => applyEdits(records, edits, now));
  }

  /**
   * Merges marks from elsewhere (another machine's export) by the rule every write uses: the newest
   * change per paper and field wins, an unmark included. `changed` lists the fields whose value
   * changed; a newer stamp of the same value is kept quietly. Importing the same marks twice
   * changes nothing the second time.
   */
  importRecords(incoming: Records): ApplyResult {
    return this.#commit(this.#now(), (records) => {
      const changed: MarkEdit[] = [];
      const undo: MarkEdit[] = [];
      let stamps = false;
      for (const [id, theirs] of incoming) {
        const before = records.get(id);
        // As mergeRecords, except that a tie keeps ours: the same change seen twice.
        const next: { read?: Stamp; starred?: Stamp } = {};
        for (const field of MARK_FIELDS) {
          const a = before?.[field];
          const b = theirs[field];
          const winner = !a ? b : !b ? a : b.at > a.at ? b : a;
          if (winner) next[field] = winner;
          if (winner !== a) {
            stamps = true;
            if ((winner?.value ?? false) !== (a?.value ?? false)) {
              changed.push({ id, field, value: winner?.value ?? false });
              undo.push({ id, field, value: a?.value ?? false });
            }
          }
        }
        if (next.read !== before?.read || next.starred !== before?.starred) records.set(id, next);
      }
      return { changed, undo, stamps };
    });
  }

  /**
   * Runs one change under the lock: re-reads what other processes wrote, applies `change` to the
   * working copy, writes it. Without the lock or the disk, the change is kept in memory.
   */
  #commit(now: number, change: (records: Map<string, PaperRecord>) => EditOutcome & { stamps?: boolean }): ApplyResult {
    let remerged = false;
    let outcome: EditOutcome;
    let failure: unknown;
    const run = (): EditOutcome => {
      const result = change(this.#records);
      if (result.changed.length > 0 || result.stamps) this.#dirty = true;
      return result;
    };
    try {
      [outcome, failure] = withFileLock(lockPathFor(this.path), (): [EditOutcome, unknown] => {
        // Re-read only if someone else wrote since we last read or wrote the file.
        if (this.#seen === undefined || currentIdentity(this.path) !== this.#seen) {
          const disk = readOrMoveAsideLocked(this.path, now);
          this.#warnings.push(...disk.warnings);
          remerged = this.#mergeFromDisk(disk.records, disk.identity);
        }
        const result = run();
        if (!this.#dirty) return [result, undefined];
        try {
          this.#write(this.#records);
          this.#seen = currentIdentity(this.path);
          this.#dirty = false;
          return [result, undefined];
        } catch (err) {
          return [result, err];
        }
      });
    } catch (err) {
      // Nothing was applied yet: the lock or the file could not be used.
      failure = err;
      outcome = run();
    }
    if (failure === undefined) {
      if (this.#saveProblem !== undefined) {
        this.#warnings.push({ kind: 'saving-again', message: `marks are being saved again in ${this.dir}` });
      }
      this.#saveProblem = undefined;
    } else if (failure instanceof UnusableStateError) this.#failed(failure.message);
    else if (isFsError(failure)) this.#failed(this.#cannotSave(failure));
    else throw failure;

    if (remerged) this.#marks = toMarkMap(this.#records);
    else if (outcome.changed.length > 0) this.#marks = withChangedMarks(this.#marks, this.#records, outcome.changed);
    return { changed: outcome.changed, undo: outcome.undo, saved: failure === undefined, marks: this.#marks };
  }

  /** Picks up what other processes saved since (newest change wins); returns the new marks. */
  refresh(): MarkMap {
    const loaded = loadStateFile(this.path);
    this.#warnings.push(...loaded.warnings);
    if (loaded.unusable) this.#failed(loaded.unusable);
    if (this.#mergeFromDisk(loaded.records, loaded.identity)) this.#marks = toMarkMap(this.#records);
    return this.#marks;
  }

  /** Folds the disk's records into ours; true if that changed ours (the marks must be rebuilt). */
  #mergeFromDisk(disk: Records, identity: FileIdentity | undefined): boolean {
    const merged = mergeRecords(disk, this.#records);
    const changed = !recordsEqual(merged, this.#records);
    this.#dirty = !recordsEqual(disk, merged);
    this.#records = merged;
    this.#seen = identity;
    return changed;
  }

  #write(records: Records): void {
    this.#conf ??= new this.#Conf({
      cwd: this.dir,
      configName: CONF_CONFIG_NAME,
      // conf would throw on a bad file while constructing; any bad file has already been moved aside
      // (keeping its bytes), which conf's own clearing would not do.
      clearInvalidConfig: true,
      accessPropertiesByDotNotation: false,
      serialize: (value) => serializeStateFile((value as unknown as ConfValue).records),
    });
    // conf re-reads and parses the whole file before each write only to carry over its own
    // `__internal__` (migrations) key, unless the new value has one. We write no such key (our
    // serializer writes only the records), so an empty one spares that full parse per keypress.
    const value: ConfValue = { version: STATE_FILE_VERSION, records, __internal__: {} };
    this.#conf.store = value as unknown as Record<string, unknown>;
  }

  #cannotSave(err: unknown): string {
    return `cannot save marks in ${this.dir} (${describeDirProblem(this.dir, err)})`;
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
  /** One-line messages: a damaged or newer file (left as it is), or why the store could not be read. */
  warnings: string[];

  /** Every field's last change, unmarks included (what `marks export` writes). */
  records: Records;
}

/** For commands that only show marks: no conf, no lock, nothing on disk changed whatever is found. */
export function readMarks(dir: string): ReadOnlyState {
  const path = stateFilePath(dir);
  const loaded = loadStateFile(path);
  const warnings = loaded.warnings.map((w) => w.message);
  if (loaded.unusable) warnings.push(loaded.unusable);
  return { path, marks: toMarkMap(loaded.records), records: loaded.records, warnings };
}
