import { useState } from 'preact/hooks';
import type { Call, TransferTarget } from '../../shared/model/call.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { transferCall } from './call-drag.ts';

/**
 * Transfer one call: blind, to a number typed here; straight to that extension's voicemail (the PBX's
 * transfer-to-voicemail code before it); or attended, to the party of another call in progress (the receptionist
 * has announced the caller to them). The command resolves when the transfer succeeded or failed.
 */
export function CallTransfer({
  call,
  others,
  voicemailPrefix,
  onDone,
}: {
  call: Call;
  others: readonly Call[];
  voicemailPrefix: string;
  onDone: () => void;
}) {
  const [number, setNumber] = useState('');
  const [isBusy, setBusy] = useState(false);
  const inputId = `transfer-${call.id}`;

  const transfer = async (target: TransferTarget, label: string) => {
    setBusy(true);
    const isDone = await transferCall(call.id, target, label);
    setBusy(false);
    if (isDone) onDone();
  };

  // Attended transfer joins two connected calls; a ringing call goes on blind only.
  const isConnected = call.status === 'Active' || call.status === 'Held';
  const candidates = isConnected ? others.filter((other) => other.status === 'Active' || other.status === 'Held') : [];
  return (
    <div class="call-transfer" data-testid="call-transfer">
      <form
        class="dial-box"
        onSubmit={(event) => {
          event.preventDefault();
          void transfer({ kind: 'number', number }, number.trim());
        }}
      >
        <label for={inputId}>{t('call_transfer_to')}</label>
        <input
          id={inputId}
          type="text"
          inputMode="tel"
          value={number}
          autoFocus
          onInput={(event) => setNumber(event.currentTarget.value)}
        />
        <button type="submit" disabled={isBusy} data-action="transfer-blind">
          {t('call_transfer_blind')}
        </button>
        <button
          type="button"
          disabled={isBusy || number.trim() === ''}
          data-action="transfer-voicemail"
          onClick={() =>
            void transfer(
              { kind: 'number', number: voicemailPrefix + number.trim() },
              t('call_transfer_voicemail_of', number.trim()),
            )
          }
        >
          {t('call_transfer_voicemail')}
        </button>
      </form>
      {candidates.map((other) => {
        const party = other.remoteName || other.remoteNumber;
        return (
          <button
            key={other.id}
            type="button"
            disabled={isBusy}
            data-action="transfer-attended"
            data-target-call-id={other.id}
            onClick={() => void transfer({ kind: 'call', callId: other.id }, party)}
          >
            {t('call_transfer_attended', party)}
          </button>
        );
      })}
      <button type="button" class="link" onClick={onDone}>
        {t('cancel')}
      </button>
    </div>
  );
}
