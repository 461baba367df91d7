// The reader's o / y / Y / c Effects carried out: OSC 52 for a copy (wrapped for tmux or screen),
// the platform's opener for a link (a copy instead over SSH or without a display), then the
// footer's confirmation through the session.
import type { CopyEffect, Effect, OpenEffect } from '../reader/session.js';
import { copyToClipboard } from '../terminal/osc.js';
import { describeOutcome, openLink, type OpenLinkOptions } from './open-link.js';

export type LinkEffect = CopyEffect | OpenEffect;

export function isLinkEffect(effect: Effect): effect is LinkEffect {
  return typeof effect === 'object';
}

export interface LinkEffectDeps {
  /** Writes bytes to the terminal as they are, outside the frames (an OSC 52 draws nothing). */
  write(bytes: string): void;
  /** The footer's confirmation: ReaderSession.notify. */
  notify(text: string, warning?: boolean): void;
  env: NodeJS.ProcessEnv;
  /** For tests: the opener, the platform. */
  open?: Omit<OpenLinkOptions, 'env'>;
}

/** Does what the effect says; resolves once the footer says what happened. Never throws. */
export async function performLinkEffect(effect: LinkEffect, deps: LinkEffectDeps): Promise<void> {
  if (effect.kind === 'copy') {
    deps.write(copyToClipboard(effect.text, deps.env));
    return deps.notify(effect.note);
  }
  const outcome = await openLink(effect.url, { ...deps.open, env: deps.env });
  if (outcome.kind === 'copy') deps.write(copyToClipboard(effect.url, deps.env));
  deps.notify(describeOutcome(outcome), outcome.kind === 'copy' && outcome.why === 'failed');
}
