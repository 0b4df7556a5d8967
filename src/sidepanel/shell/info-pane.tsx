import { useState } from 'preact/hooks';
import type { ConsoleState } from './console-state.ts';
import { lineStatusIcon } from '../../shared/model/services.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { Icon } from '../../shared/ui/icons.tsx';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { RegistrationStatusText } from '../../shared/ui/registration-status.tsx';
import { browser } from '../../platform/browser.ts';
import { currentPage } from './navigation.ts';
import { GlobalMessageLine, RecentMessages } from './global-messages-area.tsx';
import { LogoutDialog } from './logout-dialog.tsx';
import { MessageWaitingIndicator } from './message-waiting-indicator.tsx';
import { isConsoleWindow } from './console-window-reporter.ts';

const ICONS = { dnd: 'do-not-disturb', cfa: 'forward', busy: 'off-hook' } as const;

/**
 * The one line-status icon beside the name (DND, else forwarding, else off-hook; none when idle with no service),
 * drawn, with words for what it means as its tooltip and accessible name: the guide's red bean reads as an error to
 * a newcomer until it says "On a call".
 */
function LineStatusIcon({ state }: { state: ConsoleState }) {
  const icon = lineStatusIcon(
    state.services,
    state.calls.some((call) => call.status !== 'Ended') || state.callsElsewhere.length > 0,
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

/**
 * The top of the console: who is logged in and the line's state, the global messages area in the middle (as the
 * guide has it), and the application's tools — recent messages, the console in its own window, settings, help,
 * logout — as icon buttons that never wrap, even at 320 px.
 */
export function InfoPane({ state }: { state: ConsoleState }) {
  const account = state.account?.settings;
  const name = account ? account.displayName || account.sipAddress : '';
  const [isAskingWorkspace, setAskingWorkspace] = useState(false);
  const [isRecentOpen, setRecentOpen] = useState(false);
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
          <span class="info-pane__user" data-testid="user-name">
            {name}
          </span>
          <LineStatusIcon state={state} />
          <MessageWaitingIndicator state={state} />
        </span>
        <RegistrationStatusText registration={state.registration} />
      </div>
      <GlobalMessageLine onRecall={() => setRecentOpen(true)} />
      <nav class="info-pane__tools" aria-label={t('app_tools')}>
        <RecentMessages isOpen={isRecentOpen} onToggle={() => setRecentOpen(!isRecentOpen)} />
        {!isConsoleWindow() && (
          <IconButton
            icon="open-window"
            label={t('open_in_window')}
            onClick={() => void commandOrReport('console/open-window', {})}
            testId="open-window"
          />
        )}
        <IconButton
          icon="settings"
          label={t('settings')}
          onClick={() => (currentPage.value = 'settings')}
          testId="open-settings"
        />
        <IconButton
          icon="help"
          label={t('help')}
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('help.html') })}
          testId="open-help"
        />
        <IconButton icon="logout" label={t('logout')} onClick={onLogout} testId="logout" />
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
