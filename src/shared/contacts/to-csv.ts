import Papa from 'papaparse';
import type { Contact, PhoneType } from '../model/contact.ts';

/** The columns of our CSV export: the names our CSV import (and Outlook's) reads back. */
const PHONE_COLUMNS: readonly [PhoneType, string][] = [
  ['work', 'Business Phone'],
  ['mobile', 'Mobile Phone'],
  ['home', 'Home Phone'],
  ['extension', 'Extension'],
  ['fax', 'Business Fax'],
  ['other', 'Other Phone'],
];

/**
 * Contacts as CSV (papaparse writes it: quotes, commas and line breaks inside values escaped), one column per kind of
 * number (the first of each kind), a leading apostrophe before any value a spreadsheet would run as a formula (OWASP's
 * CSV injection advice) — except a phone number in international form.
 */
export function toCsv(contacts: readonly Contact[]): string {
  // A number in international form (`+33 4 78…`) stays as it is: digits and separators compute nothing harmful.
  const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) && !/^\+[\d\s().-]+$/.test(value) ? `'${value}` : value);
  return Papa.unparse({
    fields: [
      'Name',
      'Company',
      'Department',
      'Job Title',
      'Business City',
      ...PHONE_COLUMNS.map(([, title]) => title),
      'E-mail Address',
      'Notes',
    ],
    data: contacts.map((contact) =>
      [
        contact.name,
        contact.company,
        contact.department,
        contact.title,
        contact.location,
        ...PHONE_COLUMNS.map(([type]) => contact.phones.find((phone) => phone.type === type)?.number ?? ''),
        contact.emails[0] ?? '',
        contact.notes,
      ].map(safe),
    ),
  });
}
