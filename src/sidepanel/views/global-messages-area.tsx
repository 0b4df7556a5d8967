import { useState } from 'preact/hooks';
import { currentMessage, globalMessages } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';

/**
 * The guide's global messages area: the newest message for a few seconds, then nothing (no empty box); a click on
 * it, or on "Recent messages" once it has gone, lists the recent ones so nothing missed is lost.
 */
export function GlobalMessagesArea() {
  const [isExpanded, setExpanded] = useState(false);
  const message = currentMessage.value;
  const history = globalMessages.value;
  return (
    <div class="global-messages" data-testid="global-messages">
      {/* Present from the start, so screen readers announce each message as it comes. */}
      <p class="visually-hidden" aria-live="polite" data-testid="global-message-live">
        {message?.text ?? ''}
      </p>
      {(message !== null || history.length > 0) && (
        <button
          type="button"
          class={
            message === null
              ? 'link global-messages__recent'
              : `global-messages__current global-messages__current--${message.level}`
          }
          aria-expanded={isExpanded}
          aria-controls="global-messages-history"
          onClick={() => setExpanded(!isExpanded)}
          data-testid="global-message"
          title={message?.text}
        >
          {message?.text ?? t('global_messages_recent')}
        </button>
      )}
      {isExpanded && (
        <ol id="global-messages-history" class="global-messages__history" data-testid="global-messages-history">
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
