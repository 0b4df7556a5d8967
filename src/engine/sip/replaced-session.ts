import { Inviter, SessionState, type Invitation, type Session } from 'sip.js';

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
  if (replaced instanceof Inviter && replaced.state === SessionState.Establishing) await replaced.cancel();
  else if (replaced.state === SessionState.Established) await replaced.bye();
}
