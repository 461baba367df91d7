import { statSync } from 'node:fs';
import { writeFileAtomic as writeAtomic } from '../core/atomic-file.js';
import { describeFsError } from '../core/fs-errors.js';
import { FatalError } from './errors.js';

/**
 * Writes `text` to `file` all or nothing (see core/atomic-file.ts): on any failure an existing
 * target keeps every byte and its permissions, and the user gets one line saying nothing changed.
 */
export function writeFileAtomic(file: string, text: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch {
    // No file yet, or unreadable: the write below says why if it fails.
  }
  if (isDirectory) throw new FatalError(`${file}: is a directory`, 2);
  try {
    writeAtomic(file, text, { keepMode: true });
  } catch (err) {
    throw new FatalError(`${file}: cannot write (${describeFsError(err)}); nothing changed`, 2);
  }
}
