import { browser } from '../../platform/browser.ts';
import { t } from './i18n-signal.ts';
import { microphonePermission } from './microphone-permission.ts';

/**
 * Shown while the microphone is not allowed: neither the side panel, the popup nor the offscreen document can ask for
 * it, so this opens the extension's own page that does.
 */
export function MicrophoneBanner() {
  const state = microphonePermission().value;
  if (state === 'granted' || state === 'unknown') return null;
  return (
    <div class="banner banner--action" role="alert" data-testid="microphone-banner">
      <span>{state === 'denied' ? t('microphone_denied') : t('microphone_missing')}</span>
      <button type="button" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('welcome.html') })} data-testid="grant-microphone">
        {t('microphone_grant')}
      </button>
    </div>
  );
}
