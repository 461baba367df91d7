import { safeJson, terminalText } from '../core/terminal-text.js';

/**
 * Where a command writes; tests pass their own (createIo over strings) to capture output without a
 * process. This is the CLI's one boundary to the terminal: every human line written through `out`
 * and `err` is passed through terminalText (newlines kept), so a title, an abstract or a file name
 * can never drive the terminal, whichever command prints it. `json` writes machine output exactly
 * (safeJson: C1 controls and bidi overrides \u-escaped, the values unchanged) and is never altered.
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** One JSON document on stdout, indented by two spaces, followed by a newline. */
  json(value: unknown): void;
  /**
   * A document on stdout (export): made safe as `out` is, except that its own CRLF line ends (CSV
   * uses them) are kept. A JSON document from safeJson passes unchanged.
   */
  document(text: string): void;
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}

/** The raw byte sinks behind an Io; nothing else may write to them. */
export interface RawStreams {
  stdout(text: string): void;
  stderr(text: string): void;
}

export function createIo(raw: RawStreams, context: Pick<Io, 'env' | 'stdinIsTTY' | 'stdoutIsTTY'>): Io {
  return {
    out: (t) => raw.stdout(terminalText(t, true)),
    err: (t) => raw.stderr(terminalText(t, true)),
    json: (value) => raw.stdout(`${safeJson(value, 2)}\n`),
    document: (t) => raw.stdout(t.includes('\r\n') ? t.split('\r\n').map((line) => terminalText(line, true)).join('\r\n') : terminalText(t, true)),
    env: context.env,
    stdinIsTTY: context.stdinIsTTY,
    stdoutIsTTY: context.stdoutIsTTY,
  };
}

export function processIo(): Io {
  return createIo(
    { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) },
    { env: process.env, stdinIsTTY: Boolean(process.stdin.isTTY), stdoutIsTTY: Boolean(process.stdout.isTTY) },
  );
}
