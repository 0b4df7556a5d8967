import type { StateMirror } from '../shared/ui/state-mirror.ts';
import { t } from '../shared/ui/i18n-signal.ts';
import { MicrophoneBanner } from '../shared/ui/microphone-banner.tsx';
import { currentPage } from './navigation.ts';
import { useCallMessages } from './call-messages.ts';
import type { Call } from '../shared/model/call.ts';

const NO_CALLS: readonly Call[] = [];
import { ConsoleView } from './views/console-view.tsx';
import { LoginView, needsLogin } from './views/login-view.tsx';
import { SettingsView } from './views/settings-view.tsx';

export function App({ mirror }: { mirror: StateMirror }) {
  const state = mirror.state.value;
  useCallMessages(state?.calls ?? NO_CALLS);
  if (state === null) {
    return (
      <p class="loading" role="status">
        {t('app_loading')}
      </p>
    );
  }
  return (
    <>
      <MicrophoneBanner problem={state.microphone} />
      {!mirror.isConnected.value && (
        <p class="banner banner--floating" role="status" data-testid="background-reconnecting">
          {t('app_reconnecting_background')}
        </p>
      )}
      {currentPage.value === 'settings' ? (
        <SettingsView state={state} />
      ) : needsLogin(state) ? (
        <LoginView state={state} />
      ) : (
        <ConsoleView state={state} />
      )}
    </>
  );
}
