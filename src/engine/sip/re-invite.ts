import type { Session } from 'sip.js';
import { SessionState as DialogState } from 'sip.js/lib/core';

/** How long to wait for the ACK of a call just answered before changing it (sip.js retransmits the 200 meanwhile). */
const ACK_WAIT_MS = 4_000;

/**
 * What sip.js says when an offer/answer exchange is already under way in the dialog — ours, or the far end's
 * re-INVITE that crossed ours (RFC 3261 §14.1: wait for it to finish). The same situation as a 491 from the far end.
 */
const EXCHANGE_IN_PROGRESS = [/ongoing re-INVITE (client|server) transaction/, /Reinvite in progress/];
/** The status a crossing exchange is reported as: 491 Request Pending, which the caller retries after a while. */
const REQUEST_PENDING = 491;

/**
 * Sends a re-INVITE; resolves with null once accepted, or with the status code that refused it (491 too when an
 * exchange was already under way here, so the caller's retry covers both ends' glare).
 */
export function reInvite(session: Session): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const settleThrown = (error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      if (EXCHANGE_IN_PROGRESS.some((pattern) => pattern.test(text))) resolve(REQUEST_PENDING);
      else reject(error instanceof Error ? error : new Error(text));
    };
    try {
      session
        .invite({
          requestDelegate: {
            onAccept: () => resolve(null),
            onReject: (response) => resolve(response.message.statusCode ?? 0),
          },
        })
        .catch(settleThrown);
    } catch (error) {
      settleThrown(error);
    }
  });
}

/**
 * Waits for the ACK of a call just answered: a re-INVITE (hold) sent before it would cross the answer's offer/answer
 * exchange (RFC 3261 §14.1 forbids a new offer while one is pending).
 */
export async function untilAcknowledged(session: Session): Promise<void> {
  const deadline = Date.now() + ACK_WAIT_MS;
  while (session.dialog?.sessionState === DialogState.AckWait && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
