import ICAL from 'ical.js';
import type { Contact, PhoneType } from '../model/contact.ts';

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
    org.setValue([contact.company, contact.department]);
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
