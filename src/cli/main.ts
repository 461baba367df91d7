import { existsSync } from 'node:fs';
import { parseCommandArgs } from './args.js';
import { listCommand, LIST_HELP } from './commands/list.js';
import { MARK_COMMANDS, MARK_HELP } from './commands/mark.js';
import { STATE_HELP, STATE_OPTIONS, stateDirFromArgs } from './commands/state-opts.js';
import { SEARCH_HELP, searchCommand } from './commands/search.js';
import { SIMILAR_HELP, similarCommand } from './commands/similar.js';
import { terminalLine } from '../core/terminal-text.js';
import { FatalError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { packageVersion } from './version.js';
import { SHOW_HELP, showCommand } from './commands/show.js';
import { EXPORT_HELP, exportCommand } from './commands/export.js';
import { STATS_HELP, statsCommand } from './commands/stats.js';
import { MARKS_HELP, marksCommand } from './commands/marks.js';
import { nearest } from './suggest.js';

const HELP = `paperterm — a keyboard-first terminal reader for AI-paper digests

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

type Command = (argv: string[], io: Io) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  list: listCommand,
  show: showCommand,
  export: exportCommand,
  stats: statsCommand,
  marks: marksCommand,
  ...MARK_COMMANDS,
  search: searchCommand,
  similar: similarCommand,
};

async function defaultCommand(argv: string[], io: Io): Promise<number> {
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
    io.out(`${HELP}\n`);
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
  if (query !== undefined) return searchCommand([...state, '--', query, ...positionals], io);
  return listCommand([...state, '--', ...positionals], io);
}

/** `paperterm COMMAND --help`; a command missing here gets the whole help. */
const COMMAND_HELP: Record<string, string> = {
  list: LIST_HELP,
  read: MARK_HELP,
  unread: MARK_HELP,
  star: MARK_HELP,
  unstar: MARK_HELP,
  search: SEARCH_HELP,
  show: SHOW_HELP,
  export: EXPORT_HELP,
  stats: STATS_HELP,
  marks: MARKS_HELP,
};

/** The help for one command (the whole help for a command without its own, or for none). */
function helpFor(command: string | undefined): string {
  const help = command === undefined ? undefined : COMMAND_HELP[command];
  return help ? `${help}\n  ${STATE_HELP.split('\n').join('\n  ')}\n` : `${HELP}\n`;
}

/** Runs one invocation; returns the exit code. User mistakes become one stderr line, never a trace. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [first, ...rest] = argv;
    // `paperterm help [COMMAND]`, as git and npm answer it; a digest file named help is ./help.
    if (first === 'help') {
      const topic = rest.find((a) => !a.startsWith('-'));
      if (topic !== undefined && !(topic in COMMANDS)) throw new UsageError(`no command '${topic}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
      io.out(helpFor(topic));
      return 0;
    }
    const command = first !== undefined ? COMMANDS[first] : undefined;
    if (command) {
      const end = rest.indexOf('--');
      const own = end < 0 ? rest : rest.slice(0, end);
      if (own.includes('--help') || own.includes('-h')) {
        io.out(helpFor(first));
        return 0;
      }
      return await command(rest, io);
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
