import ICAL from 'ical.js';
import type { Contact, DirectoryId, PhoneType } from '../../../shared/model/contact.ts';
import { command } from '../../../shared/ui/command-client.ts';

const VCARD_TYPE: Record<PhoneType, string> = {
  work: 'work',
  mobile: 'cell',
  home: 'home',
  extension: 'work',
  fax: 'fax',
  other: 'voice',
};

/** One contact as a vCard 4.0, written by ical.js (it escapes every value). */
export function toVCard(contact: Contact): string {
  const card = new ICAL.Component('vcard');
  card.addPropertyWithValue('version', '4.0');
  card.addPropertyWithValue('fn', contact.name);
  if (contact.company !== '' || contact.department !== '') {
    const org = new ICAL.Property('org');
    org.setValues([contact.company, contact.department].filter((part) => part !== ''));
    card.addProperty(org);
  }
  if (contact.title !== '') card.addPropertyWithValue('title', contact.title);
  for (const phone of contact.phones) {
    const tel = new ICAL.Property('tel');
    tel.setParameter('type', VCARD_TYPE[phone.type]);
    tel.setValue(phone.number);
    card.addProperty(tel);
  }
  for (const email of contact.emails) card.addPropertyWithValue('email', email);
  if (contact.notes !== '') card.addPropertyWithValue('note', contact.notes);
  return card.toString();
}

/** Saves a directory kept here as a .vcf file, read from the database a page at a time. */
export async function exportVCards(directoryId: DirectoryId): Promise<void> {
  const cards: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await command('contacts/list', { directoryId, offset, limit: 500 });
    if (!page.ok) return;
    cards.push(...page.value.contacts.map(toVCard));
    if (page.value.contacts.length < 500) break;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([cards.join('\r\n') + '\r\n'], { type: 'text/vcard' }));
  link.download = `${directoryId}.vcf`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
