import type { Session } from 'sip.js';
import { SessionState as DialogState } from 'sip.js/lib/core';

/** How long to wait for the ACK of a call just answered before changing it (sip.js retransmits the 200 meanwhile). */
const ACK_WAIT_MS = 4_000;

/** Sends a re-INVITE; resolves with null once accepted, or with the status code that refused it. */
export function reInvite(session: Session): Promise<number | null> {
  return new Promise((resolve, reject) => {
    session
      .invite({
        requestDelegate: {
          onAccept: () => resolve(null),
          onReject: (response) => resolve(response.message.statusCode ?? 0),
        },
      })
      .catch(reject);
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
