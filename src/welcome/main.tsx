import { useState } from 'preact/hooks';
import { t } from '../shared/ui/i18n-signal.ts';
import { mountExtensionPage } from '../shared/ui/mount.tsx';
import { microphonePermission } from '../shared/ui/microphone-permission.ts';
import './welcome.css';

type Outcome = 'idle' | 'asking' | 'granted' | 'refused' | 'no-device';

/**
 * Opened on first install (and from the console's "Allow microphone"): the one page of ours that may show the
 * browser's microphone prompt, which then holds for the whole extension, the phone engine included.
 */
function WelcomePage() {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  const permission = microphonePermission().value;
  const isGranted = outcome === 'granted' || permission === 'granted';

  const ask = async () => {
    setOutcome('asking');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      for (const track of stream.getTracks()) track.stop();
      setOutcome('granted');
    } catch (error) {
      setOutcome(error instanceof DOMException && error.name === 'NotFoundError' ? 'no-device' : 'refused');
    }
  };

  return (
    <main class="welcome" data-testid="welcome">
      <img src="icons/icon-128.png" alt="" width={64} height={64} />
      <h1>{t('welcome_title')}</h1>
      <p>{t('welcome_why')}</p>
      {isGranted ? (
        <p class="welcome__ok" role="status" data-testid="microphone-granted">
          {t('welcome_granted')}
        </p>
      ) : (
        <button
          type="button"
          class="primary"
          disabled={outcome === 'asking'}
          onClick={() => void ask()}
          data-testid="allow-microphone"
        >
          {t('microphone_grant')}
        </button>
      )}
      {outcome === 'refused' && (
        <p class="field-error" role="alert">
          {t('welcome_refused')}
        </p>
      )}
      {outcome === 'no-device' && (
        <p class="field-error" role="alert">
          {t('welcome_no_device')}
        </p>
      )}
    </main>
  );
}

mountExtensionPage('welcome', () => <WelcomePage />, ['general']);
