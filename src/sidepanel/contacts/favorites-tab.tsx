import { useEffect, useState } from 'preact/hooks';
import type { AppState } from '../../shared/model/app-state.ts';
import type { Contact } from '../../shared/model/contact.ts';
import { command } from '../../shared/ui/command-client.ts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';
import { ContactRow } from './contact-row.tsx';
import { directoryName } from './directory-names.ts';

/** Favorites: the contacts the receptionist starred, from any directory, in the order they were chosen. */
export function FavoritesTab({ state }: { state: AppState }) {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const assigned = state.contacts.assignedFavorites;
  const ids = [...assigned, ...state.contacts.favorites.filter((id) => !assigned.includes(id))];
  useEffect(() => {
    void command('contacts/get', { ids }).then((answer) => setContacts(answer.ok ? answer.value : []));
  }, [ids.join(), state.contacts.revision]);
  if (contacts === null) return null;
  if (contacts.length === 0) return <EmptyState icon="star-outline" text={t('contacts_no_favorites')} />;
  const ordered = ids.map((id) => contacts.find((contact) => contact.id === id)).filter((each) => each !== undefined);
  return (
    <ul class="contact-list" data-testid="favorites">
      {ordered.map((contact) => (
        <ContactRow
          key={contact.id}
          contact={contact}
          directoryLabel={directoryName(state.contacts.directories.find((each) => each.id === contact.directoryId))}
          isExpanded={expanded === contact.id}
          isFavorite
          isAssigned={assigned.includes(contact.id)}
          calls={state.calls}
          onToggle={() => setExpanded(expanded === contact.id ? null : contact.id)}
        />
      ))}
    </ul>
  );
}
