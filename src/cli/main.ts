import { existsSync } from 'node:fs';
import { parseCommandArgs } from './args.js';
import { terminalLine } from '../core/terminal-text.js';
import { FatalError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { packageVersion } from './version.js';
import { nearest } from './suggest.js';

type Command = (argv: string[], io: Io) => number | Promise<number>;

/** A command's code and its `COMMAND --help` text (none: the whole help is shown). */
interface CommandModule {
  run: Command;
  help?: string;
}

const markCommand = (name: 'read' | 'unread' | 'star' | 'unstar') => async (): Promise<CommandModule> => {
  const m = await import('./commands/mark.js');
  return { run: m.MARK_COMMANDS[name], help: m.MARK_HELP };
};

// Each command's module is imported when that command runs: one command never pays for loading
// the others (search engine, exporters, state store, string-width...). Names are all known here,
// for did-you-mean.
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  list: async () => {
    const m = await import('./commands/list.js');
    return { run: m.listCommand, help: m.LIST_HELP };
  },
  show: async () => {
    const m = await import('./commands/show.js');
    return { run: m.showCommand, help: m.SHOW_HELP };
  },
  export: async () => {
    const m = await import('./commands/export.js');
    return { run: m.exportCommand, help: m.EXPORT_HELP };
  },
  stats: async () => {
    const m = await import('./commands/stats.js');
    return { run: m.statsCommand, help: m.STATS_HELP };
  },
  marks: async () => {
    const m = await import('./commands/marks.js');
    return { run: m.marksCommand, help: m.MARKS_HELP };
  },
  read: markCommand('read'),
  unread: markCommand('unread'),
  star: markCommand('star'),
  unstar: markCommand('unstar'),
  search: async () => {
    const m = await import('./commands/search.js');
    return { run: m.searchCommand, help: m.SEARCH_HELP };
  },
  similar: async () => {
    const m = await import('./commands/similar.js');
    return { run: m.similarCommand, help: m.SIMILAR_HELP };
  },
};

/** The whole help: imports every command for its usage lines (only `--help` pays for that). */
async function fullHelp(): Promise<string> {
  const [list, show, exp, stats, marks, mark, search, similar, state] = await Promise.all([
    import('./commands/list.js'),
    import('./commands/show.js'),
    import('./commands/export.js'),
    import('./commands/stats.js'),
    import('./commands/marks.js'),
    import('./commands/mark.js'),
    import('./commands/search.js'),
    import('./commands/similar.js'),
    import('./commands/state-opts.js'),
  ]);
  const LIST_HELP = list.LIST_HELP;
  const SHOW_HELP = show.SHOW_HELP;
  const EXPORT_HELP = exp.EXPORT_HELP;
  const STATS_HELP = stats.STATS_HELP;
  const MARKS_HELP = marks.MARKS_HELP;
  const MARK_HELP = mark.MARK_HELP;
  const SEARCH_HELP = search.SEARCH_HELP;
  const SIMILAR_HELP = similar.SIMILAR_HELP;
  const STATE_HELP = state.STATE_HELP;
  return `paperterm — a keyboard-first terminal reader for AI-paper digests

Usage:
  paperterm [PATH...] [--no-color] [--no-hyperlinks] [--no-mouse] [--query QUERY]
                                     open the reader (plain list when not in a terminal);
                                     press ? in it for the keys. NO_COLOR also turns colour off;
                                     --no-hyperlinks (or TERM=dumb) shows links as plain text.
                                     --no-mouse leaves the mouse to the terminal (no wheel or
                                     clicks in the reader; plain drag selects text)
                                     --query starts with that search applied (no terminal: prints
                                     what paperterm search QUERY prints)
  ${LIST_HELP.split('\n').join('\n  ')}
  ${SHOW_HELP.split('\n').join('\n  ')}
  ${EXPORT_HELP.split('\n').join('\n  ')}
  ${STATS_HELP.split('\n').join('\n  ')}
  ${MARKS_HELP.split('\n').join('\n  ')}
  paperterm COMMAND --help            that command's help
  ${MARK_HELP.split('\n').join('\n  ')}
  ${SEARCH_HELP.split('\n').join('\n  ')}
  ${SIMILAR_HELP.split('\n').join('\n  ')}
  paperterm help [COMMAND] | --help | --version

PATH is a digest file or a directory of *.txt digests (a file named like a command: ./help). With
no PATH: the directories in $PAPERTERM_DIGESTS (colon-separated), else the bundled sample-data/.

Every command takes:
  ${STATE_HELP.split('\n').join('\n  ')}

A PATH of - reads a digest from stdin (cat digest.txt | paperterm list -).
Exit codes: 0 done, 1 nothing matched (search, export), 2 usage or input error.`;
}

async function defaultCommand(argv: string[], io: Io): Promise<number> {
  const { STATE_OPTIONS, stateDirFromArgs } = await import('./commands/state-opts.js');
  const { values, positionals } = parseCommandArgs(argv, {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'V' },
    'no-color': { type: 'boolean' },
    'no-mouse': { type: 'boolean' },
    'no-hyperlinks': { type: 'boolean' },
    query: { type: 'string' },
    ...STATE_OPTIONS,
  });
  if (values.help) {
    io.out(`${await fullHelp()}\n`);
    return 0;
  }
  if (values.version) {
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  const query = typeof values.query === 'string' && values.query.trim() !== '' ? values.query : undefined;
  if (io.stdinIsTTY && io.stdoutIsTTY) {
    const stateDir = stateDirFromArgs(values, io);
    // Loaded on demand so `paperterm list` and pipes never pay for React and Ink.
    const { readerCommand } = await import('./commands/reader.js');
    return readerCommand(
      positionals,
      { noColor: Boolean(values['no-color']), noHyperlinks: Boolean(values['no-hyperlinks']), noMouse: Boolean(values['no-mouse']), stateDir, query },
      io,
    );
  }
  // No terminal: what the reader would have listed, as the matching command prints it.
  const flag = values['state-dir'];
  const state = typeof flag === 'string' ? ['--state-dir', flag] : [];
  if (query !== undefined) return (await COMMANDS.search!()).run([...state, '--', query, ...positionals], io);
  return (await COMMANDS.list!()).run([...state, '--', ...positionals], io);
}

/** The help for one command (the whole help for a command without its own, or for none). */
async function helpFor(command: string | undefined): Promise<string> {
  const load = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  const help = load ? (await load()).help : undefined;
  if (!help) return `${await fullHelp()}\n`;
  const { STATE_HELP } = await import('./commands/state-opts.js');
  return `${help}\n  ${STATE_HELP.split('\n').join('\n  ')}\n`;
}

/** Runs one invocation; returns the exit code. User mistakes become one stderr line, never a trace. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [first, ...rest] = argv;
    // `paperterm help [COMMAND]`, as git and npm answer it; a digest file named help is ./help.
    if (first === 'help') {
      const topic = rest.find((a) => !a.startsWith('-'));
      if (topic !== undefined && !Object.hasOwn(COMMANDS, topic)) throw new UsageError(`no command '${topic}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
      io.out(await helpFor(topic));
      return 0;
    }
    const load = first !== undefined && Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (load) {
      const end = rest.indexOf('--');
      const own = end < 0 ? rest : rest.slice(0, end);
      if (own.includes('--help') || own.includes('-h')) {
        io.out(await helpFor(first));
        return 0;
      }
      return await (await load()).run(rest, io);
    }
    if (first !== undefined && /^[a-z][a-z-]*$/.test(first) && !existsSync(first)) {
      // Not a command, and not a digest path either: most likely a slip of the fingers.
      const near = nearest(first, Object.keys(COMMANDS));
      if (near) throw new UsageError(`'${first}' is not a command or a file; did you mean \`${near}\`?`);
    }
    return await defaultCommand(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`paperterm: ${terminalLine(err.message)} (see paperterm --help)\n`);
      return 2;
    }
    if (err instanceof FatalError) {
      io.err(`paperterm: ${terminalLine(err.message)}\n`);
      return err.exitCode;
    }
    const detail = err instanceof Error ? err.message : String(err);
    io.err(`paperterm: internal error: ${terminalLine(detail.split('\n')[0]!)}\n`);
    if (io.env.PAPERTERM_DEBUG && err instanceof Error) io.err(`${err.stack}\n`);
    return 70;
  }
}
