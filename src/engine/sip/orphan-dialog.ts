import { Core, UserAgent, type Session } from 'sip.js';
import type { Logger } from '../../shared/log.ts';
import type { OrphanDialog } from '../calls/call-journal.ts';

/**
 * The CSeq of the BYE sits this far above the last one journaled: a re-INVITE the engine sent after its last
 * journal write still leaves the BYE above it (RFC 3261 §12.2.2 refuses only a lower CSeq, never a gap).
 */
const CSEQ_MARGIN = 100;
/** How long the far end has to answer the BYE before the engine stops waiting (a non-INVITE transaction's 32 s). */
const BYE_TIMEOUT_MS = 32_000;

/** The confirmed dialog of a session, as the call journal keeps it; null while ringing or once it ended. */
export function orphanDialogOf(session: Session): OrphanDialog | null {
  // The API types the dialog as an interface without its route set and CSeq; the object is the core's dialog.
  const dialog = session.dialog;
  if (!(dialog instanceof Core.Dialog) || dialog.early) return null;
  return {
    callId: dialog.callId,
    localTag: dialog.localTag,
    remoteTag: dialog.remoteTag,
    localUri: dialog.localURI.toString(),
    remoteUri: dialog.remoteURI.toString(),
    remoteTarget: dialog.remoteTarget.toString(),
    routeSet: [...dialog.routeSet],
    localSequenceNumber: dialog.localSequenceNumber ?? 0,
  };
}

/**
 * Ends a dialog that an engine before this one left open (its far end is still on the line, hearing nothing): a BYE
 * built from the journaled dialog, sent through this user agent. Resolves with the far end's answer, or why none.
 */
export function endOrphanDialog(userAgent: UserAgent, dialog: OrphanDialog, log: Logger): Promise<string> {
  const target = UserAgent.makeURI(dialog.remoteTarget);
  const from = UserAgent.makeURI(dialog.localUri);
  const to = UserAgent.makeURI(dialog.remoteUri);
  if (target === undefined || from === undefined || to === undefined) {
    log.warn(`cannot end the dialog ${dialog.callId}: its addresses are not SIP URIs`);
    return Promise.resolve('unreadable');
  }
  const core = userAgent.userAgentCore;
  const message = core.makeOutgoingRequestMessage('BYE', target, from, to, {
    callId: dialog.callId,
    cseq: dialog.localSequenceNumber + CSEQ_MARGIN,
    fromTag: dialog.localTag,
    toTag: dialog.remoteTag,
    routeSet: dialog.routeSet,
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => settle('no answer'), BYE_TIMEOUT_MS);
    const settle = (outcome: string) => {
      clearTimeout(timer);
      log.info(`ended the dialog ${dialog.callId} left by the engine before: ${outcome}`);
      resolve(outcome);
    };
    const answered = (response: { message: { statusCode?: number } }) => settle(String(response.message.statusCode));
    core.request(message, { onAccept: answered, onReject: answered, onRedirect: answered });
  });
}
