import { useExpandedRow } from './use-expanded-row.ts';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleState } from '../shell/console-state.ts';
import type { Contact, DirectoryId, DirectorySummary } from '../../shared/model/contact.ts';
import { command } from '../../shared/ui/command-client.ts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { t, tDynamic, uiLanguage } from '../../shared/ui/i18n-signal.ts';
import { useCommand } from '../../shared/ui/use-command.ts';
import { directoryName } from './directory-names.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { ContactRow } from './contact-row.tsx';
import { editedContact, importTarget } from './contacts-pane-state.ts';
import { exportContacts } from './export-contacts.ts';
import { MenuButton } from '../../shared/ui/menu.tsx';
import { useVirtualList } from './use-virtual-list.ts';

/** A server directory's header: its name, when it was last read, why the last read failed, and Read again now. */
function SyncStatus({ directory }: { directory: DirectorySummary }) {
  const sync = useCommand('contacts/sync');
  const name = directoryName(directory);
  return (
    <div class="directory-tab__tools" data-testid="directory-sync">
      <strong>{name}</strong>
      <span class="hint" data-testid="directory-synced-at">
        {sync.isPending
          ? t('directory_syncing')
          : directory.lastSyncedAt === null
            ? t('directory_never_synced')
            : t('directory_synced_at', new Date(directory.lastSyncedAt).toLocaleString(uiLanguage.value))}
      </span>
      <IconButton
        icon="redial"
        label={t('directory_sync_now', name)}
        disabled={sync.isPending}
        onClick={() => void sync.run({ directoryId: directory.id })}
        testId="directory-sync-now"
      />
      <span class="directory-tab__count">{t('contacts_count', directory.count)}</span>
      {directory.syncError !== null && (
        <p class="field-error" role="alert" data-testid="directory-sync-error">
          {tDynamic(directory.syncError)}
        </p>
      )}
    </div>
  );
}

const PAGE = 200;
const ROW_HEIGHT = 52;

/**
 * One directory's contacts in name order, drawn a screenful at a time and read from the database a page at a time
 * (100,000 contacts scroll as smoothly as ten). A directory kept here (Personal, Outlook) can be added to, imported
 * into and exported.
 */
export function DirectoryTab({ state, directoryId }: { state: ConsoleState; directoryId: DirectoryId }) {
  const directory = state.contacts.directories.find((each) => each.id === directoryId);
  const total = directory?.count ?? 0;
  const [pages, setPages] = useState<Map<number, Contact[]>>(new Map());
  const editContact = useCallback(
    (edited: Contact) => (editedContact.value = { directoryId, contact: edited }),
    [directoryId],
  );
  const [expanded, toggleExpanded] = useExpandedRow();
  const list = useVirtualList(total, ROW_HEIGHT);
  // A change of any contact: the pages are read again. Each page is asked for once per generation, and an answer
  // for an older generation (a change came meanwhile) is dropped.
  const generation = `${directoryId}@${state.contacts.revision}`;
  const asked = useRef({ generation, pages: new Set<number>() });
  useEffect(() => {
    asked.current = { generation, pages: new Set() };
    setPages(new Map());
  }, [generation]);
  const wanted = new Set(list.items.map((item) => Math.floor(item.index / PAGE)));
  useEffect(() => {
    for (const page of wanted) {
      if (asked.current.generation !== generation || asked.current.pages.has(page)) continue;
      asked.current.pages.add(page);
      void command('contacts/list', { directoryId, offset: page * PAGE, limit: PAGE }).then((answer) => {
        if (answer.ok && asked.current.generation === generation)
          setPages((before) => new Map(before).set(page, answer.value.contacts));
      });
    }
  });
  const isLocal = directory?.source === 'local';
  return (
    <div class="directory-tab" data-testid={`directory-${directoryId}`}>
      {directory !== undefined && !isLocal && <SyncStatus directory={directory} />}
      {isLocal && (
        <div class="directory-tab__tools">
          <IconButton
            icon="plus"
            label={t('contact_add')}
            onClick={() => (editedContact.value = { directoryId, contact: null })}
            testId="contact-add"
          />
          <IconButton
            icon="import"
            label={t('contacts_import')}
            onClick={() => (importTarget.value = directoryId)}
            testId="contacts-import"
          />
          <MenuButton
            icon="export"
            label={t('contacts_export')}
            isDisabled={total === 0}
            testId="contacts-export"
            entries={[
              {
                kind: 'action',
                label: t('contacts_export_vcard'),
                onSelect: () => void exportContacts(directoryId, 'vcard'),
              },
              {
                kind: 'action',
                label: t('contacts_export_csv'),
                onSelect: () => void exportContacts(directoryId, 'csv'),
              },
            ]}
          />
          <span class="directory-tab__count">{t('contacts_count', total)}</span>
        </div>
      )}
      {total === 0 ? (
        <EmptyState
          icon="contacts"
          text={directoryId === 'outlook' ? t('contacts_outlook_how') : t('contacts_empty')}
        />
      ) : (
        <div ref={list.scrollBox} class="contact-scroll" data-testid="contact-scroll">
          <ul class="contact-list contact-list--virtual" style={{ height: `${list.totalSize}px` }}>
            {list.items.map((item) => {
              const contact = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
              return contact === undefined ? (
                <li
                  key={item.key}
                  class="contact contact--loading"
                  style={{ transform: `translateY(${item.start}px)` }}
                  aria-hidden="true"
                />
              ) : (
                <ContactRow
                  key={contact.id}
                  slot={{ index: item.index, start: item.start, measure: list.measure }}
                  contact={contact}
                  isExpanded={expanded === contact.id}
                  isFavorite={state.contacts.favorites.includes(contact.id)}
                  calls={state.calls}
                  onToggle={toggleExpanded}
                  {...(isLocal ? { onEdit: editContact } : {})}
                />
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
