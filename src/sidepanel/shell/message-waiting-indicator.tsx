import { newVoicemailsText } from '../../shared/ui/voicemail-text.ts';
import type { ConsoleState } from './console-state.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { Icon } from '../../shared/ui/icons.tsx';

/**
 * The message-waiting indicator, apart from the line-status icon: an envelope with the count of new voice messages.
 * A click calls the voicemail (Settings › Services › feature codes). Nothing shows until the server has said there
 * are messages.
 */
export function MessageWaitingIndicator({ state }: { state: ConsoleState }) {
  const voicemail = state.voicemail;
  if (voicemail === null || (!voicemail.isWaiting && voicemail.newMessages === 0)) return null;
  const label = voicemail.newMessages > 0 ? newVoicemailsText(voicemail.newMessages) : t('voicemail_waiting');
  const callVoicemail = async () => {
    await commandOrReport('call/dial', { target: state.services.featureCodes.voicemail });
  };
  return (
    <button
      type="button"
      class="message-waiting"
      onClick={() => void callVoicemail()}
      aria-label={`${label} — ${t('voicemail_call')}`}
      title={`${label} — ${t('voicemail_call')}`}
      data-testid="message-waiting"
    >
      <Icon name="voicemail" />
      {voicemail.newMessages > 0 && <span class="message-waiting__count">{voicemail.newMessages}</span>}
    </button>
  );
}
