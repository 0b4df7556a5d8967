import type { Call } from '../../shared/model/call.ts';
import type { Lamp } from '../../shared/model/lamp.ts';
import { parkSlotsOf } from '../../shared/model/services.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { StateBadge } from '../../shared/ui/state-badge.tsx';
import { ElapsedTime } from '../../shared/ui/elapsed-time.tsx';
import { callDropTarget } from '../calls/call-drag.ts';
import { transferableCall } from '../contacts/contact-actions.tsx';
import { useLineLamp } from './line-lamps.ts';
import type { CallId } from '../../shared/model/call.ts';

/** Whether a slot's lamp says someone waits there (any call at the slot is a parked caller). */
function isOccupied(lamp: Lamp | undefined): boolean {
  return lamp !== undefined && (lamp.state === 'talking' || lamp.state === 'held' || lamp.state === 'ringing');
}

async function parkOn(callId: CallId, slot: string, party: string): Promise<void> {
  const result = await commandOrReport('call/transfer', { callId, target: { kind: 'park', slot } });
  if (result.ok) postGlobalMessage('info', t('park_slot_parked', party, slot));
}

async function retrieve(slot: string): Promise<void> {
  await commandOrReport('call/dial', { target: slot });
}

/**
 * The PBX's park slots (Settings › Services), each a lamp: free, or who waits there and for how long. The call in
 * progress is parked on a free slot with its button (or dropped on it); an occupied slot's button takes the caller
 * back, from this console or any other, with their name and number. Each slot follows its own lamp.
 */
export function ParkSlots({ slotsSetting, calls }: { slotsSetting: string; calls: readonly Call[] }) {
  const slots = parkSlotsOf(slotsSetting);
  if (slots.length === 0) return null;
  const call = transferableCall(calls);
  return (
    <section class="park-slots" aria-label={t('park_slots')} data-testid="park-slots">
      <h3 class="section-title">{t('park_slots')}</h3>
      <ul class="park-slots__list">
        {slots.map((slot) => (
          <ParkSlot key={slot} slot={slot} call={call} calls={calls} />
        ))}
      </ul>
    </section>
  );
}

function ParkSlot({ slot, call, calls }: { slot: string; call: Call | undefined; calls: readonly Call[] }) {
  const { lamp, peerName } = useLineLamp(slot);
  const occupied = isOccupied(lamp);
  const party = call === undefined ? '' : call.remoteName || call.remoteNumber;
  const since = occupied ? (lamp?.since ?? null) : null;
  return (
    <li
      class="park-slot"
      data-testid="park-slot"
      data-slot={slot}
      data-visual-state={
        occupied
          ? 'parked'
          : lamp === undefined || lamp.state === 'unknown' || lamp.state === 'offline'
            ? 'offline'
            : 'idle'
      }
      aria-label={t('park_slot', slot)}
      {...(occupied
        ? {}
        : callDropTarget({ kind: 'park', slot }, slot, undefined, (callId) => {
            const dropped = calls.find((each) => each.id === callId);
            void parkOn(callId, slot, dropped === undefined ? '' : dropped.remoteName || dropped.remoteNumber);
          }))}
    >
      <span class="park-slot__number">{slot}</span>
      <StateBadge
        state={occupied ? 'parked' : 'idle'}
        text={occupied ? (peerName ?? lamp?.peer ?? t('park_slot_occupied')) : t('park_slot_free')}
      />
      {since !== null && <ElapsedTime class="park-slot__timer" since={since} />}
      {occupied ? (
        <IconButton
          icon="answer"
          label={t('park_slot_retrieve', slot)}
          onClick={() => void retrieve(slot)}
          data-action="park-retrieve"
        />
      ) : (
        call !== undefined && (
          <IconButton
            icon="park"
            label={t('park_slot_park_here', party, slot)}
            onClick={() => void parkOn(call.id, slot, party)}
            data-action="park-here"
          />
        )
      )}
    </li>
  );
}
