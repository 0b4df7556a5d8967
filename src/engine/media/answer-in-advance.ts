import { SessionState, type Invitation } from 'sip.js';
import { PromptSessionDescriptionHandler } from './prompt-session-description-handler.ts';

/** sip.js makes a session's description handler when it first needs one (a protected method, called ahead here). */
interface MakesItsHandler {
  setupSessionDescriptionHandler(): unknown;
}

/**
 * Makes a ringing call's answer ahead of the receptionist's click (`PromptSessionDescriptionHandler#prepareAnswer`),
 * with the modifiers its answer will use. An INVITE without an offer (the offer comes with the ACK), or one sip.js is
 * already answering or has ended, is answered as before.
 */
export function prepareAnswerInAdvance(invitation: Invitation): void {
  const request = invitation.request;
  const contentType = request.getHeader('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  // A handler already made: sip.js is answering the call already (the reception queue answers at once).
  const isRinging = invitation.state === SessionState.Initial && invitation.sessionDescriptionHandler === undefined;
  if (contentType !== 'application/sdp' || request.body === '' || !isRinging) return;
  const handler = (invitation as unknown as MakesItsHandler).setupSessionDescriptionHandler();
  if (handler instanceof PromptSessionDescriptionHandler) {
    handler.prepareAnswer(request.body, invitation.sessionDescriptionHandlerModifiers);
  }
}
