import { Inviter, SessionState, type Invitation, type Session } from 'sip.js';

/** The Reason of a CANCEL for a call another phone took (RFC 3326): the phone it rang at does not count it missed. */
export const ANSWERED_ELSEWHERE = 'Reason: SIP;cause=200;text="Call completed elsewhere"';

/** Whether a CANCEL's Reason says the call was answered elsewhere (cause 200). */
export function isAnsweredElsewhere(reason: string | undefined): boolean {
  return reason !== undefined && /^\s*SIP\s*;(?:.*;)?\s*cause\s*=\s*200\b/i.test(reason);
}

/**
 * Answers an INVITE with Replaces and ends the session it replaces (RFC 3891 §3: the replaced dialog ends once the
 * new one is up). sip.js 0.21.2 does the ending itself after `accept()` with a BYE it never awaits
 * (`lib/api/invitation.js` `accept`): for a replaced call still ringing there is no dialog to BYE, so that promise
 * rejects unhandled and the ringing INVITE is never cancelled. So the replaced session is taken from sip.js before
 * answering and ended here, as fits its state: cancelled while it rings, hung up once connected.
 */
export async function acceptReplacing(
  invitation: Invitation,
  options: Parameters<Invitation['accept']>[0],
): Promise<void> {
  const replaced = invitation.replacee;
  (invitation as unknown as { _replacee: Session | undefined })._replacee = undefined;
  await invitation.accept(options);
  if (replaced === undefined) return;
  if (replaced instanceof Inviter && replaced.state === SessionState.Establishing)
    await replaced.cancel({ extraHeaders: [ANSWERED_ELSEWHERE] });
  else if (replaced.state === SessionState.Established) await replaced.bye();
}
