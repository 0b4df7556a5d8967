import { newVoicemailsText } from '../shared/ui/voicemail-text.ts';
import type { StateMirror } from '../shared/ui/state-mirror.ts';
import type { AppState } from '../shared/model/app-state.ts';
import { DialBox } from '../shared/ui/dial-box.tsx';
import { commandOrReport } from '../shared/ui/command-client.ts';
import { t } from '../shared/ui/i18n-signal.ts';
import { RegistrationStatusText } from '../shared/ui/registration-status.tsx';
import { MicrophoneBanner } from '../shared/ui/microphone-banner.tsx';
import { openConsole } from './open-console.ts';
import { SiteSwitch } from './site-switch.tsx';
import { StateBadge } from '../shared/ui/state-badge.tsx';
import { visualStateOfLine, type VisualState } from '../shared/ui/visual-state.ts';
import { RegistrationStatus } from '../shared/model/registration.ts';
import type { MessageKey } from '../shared/i18n.ts';

/** The line's state in words, beside the name. */
const LINE_STATE_WORDS: Record<VisualState, MessageKey> = {
  idle: 'line_state_idle',
  ringing: 'line_state_ringing',
  talking: 'line_state_talking',
  held: 'line_state_held',
  parked: 'line_state_parked',
  busy: 'line_state_busy',
  offline: 'line_state_offline',
};

/**
 * The toolbar popup: the line's state at a glance (registration, Do Not Disturb, forwarding, voice messages, calls in progress), a
 * quick dial with the recent numbers, the DND switch, click-to-call for the page behind, and the way to the console.
 */
export function PopupView({ mirror }: { mirror: StateMirror }) {
  const state = mirror.state.value;
  if (state === null) return <p role="status">{t('app_loading')}</p>;
  const account = state.account?.settings;
  const callsInProgress = state.calls.filter((call) => call.status !== 'Ended').length;
  const lineState = visualStateOfLine({
    isRegistered: state.registration.status === RegistrationStatus.Registered,
    isDndActive: state.services.dnd.isActive,
    calls: state.calls,
    callsElsewhere: state.callsElsewhere,
  });
  return (
    <main class="popup" data-testid="popup">
      <MicrophoneBanner problem={state.microphone} />
      <section aria-label={t('line_status')} class="popup__status">
        <span class="popup__name">
          <span data-testid="user-name">
            {account ? account.displayName || account.sipAddress : t('account_not_set')}
          </span>
          <StateBadge state={lineState} text={t(LINE_STATE_WORDS[lineState])} testId="popup-line-state" />
        </span>
        <RegistrationStatusText registration={state.registration} />
        <ul class="popup__line" data-testid="popup-line">
          {state.services.dnd.isActive && <li>{t('line_status_dnd')}</li>}
          {state.services.cfa.isActive && <li>{t('popup_forwarding_to', state.services.cfa.target)}</li>}
          {state.voicemail !== null && state.voicemail.newMessages > 0 && (
            <li>{newVoicemailsText(state.voicemail.newMessages)}</li>
          )}
          {callsInProgress > 0 && <li>{t('popup_calls_in_progress', callsInProgress)}</li>}
        </ul>
      </section>
      <DialBox
        autoFocus
        suggestions={[
          // The speed dials, then the numbers called lately (named from the directories when the history knew them).
          ...state.contacts.speedDials.map((entry) => ({
            number: entry.code,
            name: `${entry.name} ${entry.number}`.trim(),
          })),
          ...state.history.recentNumbers.map((recent) => ({ number: recent.number, name: recent.name })),
        ]}
      />
      <DndSwitch state={state} />
      <SiteSwitch clickToCall={state.clickToCall} />
      <button type="button" class="primary" onClick={() => void openConsole()} data-testid="open-console">
        {t('popup_open_console')}
      </button>
    </main>
  );
}

function DndSwitch({ state }: { state: AppState }) {
  const toggle = async (isActive: boolean) => {
    await commandOrReport('settings/update-services', {
      ...state.services,
      dnd: { ...state.services.dnd, isActive },
    });
  };
  return (
    <label class="popup__toggle">
      <input
        type="checkbox"
        checked={state.services.dnd.isActive}
        onChange={(event) => void toggle(event.currentTarget.checked)}
        data-testid="popup-dnd"
      />
      {t('service_dnd')}
    </label>
  );
}
