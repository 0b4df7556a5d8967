import type { Session } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import { CommandError } from '../../shared/protocol/command-contract.ts';

const DTMF_DURATION_MS = 100;
const DTMF_GAP_MS = 70;

export type DtmfMode = 'rfc4733' | 'info';

/** DTMF in the media (RFC 4733, through the peer connection's DTMF sender) or as SIP INFO (application/dtmf-relay). */
export async function sendDtmf(session: Session, digits: string, mode: DtmfMode): Promise<void> {
  if (mode === 'rfc4733') {
    const handler = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    const sender = handler?.peerConnection?.getSenders().find((candidate) => candidate.dtmf !== null)?.dtmf;
    if (sender?.canInsertDTMF === true) {
      // insertDTMF replaces what is still queued: append, so digits pressed in quick succession all go out.
      sender.insertDTMF(sender.toneBuffer + digits, DTMF_DURATION_MS, DTMF_GAP_MS);
      return;
    }
    // No WebRTC sender (signaling-only media in tests): the handler's own method says whether it can.
    if (handler?.sendDtmf(digits, { duration: DTMF_DURATION_MS, interToneGap: DTMF_GAP_MS }) !== true) {
      throw new CommandError({ code: 'failed', messageKey: 'error_dtmf_failed' });
    }
    return;
  }
  for (const digit of digits) {
    await session.info({
      requestOptions: {
        body: {
          contentDisposition: 'render',
          contentType: 'application/dtmf-relay',
          content: `Signal=${digit}\r\nDuration=${DTMF_DURATION_MS}`,
        },
      },
    });
  }
}
