import type { EngineOptions } from '../../shared/protocol/engine-commands.ts';

/** What to do with a call arriving, before it rings. */
export type IncomingDecision =
  | { readonly kind: 'refuse'; readonly statusCode: 486 | 480 }
  | { readonly kind: 'forward'; readonly target: string; readonly hasRingSplash: boolean }
  | { readonly kind: 'answer-after'; readonly seconds: number }
  | { readonly kind: 'answer-now' }
  | { readonly kind: 'ring' };

/**
 * The incoming-call policy, in order: Do Not Disturb kept by the console refuses the call (486 busy or 480
 * unavailable); forwarding kept by the console sends it on (302) with a short ring if asked; an intercom call
 * (`answer-after`) is answered after its delay; auto answer takes it when the receptionist is free; else it rings.
 */
export function decideIncoming(options: EngineOptions, isFree: boolean, answerAfter: number | null): IncomingDecision {
  const { doNotDisturb, forwardTo, hasRingSplash } = options.incoming;
  if (doNotDisturb !== null) return { kind: 'refuse', statusCode: doNotDisturb === 'busy' ? 486 : 480 };
  if (forwardTo !== null) return { kind: 'forward', target: forwardTo, hasRingSplash };
  if (options.honourAnswerAfter && answerAfter !== null) return { kind: 'answer-after', seconds: answerAfter };
  if (options.autoAnswer && isFree) return { kind: 'answer-now' };
  return { kind: 'ring' };
}
