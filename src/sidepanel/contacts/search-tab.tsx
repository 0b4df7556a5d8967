import { useExpandedRow } from './use-expanded-row.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleState } from '../shell/console-state.ts';
import type { Contact, ContactSearchResult } from '../../shared/model/contact.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';
import { dialContact, transferableCall, transferTo } from './contact-actions.tsx';
import { ContactRow } from './contact-row.tsx';
import { directoryName } from './directory-names.ts';

/**
 * Search: type-ahead across every directory shown, results grouped by directory. ↓ ↑ move through the results,
 * Enter calls the one marked (on a call, that is a consultation: the engine holds the caller first, and the call's
 * transfer drawer then joins the two — attended), Shift+Enter transfers the call in progress to it (blind),
 * Ctrl+Space shows its details.
 */
export function SearchTab({ state }: { state: ConsoleState }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<ContactSearchResult>([]);
  const [active, setActive] = useState(0);
  const [expanded, toggleExpanded] = useExpandedRow();
  const asked = useRef(0);
  useEffect(() => {
    const ask = ++asked.current;
    if (text.trim() === '') {
      setResult([]);
      return;
    }
    void command('contacts/search', { text }).then((answer) => {
      // Only the answer to the latest keystroke is shown.
      if (ask !== asked.current) return;
      setResult(answer.ok ? answer.value : []);
      setActive(0);
      if (!answer.ok) postGlobalMessage('error', errorText(answer.error));
    });
  }, [text, state.contacts.revision, state.workspace.current.directories.hidden.join()]);

  const flat: Contact[] = result.flatMap((group) => group.contacts);
  const current = flat[active];
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (flat.length > 0) setActive((active + (event.key === 'ArrowDown' ? 1 : flat.length - 1)) % flat.length);
    } else if (event.key === 'Enter' && current !== undefined) {
      event.preventDefault();
      const number = current.phones[0]?.number;
      if (number === undefined) return;
      const call = transferableCall(state.calls);
      if (event.shiftKey && call !== undefined) void transferTo(call, number, current.name);
      else if (!event.shiftKey) void dialContact(number, current.name);
    } else if (event.key === ' ' && event.ctrlKey && current !== undefined) {
      event.preventDefault();
      toggleExpanded(current.id);
    }
  };
  const rowId = (contact: Contact) => `search-result-${flat.indexOf(contact)}`;
  return (
    <div class="contact-search" data-testid="contact-search">
      <label class="visually-hidden" for="contact-search-input">
        {t('contacts_search_label')}
      </label>
      <input
        id="contact-search-input"
        type="search"
        aria-controls="contact-search-results"
        aria-keyshortcuts="ArrowDown ArrowUp Enter Shift+Enter Control+Space"
        placeholder={t('contacts_search_label')}
        value={text}
        autoComplete="off"
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKey}
        data-testid="contact-search-input"
      />
      {text.trim() !== '' && flat.length === 0 && <EmptyState icon="search" text={t('contacts_no_match')} />}
      <div id="contact-search-results" role="region" aria-live="polite" aria-label={t('contacts_search_results')}>
        {result.map((group) => {
          const directory = state.contacts.directories.find((each) => each.id === group.directoryId);
          return (
            <section key={group.directoryId} class="contact-group" data-directory={group.directoryId}>
              <h3 class="section-title contact-group__title">{directoryName(directory)}</h3>
              <ul class="contact-list">
                {group.contacts.map((contact) => (
                  <ContactRow
                    key={contact.id}
                    rowId={rowId(contact)}
                    contact={contact}
                    isActive={contact === current}
                    isExpanded={expanded === contact.id}
                    isFavorite={state.contacts.favorites.includes(contact.id)}
                    calls={state.calls}
                    onToggle={toggleExpanded}
                  />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
