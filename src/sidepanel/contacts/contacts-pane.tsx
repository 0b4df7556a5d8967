import './contacts.css';
import type { ConsoleState } from '../shell/console-state.ts';
import { OUTLOOK_DIRECTORY, PERSONAL_DIRECTORY } from '../../shared/model/contact.ts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';
import { Tabs } from '../../shared/ui/tabs.tsx';
import type { MessageKey } from '../../shared/i18n.ts';
import { ContactForm } from './contact-form.tsx';
import { contactsTab, editedContact, importTarget, type ContactsTab } from './contacts-pane-state.ts';
import { DirectoriesTab } from './directories-tab.tsx';
import { DirectoryTab } from './directory-tab.tsx';
import { FavoritesTab } from './favorites-tab.tsx';
import { ImportDialog } from './import-dialog.tsx';
import { SearchTab } from './search-tab.tsx';
import { SpeedDialTab } from './speed-dial-tab.tsx';

const TABS: readonly { id: ContactsTab; label: MessageKey }[] = [
  { id: 'search', label: 'contacts_tab_search' },
  { id: 'favorites', label: 'contacts_tab_favorites' },
  { id: 'company', label: 'contacts_tab_company' },
  { id: 'personal', label: 'contacts_tab_personal' },
  { id: 'speed-dial', label: 'contacts_tab_speed_dial' },
  { id: 'queues', label: 'contacts_tab_queues' },
  { id: 'custom', label: 'contacts_tab_custom' },
  { id: 'outlook', label: 'contacts_tab_outlook' },
  { id: 'directories', label: 'contacts_tab_directories' },
];

/** The contacts pane: the guide's tabs, in its order, over every directory; a contact opens on a click. */
export function ContactsBody({ state }: { state: ConsoleState }) {
  const tab = contactsTab.value;
  const edited = editedContact.value;
  const importInto = state.contacts.directories.find((directory) => directory.id === importTarget.value);
  const companies = state.contacts.directories.filter((directory) => directory.kind === 'company');
  const customs = state.contacts.directories.filter((directory) => directory.kind === 'custom');
  return (
    <div class="contacts-pane">
      <Tabs
        label={t('contacts_tabs')}
        idPrefix="contacts"
        tabs={TABS.map((entry) => ({ id: entry.id, label: t(entry.label) }))}
        selected={tab}
        onSelect={(next) => (contactsTab.value = next)}
        variant="compact"
      >
        {tab === 'search' && <SearchTab state={state} />}
        {tab === 'favorites' && <FavoritesTab state={state} />}
        {tab === 'company' &&
          (companies.length === 0 ? (
            <EmptyState icon="contacts" text={t('contacts_no_company')} />
          ) : (
            companies.map((directory) => <DirectoryTab key={directory.id} state={state} directoryId={directory.id} />)
          ))}
        {tab === 'personal' && <DirectoryTab state={state} directoryId={PERSONAL_DIRECTORY} />}
        {tab === 'speed-dial' && <SpeedDialTab state={state} />}
        {tab === 'queues' && <EmptyState icon="queue" text={t('contacts_no_queues')} />}
        {tab === 'custom' &&
          (customs.length === 0 ? (
            <EmptyState icon="contacts" text={t('contacts_no_custom')} />
          ) : (
            customs.map((directory) => <DirectoryTab key={directory.id} state={state} directoryId={directory.id} />)
          ))}
        {tab === 'outlook' && <DirectoryTab state={state} directoryId={OUTLOOK_DIRECTORY} />}
        {tab === 'directories' && <DirectoriesTab state={state} />}
      </Tabs>
      {edited !== null && (
        <ContactForm
          directoryId={edited.directoryId}
          contact={edited.contact}
          onClose={() => (editedContact.value = null)}
        />
      )}
      {importInto !== undefined && <ImportDialog directory={importInto} onClose={() => (importTarget.value = null)} />}
    </div>
  );
}
