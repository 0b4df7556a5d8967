import { useEffect, useState } from 'preact/hooks';
import type { Call, CallAction } from '../../shared/model/call.ts';
import { command, commandOrReport } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import type { Services } from '../../shared/model/services.ts';
import type { CommandErrorPayload } from '../../shared/protocol/command-contract.ts';
import { CallKeypad } from './call-keypad.tsx';
import { CallTransfer } from './call-transfer.tsx';
import { callDropTarget, startCallDrag } from './call-drag.ts';

const LABELS: Record<CallAction, MessageKey> = {
  answer: 'call_answer',
  'hang-up': 'call_hang_up',
  hold: 'call_hold',
  resume: 'call_resume',
  mute: 'call_mute',
  unmute: 'call_unmute',
};

/** The actions that make sense for a call in its current state, in the order they are shown. */
export function actionsFor(call: Call): CallAction[] {
  switch (call.status) {
    case 'Alerting':
      return ['answer', 'hang-up'];
    case 'Active':
      return ['hold', call.isMuted ? 'unmute' : 'mute', 'hang-up'];
    case 'Held':
      return ['resume', 'hang-up'];
    case 'Dialing':
    case 'Ringing':
      return ['hang-up'];
    case 'Ended':
      return [];
  }
}

type Drawer = 'none' | 'transfer' | 'keypad';

/** Parking is a transfer to the PBX's park code, but its failure is worded as a park: with the PBX's reason when it gave one. */
function parkFailure(error: CommandErrorPayload): string {
  if (error.messageKey !== 'error_transfer_failed') return tDynamic(error.fields?.[0]?.messageKey ?? error.messageKey);
  const pbxReason = /^[3-6]\d\d\b/.test(error.detail ?? '') ? error.detail : undefined;
  return pbxReason === undefined ? t('error_park_failed') : t('error_park_failed_because', pbxReason);
}

/**
 * One call in the call console: who, state, timer, its actions (park sends it to the PBX's park code), and the
 * transfer and keypad drawers.
 */
export function CallItem({
  call,
  others,
  featureCodes,
  canConference = false,
}: {
  call: Call;
  others: readonly Call[];
  featureCodes: Services['featureCodes'];
  canConference?: boolean;
}) {
  const party = call.remoteName || call.remoteNumber;
  const [drawer, setDrawer] = useState<Drawer>('none');
  const isConnected = call.status === 'Active' || call.status === 'Held';
  // A ringing call can be sent on unanswered (to a colleague or a voicemail): no microphone needed.
  const canTransfer = isConnected || call.status === 'Alerting';
  const toggle = (next: Drawer) => setDrawer(drawer === next ? 'none' : next);
  const park = async () => {
    const result = await command('call/transfer', {
      callId: call.id,
      target: { kind: 'number', number: featureCodes.park },
    });
    if (result.ok) postGlobalMessage('info', t('call_parked', party));
    else postGlobalMessage('error', parkFailure(result.error));
  };
  // With exactly one other call connected, this one and that one can become a three-way conference.
  const connectedOthers = others.filter((other) => other.status === 'Active' || other.status === 'Held');
  const partner =
    canConference && call.status === 'Active' && connectedOthers.length === 1 ? connectedOthers[0] : undefined;
  const startConference = async (other: Call) => {
    await commandOrReport('call/conference', { action: 'start', callIds: [call.id, other.id] });
  };
  const act = async (action: CallAction) => {
    await commandOrReport('call/action', { callId: call.id, action });
  };
  return (
    <li
      class={`call call--${call.status}`}
      data-testid="call"
      data-call-id={call.id}
      data-call-status={call.status}
      aria-label={party}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setDrawer('none');
      }}
      // A connected call can be dragged onto a number or onto another call, to transfer it there.
      draggable={isConnected}
      onDragStart={(event) => startCallDrag(event, call.id)}
      {...(isConnected ? callDropTarget({ kind: 'call', callId: call.id }, party, call.id) : {})}
    >
      <div class="call__who">
        <span class="call__party">{party}</span>
        {call.remoteName !== '' && <span class="call__number">{call.remoteNumber}</span>}
      </div>
      <div class="call__state">
        <span class="call__status" data-testid="call-status">
          {tDynamic(`call_status_${call.status}`)}
          {call.isMuted && ` · ${t('call_unmute')}`}
        </span>
        {call.transferringTo !== null && (
          <span class="call__transfer">{t('call_transferring', call.transferringTo)}</span>
        )}
        {call.endReason !== null && (
          <span class="call__end-reason" data-testid="call-end-reason">
            {call.endReason}
          </span>
        )}
        {call.answeredAt !== null && <CallTimer since={call.answeredAt} />}
      </div>
      <div class="call__actions" role="group" aria-label={t('call_actions', party)}>
        {actionsFor(call).map((action) => (
          <button
            key={action}
            type="button"
            class={action === 'answer' ? 'primary' : action === 'hang-up' ? 'danger' : ''}
            data-action={action}
            onClick={() => void act(action)}
          >
            {action === 'hang-up' && call.status === 'Alerting' ? t('call_decline') : t(LABELS[action])}
          </button>
        ))}
        {canTransfer && (
          <button
            type="button"
            aria-expanded={drawer === 'transfer'}
            data-action="transfer"
            onClick={() => toggle('transfer')}
          >
            {t('call_transfer')}
          </button>
        )}
        {isConnected && (
          <>
            <button
              type="button"
              aria-expanded={drawer === 'keypad'}
              data-action="keypad"
              onClick={() => toggle('keypad')}
            >
              {t('call_keypad')}
            </button>
            <button type="button" data-action="park" onClick={() => void park()}>
              {t('call_park')}
            </button>
            {partner !== undefined && (
              <button type="button" data-action="conference" onClick={() => void startConference(partner)}>
                {t('call_conference_with', partner.remoteName || partner.remoteNumber)}
              </button>
            )}
          </>
        )}
      </div>
      {canTransfer && drawer === 'transfer' && (
        <CallTransfer
          call={call}
          others={others}
          voicemailPrefix={featureCodes.voicemailTransfer}
          onDone={() => setDrawer('none')}
        />
      )}
      {isConnected && drawer === 'keypad' && <CallKeypad call={call} />}
    </li>
  );
}

function CallTimer({ since }: { since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <time class="call__timer" dateTime={`PT${seconds}S`} data-testid="call-timer">
      {text}
    </time>
  );
}
