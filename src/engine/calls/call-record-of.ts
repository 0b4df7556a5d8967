import type { Invitation } from 'sip.js';
import { CONNECTION_LOST, type Call, type SignalingDetails } from '../../shared/model/call.ts';
import type { CallOutcome, CallRecord } from '../../shared/model/call-record.ts';

/** What became of a ringing call: the receptionist declined it or sent it on unanswered, or another phone took it. */
export type EndedBy = 'declined' | 'deflected' | 'elsewhere' | null;

/** The history row for a call that has just ended. */
export function recordOf(call: Call, endedBy: EndedBy, endedAt: number): CallRecord {
  const isAnswered = call.answeredAt !== null;
  const outcome: CallOutcome =
    call.direction === 'incoming'
      ? isAnswered
        ? 'answered'
        : endedBy === 'declined'
          ? 'declined'
          : endedBy === 'deflected' || endedBy === 'elsewhere'
            ? endedBy
            : 'missed'
      : isAnswered
        ? 'answered'
        : call.endReason !== null
          ? 'failed'
          : 'cancelled';
  return {
    id: call.id,
    direction: call.direction,
    // Answered, then lost with the connection: cut off, not a normal end.
    outcome: isAnswered && call.endReason === CONNECTION_LOST ? 'interrupted' : outcome,
    remoteName: call.remoteName,
    remoteNumber: call.remoteNumber,
    startedAt: call.createdAt,
    answeredAt: call.answeredAt,
    endedAt,
    endReason: call.endReason,
    signaling: call.signaling,
  };
}

/** The headers the call trace shows, as received (bounded: a hostile peer may send anything). */
export function signalingOf(invitation: Invitation): SignalingDetails {
  const request = invitation.request;
  const bounded = (text: string | undefined, length: number) => (text ?? '').slice(0, length);
  const pai = request.getHeader('p-asserted-identity');
  return {
    from: bounded(request.getHeader('from'), 512),
    pAssertedIdentity: pai === undefined ? null : bounded(pai, 512),
    callId: bounded(request.callId, 256),
  };
}
