import { signal } from '@preact/signals';
import type { Contact } from '../../shared/model/contact.ts';

/** The contacts pane's tabs, in the guide's order. */
export type ContactsTab =
  'search' | 'favorites' | 'company' | 'personal' | 'speed-dial' | 'queues' | 'custom' | 'outlook' | 'directories';

export const contactsTab = signal<ContactsTab>('search');
/** The contact being added (an empty draft) or edited; null when the form is closed. */
export const editedContact = signal<{ directoryId: string; contact: Contact | null } | null>(null);
/** The import dialog, open for a directory; null when closed. */
export const importTarget = signal<string | null>(null);
/** The Favorites tab as a list of contacts or as a wall of busy lamps (this session). */
export const favoritesView = signal<'list' | 'grid'>('list');
