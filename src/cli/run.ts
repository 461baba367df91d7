import { terminalLine } from '../core/terminal-text.js';
import { processIo } from './io.js';
import { main } from './main.js';

/** Process entry: wires stdout/stderr, survives a closed pipe (`paperterm list | head`), sets the exit code. */
export function run(argv: string[]): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
  main(argv, processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`paperterm: internal error: ${terminalLine(err instanceof Error ? err.message : String(err))}\n`);
      process.exitCode = 70;
    },
  );
}
