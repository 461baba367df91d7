import { terminalLine } from '../../core/terminal-text.js';
import { resolveIds } from '../../state/resolve-ids.js';
import type { MarkField } from '../../state/types.js';
import { parseCommandArgs } from '../args.js';
import { FatalError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { loadPapersOrFail } from '../load-or-fail.js';
import { openStoreForCli, printStoreWarnings, STATE_OPTIONS } from './state-opts.js';

interface MarkVerb {
  field: MarkField;
  value: boolean;
  done: string;
  already: string;
}

const VERBS = {
  read: { field: 'read', value: true, done: 'marked read', already: 'already read' },
  unread: { field: 'read', value: false, done: 'marked unread', already: 'already unread' },
  star: { field: 'starred', value: true, done: 'starred', already: 'already starred' },
  unstar: { field: 'starred', value: false, done: 'unstarred', already: 'already not starred' },
} as const satisfies Record<string, MarkVerb>;

export type MarkCommandName = keyof typeof VERBS;

export const MARK_HELP = `paperterm read|unread|star|unstar ID... [--digests PATH]... [--state-dir DIR]
  Change marks from scripts. ID is the 12-hex-digit id from paperterm list, or a unique prefix of
  4 or more digits. Ids are checked against the loaded papers (default paths, or --digests PATH,
  repeatable); if any id is unknown nothing is changed and the exit code is 2.`;

function markCommand(name: MarkCommandName) {
  const verb: MarkVerb = VERBS[name];
  return async (argv: string[], io: Io): Promise<number> => {
    const { values, positionals } = parseCommandArgs(argv, {
      digests: { type: 'string', multiple: true },
      ...STATE_OPTIONS,
    });
    if (positionals.length === 0) throw new UsageError(`${name} needs at least one paper id`);
    const digests = (values.digests as string[] | undefined) ?? [];
    const { papers } = loadPapersOrFail(digests, io);
    const resolved = resolveIds(papers, positionals);
    if (resolved.problems.length) throw new FatalError(`${resolved.problems.join('; ')}; nothing changed`, 2);

    const store = await openStoreForCli(values, io);
    const result = store.set(
      resolved.papers.map((p) => p.id),
      verb.field,
      verb.value,
    );
    printStoreWarnings(store, io);
    if (!result.saved) throw new FatalError(`${store.saveProblem ?? 'cannot save marks'}; nothing changed`, 1);
    const changed = new Set(result.changed.map((e) => e.id));
    for (const p of resolved.papers) io.out(`${changed.has(p.id) ? verb.done : verb.already}: ${p.id}  ${terminalLine(p.title)}\n`);
    return 0;
  };
}

export const MARK_COMMANDS: Record<MarkCommandName, (argv: string[], io: Io) => Promise<number>> = {
  read: markCommand('read'),
  unread: markCommand('unread'),
  star: markCommand('star'),
  unstar: markCommand('unstar'),
};
