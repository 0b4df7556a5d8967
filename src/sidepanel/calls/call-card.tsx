import { ElapsedTime } from '../../shared/ui/elapsed-time.tsx';
import { useState } from 'preact/hooks';
import { CONNECTION_LOST, type Call, type CallAction } from '../../shared/model/call.ts';
import { command } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import { Icon, type IconName } from '../../shared/ui/icons.tsx';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { MenuButton } from '../../shared/ui/menu.tsx';
import { StateBadge } from '../../shared/ui/state-badge.tsx';
import { useCommand } from '../../shared/ui/use-command.ts';
import { visualStateOfCall } from '../../shared/ui/visual-state.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import type { CallerIdentity } from '../../shared/model/contact.ts';
import type { Services } from '../../shared/model/services.ts';
import type { CommandErrorPayload } from '../../shared/protocol/command-contract.ts';
import { CallKeypad } from './call-keypad.tsx';
import { CallTransfer } from './call-transfer.tsx';
import { callCardDropTarget, startCallDrag } from './call-drag.ts';

const LABELS: Record<CallAction, MessageKey> = {
  answer: 'call_answer',
  'hang-up': 'call_hang_up',
  hold: 'call_hold',
  resume: 'call_resume',
  mute: 'call_mute',
  unmute: 'call_unmute',
};

const ICONS: Record<CallAction, IconName> = {
  answer: 'answer',
  'hang-up': 'hang-up',
  hold: 'hold',
  resume: 'resume',
  mute: 'mute',
  unmute: 'unmute',
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

/** The actions shown large, with their words: answer, and hang up (or decline). */
const PRIMARY: ReadonlySet<CallAction> = new Set(['answer', 'hang-up']);

type Drawer = 'none' | 'transfer' | 'keypad';

/** Parking is a transfer to the PBX's park code, but its failure is worded as a park: with the PBX's reason when it gave one. */
function parkFailure(error: CommandErrorPayload): string {
  if (error.messageKey !== 'error_transfer_failed') return tDynamic(error.fields?.[0]?.messageKey ?? error.messageKey);
  const pbxReason = /^[3-6]\d\d\b/.test(error.detail ?? '') ? error.detail : undefined;
  return pbxReason === undefined ? t('error_park_failed') : t('error_park_failed_because', pbxReason);
}

/**
 * One call in the call console, as a card: its state in colour, icon and words with the live timer; who, in large
 * type, and the number; to whom it is being transferred; then the actions — answer or hang up large, with words, at
 * the card's start, the others as icon buttons — and the transfer and keypad drawers. A ringing call is pinned in
 * view while the list scrolls.
 */
export function CallCard({
  call,
  identity,
  others,
  featureCodes,
  canConference = false,
}: {
  call: Call;
  /** Who the number is in the directories, when one knows it. */
  identity?: (CallerIdentity & { directoryLabel: string }) | undefined;
  others: readonly Call[];
  featureCodes: Services['featureCodes'];
  canConference?: boolean;
}) {
  const party = identity?.name ?? (call.remoteName || call.remoteNumber);
  const [drawer, setDrawer] = useState<Drawer>('none');
  const action = useCommand('call/action');
  const conference = useCommand('call/conference');
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
  const actions = actionsFor(call);
  const labelOf = (each: CallAction) =>
    each === 'hang-up' && call.status === 'Alerting' ? t('call_decline') : t(LABELS[each]);
  const status = tDynamic(`call_status_${call.status}`);
  // Answer and hang up (or decline) are large and worded: answer first, hang up at the far end of the row.
  const primaryButton = (each: CallAction) => (
    <button
      key={each}
      type="button"
      class={`call-card__primary call-card__primary--${each} ${each === 'answer' ? 'answer' : 'danger'}`}
      data-action={each}
      disabled={action.isPending}
      onClick={() => void action.run({ callId: call.id, action: each })}
    >
      <Icon name={ICONS[each]} />
      {labelOf(each)}
    </button>
  );
  return (
    <li
      class={`call-card call-card--${call.status}`}
      data-visual-state={visualStateOfCall(call)}
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
      // A call dropped on it joins the two (connected calls); a contact dropped on it is where it goes.
      {...(canTransfer ? callCardDropTarget(call.id, party, isConnected) : {})}
    >
      <div class="call-card__head">
        <StateBadge
          state={visualStateOfCall(call)}
          text={call.isMuted ? `${status} · ${t('call_muted')}` : status}
          testId="call-status"
        />
        {call.answeredAt !== null && <CallTimer since={call.answeredAt} />}
      </div>
      <div class="call-card__who">
        <span class="call-card__name" data-testid="call-party">
          {party}
        </span>
        {party !== call.remoteNumber && (
          <span class="call-card__number">
            {call.remoteNumber}
            {identity !== undefined && <span data-testid="call-directory"> · {identity.directoryLabel}</span>}
          </span>
        )}
      </div>
      {call.transferringTo !== null && (
        <p class="call-card__note" data-testid="call-transferring">
          <Icon name="transfer" /> {t('call_transferring', call.transferringTo)}
        </p>
      )}
      {call.recalledFrom !== null && (
        <p class="call-card__note call-card__note--recalled" data-testid="call-recalled" role="status">
          <Icon name="redial" /> {t('call_recalled', call.recalledFrom)}
        </p>
      )}
      {call.endReason !== null && (
        <p class="call-card__note call-card__note--error" data-testid="call-end-reason">
          {call.endReason === CONNECTION_LOST ? t('call_connection_lost') : call.endReason}
        </p>
      )}
      {actions.length > 0 && (
        <div class="call-card__actions" role="group" aria-label={t('call_actions', party)}>
          {actions.includes('answer') && primaryButton('answer')}
          {actions
            .filter((each) => !PRIMARY.has(each))
            .map((each) => (
              <IconButton
                key={each}
                icon={ICONS[each]}
                label={labelOf(each)}
                data-action={each}
                disabled={action.isPending}
                onClick={() => void action.run({ callId: call.id, action: each })}
              />
            ))}
          {canTransfer && (
            <IconButton
              icon="transfer"
              label={t('call_transfer')}
              aria-expanded={drawer === 'transfer'}
              data-action="transfer"
              onClick={() => toggle('transfer')}
            />
          )}
          {isConnected && (
            <>
              <IconButton
                icon="keypad"
                label={t('call_keypad')}
                aria-expanded={drawer === 'keypad'}
                data-action="keypad"
                onClick={() => toggle('keypad')}
              />
              <MenuButton
                icon="more"
                label={t('call_more', party)}
                testId="call-more"
                entries={[
                  { kind: 'action', icon: 'park', label: t('call_park'), action: 'park', onSelect: () => void park() },
                  ...(partner === undefined
                    ? []
                    : [
                        {
                          kind: 'action' as const,
                          icon: 'conference' as const,
                          label: t('call_conference_with', partner.remoteName || partner.remoteNumber),
                          action: 'conference',
                          isDisabled: conference.isPending,
                          onSelect: () => void conference.run({ action: 'start', callIds: [call.id, partner.id] }),
                        },
                      ]),
                ]}
              />
            </>
          )}
          {actions.includes('hang-up') && primaryButton('hang-up')}
        </div>
      )}
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

export function CallTimer({ since }: { since: number }) {
  return <ElapsedTime class="call-card__timer" since={since} testId="call-timer" />;
}
