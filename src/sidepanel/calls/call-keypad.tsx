import type { Call } from '../../shared/model/call.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** A DTMF keypad for one call (menus, voicemail PINs); digits typed on the keyboard work too. */
export function CallKeypad({ call }: { call: Call }) {
  const send = async (digits: string) => {
    await commandOrReport('call/dtmf', { callId: call.id, digits });
  };
  return (
    <div
      class="keypad"
      role="group"
      aria-label={t('call_keypad_digits')}
      data-testid="keypad"
      onKeyDown={(event) => {
        if (/^[0-9*#]$/.test(event.key)) {
          event.preventDefault();
          void send(event.key);
        }
      }}
    >
      {KEYS.map((key) => (
        <button key={key} type="button" data-digit={key} onClick={() => void send(key)}>
          {key}
        </button>
      ))}
    </div>
  );
}
