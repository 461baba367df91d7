import { BINDINGS, type Command, type Mode } from './bindings.js';

/** Mode and key name to command, built once from BINDINGS: the first binding listed wins. */
const INDEX = new Map<string, Command>();
for (const b of BINDINGS) {
  for (const mode of b.modes) {
    for (const key of b.keys) {
      const slot = `${mode}\u0000${key}`;
      if (!INDEX.has(slot)) INDEX.set(slot, b.command);
    }
  }
}

export function commandFor(mode: Mode, key: string): Command | undefined {
  return INDEX.get(`${mode}\u0000${key}`);
}

