import type { Call } from '../../shared/model/call.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { transferCall } from '../calls/call-drag.ts';
import { useLineLamp } from '../lamps/line-lamps.ts';
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
  line,
  call,
  actionPrefix,
}: {
  name: string;
  number: string | undefined;
  /** The colleague's watched line (its lamp says when there is a call to pick up). */
  line: string | null;
  call: Call | undefined;
  actionPrefix: 'contact' | 'lamp';
}) {
  return (
    <>
      <PickUpAction name={name} line={line} actionPrefix={actionPrefix} />
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

/** Pick up, while the colleague's line rings: drawn again alone as their lamp changes. */
function PickUpAction({ name, line, actionPrefix }: { name: string; line: string | null; actionPrefix: string }) {
  const { lamp } = useLineLamp(line);
  if (lamp?.state !== 'ringing') return null;
  return (
    <IconButton
      icon="pickup"
      label={t('lamp_pick_up', name)}
      onClick={() => void pickUp(lamp, name)}
      data-action={`${actionPrefix}-pick-up`}
    />
  );
}
