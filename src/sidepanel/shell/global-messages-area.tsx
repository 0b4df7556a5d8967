import { useEffect, useRef } from 'preact/hooks';
import { currentMessage, globalMessages, type GlobalMessageLevel } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { Icon, type IconName } from '../../shared/ui/icons.tsx';
import { IconButton } from '../../shared/ui/icon-button.tsx';

const LEVEL_ICON: Record<GlobalMessageLevel, IconName> = { info: 'bell', warning: 'warning', error: 'error' };

/**
 * The guide's global messages area, in the middle of the information pane: the newest message for a few seconds,
 * then nothing at all. Its place is kept while empty, so nothing below moves as messages come and go; a click on the
 * message, or on the recent-messages button, lists the recent ones so nothing missed is lost.
 */
export function GlobalMessageLine({ onRecall }: { onRecall: () => void }) {
  const message = currentMessage.value;
  return (
    <div class="global-messages" data-testid="global-messages">
      {/* Present from the start, so screen readers announce each message as it comes. */}
      <p class="visually-hidden" aria-live="polite" data-testid="global-message-live">
        {message?.text ?? ''}
      </p>
      {message !== null && (
        <button
          type="button"
          class={`global-messages__current global-messages__current--${message.level}`}
          data-level={message.level}
          onClick={onRecall}
          data-testid="global-message"
          title={message.text}
        >
          <Icon name={LEVEL_ICON[message.level]} />
          <span class="global-messages__text">{message.text}</span>
        </button>
      )}
    </div>
  );
}

/** The recent messages, newest first, each with its time: opened from the information pane's bell. */
export function RecentMessages({ isOpen, onToggle }: { isOpen: boolean; onToggle: () => void }) {
  const history = globalMessages.value;
  const list = useRef<HTMLOListElement>(null);
  // Opened: the focus goes to the list, so Escape closes it and a screen reader reads it.
  useEffect(() => {
    if (isOpen) list.current?.focus();
  }, [isOpen]);
  return (
    <div class="recent-messages">
      <IconButton
        icon="bell"
        label={t('global_messages_recent')}
        aria-expanded={isOpen}
        aria-controls="global-messages-history"
        disabled={history.length === 0}
        onClick={onToggle}
        testId="global-messages-recall"
      />
      {isOpen && (
        <ol
          id="global-messages-history"
          ref={list}
          tabIndex={-1}
          class="recent-messages__list"
          aria-label={t('global_messages_recent')}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onToggle();
          }}
          data-testid="global-messages-history"
        >
          {history.map((entry) => (
            <li key={entry.id} class={`recent-messages__entry recent-messages__entry--${entry.level}`}>
              <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toLocaleTimeString()}</time>{' '}
              {entry.text}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
