import type { DirectoryId } from '../../shared/model/contact.ts';
import { command } from '../../shared/ui/command-client.ts';
import type { Contact } from '../../shared/model/contact.ts';
import { loadContactFormats } from './load-contact-formats.ts';

/** Every contact of a directory kept here, read from the database a page at a time. */
async function allContacts(directoryId: DirectoryId): Promise<Contact[] | null> {
  const contacts: Contact[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await command('contacts/list', { directoryId, offset, limit: 500 });
    if (!page.ok) return null;
    contacts.push(...page.value.contacts);
    if (page.value.contacts.length < 500) return contacts;
  }
}

/** Saves a directory kept here as a vCard 4.0 (.vcf) or CSV (.csv) file. */
export async function exportContacts(directoryId: DirectoryId, format: 'vcard' | 'csv'): Promise<void> {
  const [contacts, { toCsv, toVCard }] = await Promise.all([allContacts(directoryId), loadContactFormats()]);
  if (contacts === null) return;
  const [text, type, extension] =
    format === 'vcard'
      ? [contacts.map(toVCard).join('\r\n') + '\r\n', 'text/vcard', 'vcf']
      : // The byte-order mark lets spreadsheets read the file as UTF-8.
        ['\ufeff' + toCsv(contacts), 'text/csv', 'csv'];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = `${directoryId}.${extension}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
