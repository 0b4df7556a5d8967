import { useEffect, useRef } from 'preact/hooks';
import { CONNECTION_LOST, type Call } from '../../shared/model/call.ts';
import { postGlobalMessage, type GlobalMessageLevel } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';

export interface CallMessage {
  readonly level: GlobalMessageLevel;
  readonly text: string;
}

function party(call: Call): string {
  return call.remoteName !== '' && call.remoteName !== call.remoteNumber
    ? `${call.remoteName} (${call.remoteNumber})`
    : call.remoteNumber;
}

/**
 * What the global messages area says as calls change (the guide: "information about incoming calls, warnings and
 * errors"): a call starting to ring here, a call placed that connected or failed — the latter replace the
 * "Calling …" said when it was placed (once it has been readable), so that message never outlives the attempt.
 */
export function callMessages(previous: readonly Call[], next: readonly Call[]): CallMessage[] {
  const before = new Map(previous.map((call) => [call.id, call]));
  const messages: CallMessage[] = [];
  for (const call of next) {
    const old = before.get(call.id);
    if (old === undefined && call.direction === 'incoming' && call.status === 'Alerting') {
      messages.push({ level: 'info', text: t('message_incoming_call', party(call)) });
    } else if (
      call.direction === 'outgoing' &&
      call.status === 'Active' &&
      old !== undefined &&
      old.answeredAt === null
    ) {
      messages.push({ level: 'info', text: t('message_call_connected', party(call)) });
    } else if (call.status === 'Ended' && call.endReason === CONNECTION_LOST && old?.status !== 'Ended') {
      messages.push({ level: 'error', text: t('message_call_lost', party(call)) });
    } else if (
      call.direction === 'outgoing' &&
      call.status === 'Ended' &&
      call.endReason !== null &&
      old?.status !== 'Ended'
    ) {
      messages.push({ level: 'error', text: t('message_call_failed', party(call), call.endReason) });
    }
  }
  return messages;
}

/** Posts the call messages for each change of the calls the console sees. */
export function useCallMessages(calls: readonly Call[]): void {
  const previous = useRef<readonly Call[] | null>(null);
  useEffect(() => {
    // From the first snapshot on: a console opened while a call rings says so too.
    for (const message of callMessages(previous.current ?? [], calls)) postGlobalMessage(message.level, message.text);
    previous.current = calls;
  }, [calls]);
}
