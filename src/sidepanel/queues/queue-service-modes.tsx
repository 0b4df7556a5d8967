import { useState } from 'preact/hooks';
import type { CallQueue } from '../../shared/model/call-queue.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { NumberForm } from './number-form.tsx';

/**
 * A call center's service modes the receptionist may switch (a supervisor's right on the PBX): night service by
 * hand, and forced forwarding of every new caller to a number (asked for in a small form). The PBX's event says when
 * it took effect; the mode badge follows it.
 */
export function QueueServiceModes({ queue }: { queue: CallQueue }) {
  const [isAskingNumber, setIsAskingNumber] = useState(false);
  const isNight = queue.mode === 'night' || queue.isNightServiceForced;
  const isForwarding = queue.mode === 'forced-forwarding';
  const switchForwarding = (isActive: boolean, number = '') =>
    void commandOrReport('queues/service-mode', { queueId: queue.id, mode: 'forced-forwarding', isActive, number });
  return (
    <>
      <IconButton
        icon="bell"
        label={t(isNight ? 'queue_night_off' : 'queue_night_on')}
        aria-pressed={isNight}
        onClick={() =>
          void commandOrReport('queues/service-mode', { queueId: queue.id, mode: 'night', isActive: !isNight })
        }
        testId="queue-night"
      />
      <IconButton
        icon="forward"
        label={t(isForwarding ? 'queue_forwarding_off' : 'queue_forwarding_on')}
        aria-pressed={isForwarding}
        aria-expanded={isForwarding ? undefined : isAskingNumber}
        onClick={() => (isForwarding ? switchForwarding(false) : setIsAskingNumber(!isAskingNumber))}
        testId="queue-forwarding"
      />
      {isAskingNumber && !isForwarding && (
        <NumberForm
          class="queue__forwarding"
          label={t('queue_forwarding_to')}
          submitLabel={t('queue_forwarding_on')}
          testId="queue-forwarding-number"
          onNumber={(number) => {
            setIsAskingNumber(false);
            switchForwarding(true, number);
          }}
        />
      )}
    </>
  );
}
