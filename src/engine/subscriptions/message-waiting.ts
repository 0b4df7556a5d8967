import type { VoicemailSummary } from '../../shared/model/voicemail.ts';
import { parseMessageSummary } from './message-summary.ts';
import type { SubscriptionSpec } from './subscription-keeper.ts';

/**
 * The message-waiting indicator: a `message-summary` subscription (RFC 3842) to the receptionist's own address, kept
 * while registered. A PBX without voicemail refuses it, and is asked again less and less often (10 min at most).
 */
export const MESSAGE_WAITING: SubscriptionSpec<VoicemailSummary> = {
  event: 'message-summary',
  accept: 'application/simple-message-summary',
  expiresSeconds: 3600,
  parse: parseMessageSummary,
};
