import type { AppState } from '../../shared/model/app-state.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { RegistrationStatusText } from '../../shared/ui/registration-status.tsx';
import { browser } from '../../platform/browser.ts';
import { currentPage } from '../navigation.ts';
import { lineStatusIcon } from '../../shared/model/services.ts';
import { useState } from 'preact/hooks';
import { GlobalMessagesArea } from './global-messages-area.tsx';
import { Icon } from '../../shared/ui/icons.tsx';
import { LogoutDialog } from './logout-dialog.tsx';
import { MessageWaitingIndicator } from './message-waiting-indicator.tsx';

const ICONS = { dnd: 'do-not-disturb', cfa: 'forward', busy: 'off-hook' } as const;

/**
 * The one line-status icon beside the name (DND, else forwarding, else off-hook; none when idle with no service),
 * drawn, with words for what it means as its tooltip and accessible name: the guide's red bean reads as an error to
 * a newcomer until it says "On a call".
 */
function LineStatusIcon({ state }: { state: AppState }) {
  const icon = lineStatusIcon(
    state.services,
    state.calls.some((call) => call.status !== 'Ended'),
  );
  if (icon === null) return null;
  const label =
    icon === 'dnd'
      ? t('line_status_dnd')
      : icon === 'cfa'
        ? t('line_status_forwarding_to', state.services.cfa.target)
        : t('line_status_on_call');
  return (
    <span
      class={`line-status line-status--${icon}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid="line-status"
      data-line-status={icon}
    >
      <Icon name={ICONS[icon]} />
    </span>
  );
}

/** The top of the console: who is logged in, the line's state, the global messages area and the app links. */
export function InfoPane({ state }: { state: AppState }) {
  const account = state.account?.settings;
  const name = account ? account.displayName || account.sipAddress : '';
  const [isAskingWorkspace, setAskingWorkspace] = useState(false);
  const logout = async (workspace?: 'save' | 'discard') => {
    await commandOrReport('account/logout', workspace === undefined ? {} : { workspace });
  };
  // A changed layout is saved, or not, as the receptionist says (or always, as Settings › General says).
  const onLogout = () => {
    if (state.workspace.isChanged && !state.general.alwaysSaveWorkspace) setAskingWorkspace(true);
    else void logout();
  };
  return (
    <header class="info-pane" aria-label={t('info_pane')}>
      <div class="info-pane__identity">
        <span class="info-pane__name">
          <span data-testid="user-name">{name}</span>
          <LineStatusIcon state={state} />
          <MessageWaitingIndicator state={state} />
        </span>
        <RegistrationStatusText registration={state.registration} />
      </div>
      <GlobalMessagesArea />
      <nav class="info-pane__links">
        <button type="button" class="link" onClick={() => (currentPage.value = 'settings')} data-testid="open-settings">
          {t('settings')}
        </button>
        <button
          type="button"
          class="link"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('help.html') })}
        >
          {t('help')}
        </button>
        <button type="button" class="link" onClick={onLogout} data-testid="logout">
          {t('logout')}
        </button>
      </nav>
      {isAskingWorkspace && (
        <LogoutDialog
          onAnswer={(answer) => {
            setAskingWorkspace(false);
            if (answer !== 'cancel') void logout(answer);
            else document.querySelector<HTMLButtonElement>('[data-testid="logout"]')?.focus();
          }}
        />
      )}
    </header>
  );
}
