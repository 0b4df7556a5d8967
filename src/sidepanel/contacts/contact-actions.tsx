import type { Call } from '../../shared/model/call.ts';
import type { Lamp } from '../../shared/model/lamp.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { transferCall } from '../calls/call-drag.ts';
import { pickUp } from '../lamps/pick-up.ts';

/** The call a contact's buttons transfer: the connected one, when there is exactly one to choose. */
export function transferableCall(calls: readonly Call[]): Call | undefined {
  const connected = calls.filter(
    (call) => call.status === 'Active' || call.status === 'Held' || call.status === 'Alerting',
  );
  return connected.find((call) => call.status === 'Active') ?? (connected.length === 1 ? connected[0] : undefined);
}

export async function dialContact(number: string, name: string): Promise<void> {
  const result = await commandOrReport('call/dial', { target: number });
  if (result.ok) postGlobalMessage('info', t('call_placed', name));
}

export async function transferTo(call: Call, number: string, name: string): Promise<void> {
  await transferCall(call.id, { kind: 'number', number }, name);
}

/**
 * What can be done with a colleague from their row or their lamp tile: Pick up while their line rings, Call, and
 * Transfer the call in progress to them. `actionPrefix` names the buttons (`contact-call`, `lamp-call`…).
 */
export function ContactCallActions({
  name,
  number,
  lamp,
  call,
  actionPrefix,
}: {
  name: string;
  number: string | undefined;
  lamp: Lamp | undefined;
  call: Call | undefined;
  actionPrefix: 'contact' | 'lamp';
}) {
  return (
    <>
      {lamp?.state === 'ringing' && (
        <IconButton
          icon="pickup"
          label={t('lamp_pick_up', name)}
          onClick={() => void pickUp(lamp, name)}
          data-action={`${actionPrefix}-pick-up`}
        />
      )}
      {number !== undefined && (
        <IconButton
          icon="answer"
          label={t('contact_call', name)}
          onClick={() => void dialContact(number, name)}
          data-action={`${actionPrefix}-call`}
        />
      )}
      {number !== undefined && call !== undefined && (
        <IconButton
          icon="transfer"
          label={t('contact_transfer', name)}
          onClick={() => void transferTo(call, number, name)}
          data-action={`${actionPrefix}-transfer`}
        />
      )}
    </>
  );
}
