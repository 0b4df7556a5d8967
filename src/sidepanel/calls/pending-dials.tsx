import type { PendingDial } from '../../shared/model/click-to-call.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import type { MessageKey } from '../../shared/i18n.ts';

const REASON_WORDS: Record<PendingDial['reason'], MessageKey> = {
  international: 'click_to_call_reason_international',
  premium: 'click_to_call_reason_premium',
  'sip-address': 'click_to_call_reason_sip_address',
};

/**
 * Calls a web page asked for that need the receptionist's yes first (another country, a premium-rate line, a SIP address): the
 * number, the site, why, and Call / Cancel. Nothing is dialled until Call.
 */
export function PendingDials({ pending }: { pending: readonly PendingDial[] }) {
  if (pending.length === 0) return null;
  const answer = async (id: string, accept: boolean) => {
    await commandOrReport('click-to-call/answer-pending', { id, accept });
  };
  return (
    <section class="pending-dials" aria-label={t('click_to_call_requests')} data-testid="pending-dials">
      {pending.map((entry) => (
        <div
          key={entry.id}
          class="pending-dial"
          role="alertdialog"
          aria-labelledby={`pending-${entry.id}`}
          data-testid="pending-dial"
        >
          <p id={`pending-${entry.id}`}>
            <strong>{t('click_to_call_confirm_title')}</strong>{' '}
            {t('click_to_call_confirm_message', entry.number, entry.site || '—', t(REASON_WORDS[entry.reason]))}
          </p>
          <div class="pending-dial__actions">
            <button
              type="button"
              class="primary"
              onClick={() => void answer(entry.id, true)}
              data-testid="pending-dial-call"
            >
              {t('click_to_call_confirm_call')}
            </button>
            <button type="button" onClick={() => void answer(entry.id, false)} data-testid="pending-dial-cancel">
              {t('cancel')}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
