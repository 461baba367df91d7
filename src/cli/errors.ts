/** A mistake in how paperterm was called: shown as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure the user must act on (nothing loaded, unknown id…): one line, the given exit code. */
export class FatalError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'FatalError';
  }
}
