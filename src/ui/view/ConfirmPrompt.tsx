import { keysFor } from '../reader/keymap.js';
import { sanitize } from '../terminal/text.js';
import type { Styled } from './segments.js';
import type { Theme } from './theme.js';

/** A y/n question ("Mark 12 papers read? y/n"), drawn in the footer while it is asked. */
export function confirmSegments(question: string, theme: Theme): Styled[] {
  return [
    { text: ` ${sanitize(question)} `, style: theme.warning },
    { text: `${keysFor('confirm', 'confirmYes', 1)}/${keysFor('confirm', 'confirmNo', 1)}`, style: theme.key },
  ];
}
