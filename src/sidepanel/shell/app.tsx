import { useEffect, useMemo } from 'preact/hooks';
import type { Call } from '../../shared/model/call.ts';
import type { StateMirror } from '../../shared/ui/state-mirror.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { MicrophoneBanner } from '../../shared/ui/microphone-banner.tsx';
import { useCallMessages } from '../calls/call-messages.ts';
import { WatchedLampsContext, watchedLampsOf } from '../lamps/line-lamps.ts';
import { SettingsView } from '../settings/settings-view.tsx';
import { consoleStateOf } from './console-state.ts';
import { ConsoleView } from './console-view.tsx';
import { isConsoleWindow, reportConsoleWindowBounds } from './console-window-reporter.ts';
import { LoginView, needsLogin } from './login-view.tsx';
import { currentPage } from './navigation.ts';
import { InterruptionBanner } from './interruption-banner.tsx';

const NO_CALLS: readonly Call[] = [];

/** The side panel's page (also the console in a tab or its own window): login, the console, or settings. */
export function App({ mirror }: { mirror: StateMirror }) {
  // The page follows every slice but the lamps; the lamps reach the views that show them by line.
  const consoleState = useMemo(() => consoleStateOf(mirror.state), [mirror]);
  const watchedLamps = useMemo(() => watchedLampsOf(mirror.state), [mirror]);
  const state = consoleState.value;
  useCallMessages(state?.calls ?? NO_CALLS);
  useEffect(() => (isConsoleWindow() ? reportConsoleWindowBounds() : undefined), []);
  if (state === null) {
    return (
      <p class="loading" role="status">
        {t('app_loading')}
      </p>
    );
  }
  return (
    <WatchedLampsContext.Provider value={watchedLamps}>
      <MicrophoneBanner problem={state.microphone} />
      <InterruptionBanner interruption={state.interruption} />
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
    </WatchedLampsContext.Provider>
  );
}
