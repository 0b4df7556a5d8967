import type { StateMirror } from '../shared/ui/state-mirror.ts';
import { DialBox } from '../shared/ui/dial-box.tsx';
import { t } from '../shared/ui/i18n-signal.ts';
import { RegistrationStatusText } from '../shared/ui/registration-status.tsx';
import { MicrophoneBanner } from '../shared/ui/microphone-banner.tsx';
import { openConsole } from './open-console.ts';

/** The toolbar popup: the line's state at a glance, a quick dial, and the way to the full console. */
export function PopupView({ mirror }: { mirror: StateMirror }) {
  const state = mirror.state.value;
  if (state === null) return <p role="status">{t('app_loading')}</p>;
  const account = state.account?.settings;
  return (
    <main class="popup" data-testid="popup">
      <MicrophoneBanner />
      <section aria-label={t('line_status')} class="popup__status">
        <span class="popup__name" data-testid="user-name">
          {account ? account.displayName || account.sipAddress : t('account_not_set')}
        </span>
        <RegistrationStatusText registration={state.registration} />
      </section>
      <DialBox autoFocus />
      <button type="button" class="primary" onClick={() => void openConsole()} data-testid="open-console">
        {t('popup_open_console')}
      </button>
    </main>
  );
}
