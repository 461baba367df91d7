/**
 * The keys read before Ink is loaded must mean what they mean once Ink reads them: every sequence
 * early-keys.ts takes is named exactly as Ink's own input handling (through keymap.keyNames) names it.
 */
import { useInput } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, test } from 'vitest';
import { plainKeys } from '../src/ui/early-keys.js';
import { keyNames } from '../src/ui/reader/keymap.js';
import { tick } from './helpers/ink.js';

function Recorder({ names }: { names: string[][] }) {
  useInput((input, key) => void names.push(keyNames(input, key)));
  return null;
}

const SEQUENCES = [
  'j', 'k', 'G', 'g', ' ', '/', '?', '1', 'q', 'A', '*',
  '\u001b[A', '\u001b[B', '\u001b[C', '\u001b[D', '\u001bOA', '\u001bOB', '\u001bOC', '\u001bOD',
  '\u001b[H', '\u001b[F', '\u001bOH', '\u001bOF', '\u001b[1~', '\u001b[4~', '\u001b[5~', '\u001b[6~',
  '\r', '\t', '\u007f',
];

describe('early keys and Ink agree', () => {
  test.each(SEQUENCES.map((s) => [JSON.stringify(s), s]))('%s', async (_, seq) => {
    const names: string[][] = [];
    const ink = render(<Recorder names={names} />);
    try {
      await tick();
      ink.stdin.write(seq);
      await tick();
      expect(names).toEqual([plainKeys(seq)]);
    } finally {
      ink.unmount();
    }
  });
});
