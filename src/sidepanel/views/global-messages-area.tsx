import { useState } from 'preact/hooks';
import { currentMessage, globalMessages } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';

/** The newest message for a few seconds; a click lists the recent ones so nothing missed is lost. */
export function GlobalMessagesArea() {
  const [isExpanded, setExpanded] = useState(false);
  const message = currentMessage.value;
  const history = globalMessages.value;
  return (
    <div class="global-messages">
      <button
        type="button"
        class={`global-messages__current global-messages__current--${message?.level ?? 'none'}`}
        aria-expanded={isExpanded}
        aria-controls="global-messages-history"
        aria-label={t('global_messages')}
        onClick={() => setExpanded(!isExpanded)}
        data-testid="global-message"
      >
        <span aria-live="polite">{message?.text ?? ''}</span>
      </button>
      {isExpanded && (
        <ol id="global-messages-history" class="global-messages__history" data-testid="global-messages-history">
          {history.length === 0 && <li>{t('no_messages')}</li>}
          {history.map((entry) => (
            <li key={entry.id} class={`global-messages__entry--${entry.level}`}>
              <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toLocaleTimeString()}</time>{' '}
              {entry.text}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
