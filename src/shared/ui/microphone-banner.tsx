import { browser } from '../../platform/browser.ts';
import type { MicrophoneProblem } from '../model/microphone.ts';
import { t } from './i18n-signal.ts';
import { microphonePermission } from './microphone-permission.ts';

/**
 * Says, while it lasts, why calls cannot have audio: the permission not given or refused (neither the side panel,
 * the popup nor the offscreen document can ask for it, so the button opens the extension's own page that does),
 * or what the phone engine met when it last opened the microphone (no device, a device it cannot read).
 */
export function MicrophoneBanner({ problem }: { problem: MicrophoneProblem | null }) {
  const permission = microphonePermission().value;
  const isBlocked = permission === 'denied' || problem === 'blocked';
  if (isBlocked || permission === 'prompt') {
    return (
      <div
        class="banner banner--action"
        role="alert"
        data-testid="microphone-banner"
        data-problem={isBlocked ? 'blocked' : 'prompt'}
      >
        <span>{isBlocked ? t('error_microphone_blocked') : t('microphone_missing')}</span>
        <button
          type="button"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('welcome.html') })}
          data-testid="grant-microphone"
        >
          {t('microphone_grant')}
        </button>
      </div>
    );
  }
  if (problem === null) return null;
  return (
    <div class="banner banner--action" role="alert" data-testid="microphone-banner" data-problem={problem}>
      <span>{problem === 'missing' ? t('error_microphone_missing') : t('error_microphone_unreadable')}</span>
    </div>
  );
}
