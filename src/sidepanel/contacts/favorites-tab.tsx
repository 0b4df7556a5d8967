import { useExpandedRow } from './use-expanded-row.ts';
import { favoritesView } from './contacts-pane-state.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { LampGrid } from '../lamps/lamp-grid.tsx';
import '../lamps/lamps.css';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleState } from '../shell/console-state.ts';
import type { Contact } from '../../shared/model/contact.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';
import { ContactRow } from './contact-row.tsx';
import { directoryName } from './directory-names.ts';

/**
 * Favorites: the contacts the receptionist starred (and those the administrator assigned), from any directory, in the
 * order they were chosen, each with their busy lamp — as a list, or as a wall of lamps (kept for the session).
 */
export function FavoritesTab({ state }: { state: ConsoleState }) {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [expanded, toggleExpanded] = useExpandedRow();
  const assigned = state.contacts.assignedFavorites;
  const ids = [...assigned, ...state.contacts.favorites.filter((id) => !assigned.includes(id))];
  useEffect(() => {
    void readContacts(ids).then(setContacts);
  }, [ids.join(), state.contacts.revision]);
  if (contacts === null) return null;
  if (contacts.length === 0) return <EmptyState icon="star-outline" text={t('contacts_no_favorites')} />;
  // Drawn again at every change of the state: each contact found by id at once, not by a walk of the list per
  // favourite.
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  const ordered = ids.map((id) => byId.get(id)).filter((each) => each !== undefined);
  const isGrid = favoritesView.value === 'grid';
  const viewSwitch = (
    <div class="favorites-tools">
      <IconButton
        icon={isGrid ? 'list' : 'grid'}
        label={isGrid ? t('favorites_list') : t('favorites_grid')}
        onClick={() => (favoritesView.value = isGrid ? 'list' : 'grid')}
        data-action="favorites-view"
      />
    </div>
  );
  if (isGrid) {
    return (
      <>
        {viewSwitch}
        <LampGrid contacts={ordered} calls={state.calls} />
      </>
    );
  }
  return (
    <>
      {viewSwitch}
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
            onToggle={toggleExpanded}
          />
        ))}
      </ul>
    </>
  );
}

/** The contacts of these ids, asked for in parts (a message carries 500 at most), those that still exist. */
async function readContacts(ids: readonly string[]): Promise<Contact[]> {
  const parts: Promise<Contact[]>[] = [];
  for (let start = 0; start < ids.length; start += GET_LIMIT) {
    parts.push(
      command('contacts/get', { ids: ids.slice(start, start + GET_LIMIT) }).then((answer) => {
        if (!answer.ok) postGlobalMessage('error', errorText(answer.error));
        return answer.ok ? answer.value : [];
      }),
    );
  }
  return (await Promise.all(parts)).flat();
}

const GET_LIMIT = 500;
