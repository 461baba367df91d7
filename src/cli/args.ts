import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import { nearest } from './suggest.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * parseArgs takes `-1` after `--limit` for an option of its own and reports the value as
 * "ambiguous"; a value that reads as a negative number is joined to its option (`--limit=-1`), so
 * the option's own check can say what is wrong with it.
 */
function joinNegativeValues(argv: readonly string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : Object.keys(options).find((k) => arg === `-${options[k]!.short}`);
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** node:util parseArgs, with its errors turned into one-line usage errors. */
export function parseCommandArgs(argv: string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const dashValue = /^Option '(-[^']*)' argument is ambiguous/.exec(msg);
    if (dashValue) throw new UsageError(`${dashValue[1]} needs a value (for a value that starts with '-', write ${dashValue[1]}=VALUE)`);
    // parseArgs messages run several sentences ("… To specify a positional argument …"); keep the first.
    const first = msg.split(/\.\s|\n/)[0]!.replace(/\.$/, '');
    const unknown = /^Unknown option '--([^'=]+)'/.exec(first)?.[1];
    const near = unknown !== undefined ? nearest(unknown, ['help', ...Object.keys(options)]) : undefined;
    throw new UsageError(near ? `${first}; did you mean \`--${near}\`?` : first);
  }
}

export function intOption(value: unknown, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} needs a whole number of at least ${min}, not '${String(value)}'`);
  return n;
}
