import * as v from 'valibot';
import { ContactFieldsSchema, type ContactFields } from '../model/contact.ts';
import type { MessageKey } from '../i18n.ts';
import { cleanText } from './clean-text.ts';

/** One contact read from a file, as the preview shows it: what will be kept, or why it cannot be. */
export type ImportRow =
  | { line: number; kind: 'ok'; fields: ContactFields; wasCleaned: boolean }
  | { line: number; kind: 'error'; reason: MessageKey; excerpt: string };

/** Fields as read from a file (any text) made into a contact, or the reason it cannot be one. */
export function toImportRow(line: number, raw: ContactFields): ImportRow {
  let wasCleaned = false;
  const clean = (text: string) => {
    const result = cleanText(text);
    wasCleaned ||= result.wasChanged;
    return result.text;
  };
  const fields: ContactFields = {
    name: clean(raw.name),
    company: clean(raw.company),
    department: clean(raw.department),
    title: clean(raw.title),
    location: clean(raw.location),
    notes: clean(raw.notes),
    phones: raw.phones
      .map((phone) => ({ type: phone.type, number: clean(phone.number) }))
      .filter((phone) => phone.number !== '')
      .slice(0, 20),
    emails: raw.emails
      .map(clean)
      .filter((email) => email !== '')
      .slice(0, 10),
  };
  const result = v.safeParse(ContactFieldsSchema, fields);
  if (result.success) return { line, kind: 'ok', fields: result.output, wasCleaned };
  const reason = (result.issues[0]?.message ?? 'error_import_row') as MessageKey;
  return {
    line,
    kind: 'error',
    reason: reason.startsWith('error_') ? reason : 'error_import_row',
    excerpt: (fields.name || fields.phones[0]?.number || fields.emails[0] || '').slice(0, 80),
  };
}
