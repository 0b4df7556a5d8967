import {
  EMPTY_CONTACT_FIELDS,
  type Contact,
  type ContactFields,
  type DirectoryId,
} from '../../shared/model/contact.ts';
import type { DirectorySource } from '../../shared/model/directory-source.ts';
import { toImportRow } from '../../shared/contacts/import-row.ts';
import { parseEnterpriseDirectory, XsiDocumentError, type XsiDirectoryEntry } from '../../shared/xsi/xsi-documents.ts';

/** Rows per page, the most the specification allows (§3.5.18: `results` 1–1000). */
const PAGE = 1000;
/** A directory larger than this is read this far (a front desk's company directory is far smaller). */
const MOST_ENTRIES = 200_000;

/**
 * A BroadWorks Enterprise directory (XSI `GET …/user/<userId>/directories/Enterprise`, spec §3.5.7.7), read whole,
 * a page of 1,000 at a time (`start`, `results`; `totalAvailableRecords` says when it is all read). The source's
 * URL is the Xtended Services Platform's root; its user name is the XSI user id, with its password (Basic).
 */
export async function readXsiDirectory(
  source: DirectorySource,
  fetchPage: (url: string) => Promise<string>,
): Promise<Contact[]> {
  const base = `${source.url.replace(/\/+$/, '')}/com.broadsoft.xsi-actions/v2.0/user/${encodeURIComponent(source.username)}/directories/Enterprise`;
  const contacts: Contact[] = [];
  for (let start = 1; start <= MOST_ENTRIES; start += PAGE) {
    let page;
    try {
      page = parseEnterpriseDirectory(await fetchPage(`${base}?start=${start}&results=${PAGE}`));
    } catch (error) {
      if (error instanceof XsiDocumentError) throw new TypeError(`format: ${error.message}`);
      throw error;
    }
    for (const entry of page.entries) {
      const contact = contactOf(source.id, entry);
      if (contact !== null) contacts.push(contact);
    }
    if (page.entries.length === 0 || start - 1 + page.entries.length >= page.total) break;
  }
  return contacts;
}

function contactOf(directoryId: DirectoryId, entry: XsiDirectoryEntry): Contact | null {
  const fields: ContactFields = {
    ...EMPTY_CONTACT_FIELDS,
    name: entry.name || entry.userId,
    department: entry.department,
    title: entry.title,
    location: entry.location,
    phones: [
      ...(entry.extension === '' ? [] : [{ type: 'extension' as const, number: entry.extension }]),
      ...(entry.number === '' ? [] : [{ type: 'work' as const, number: entry.number }]),
      ...(entry.mobile === '' ? [] : [{ type: 'mobile' as const, number: entry.mobile }]),
    ],
    emails: entry.email === '' ? [] : [entry.email],
  };
  const row = toImportRow(0, fields);
  if (row.kind !== 'ok') return null;
  // The user id is the directory's own key: a colleague keeps the same contact (and stays a favourite) across reads.
  return { ...row.fields, id: `${directoryId}/${(entry.userId || entry.name).slice(0, 150)}`, directoryId };
}
