import { writeFileAtomic } from './atomic-write.js';
import type { Io } from './io.js';

/** Writes a command's document to stdout, or with `-o FILE` atomically to FILE (`-o -` is stdout). */
export function writeOutput(io: Io, file: string | undefined, text: string): void {
  if (file === undefined || file === '-') io.document(text);
  else writeFileAtomic(file, text);
}
