import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import { nearest } from './suggest.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** node:util parseArgs, with its errors turned into one-line usage errors. */
export function parseCommandArgs(argv: string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
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
