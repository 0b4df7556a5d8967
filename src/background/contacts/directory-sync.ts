import { basicAuthorization } from '../../shared/http/basic-authorization.ts';
import { readXsiDirectory } from './xsi-directory.ts';
import { addressBookMultiGet, syncCollection, type DAVResponse } from 'tsdav';
import * as v from 'valibot';
import type { Contact, DirectoryId } from '../../shared/model/contact.ts';
import {
  JsonDirectorySchema,
  type DirectorySource,
  type DirectorySyncState,
} from '../../shared/model/directory-source.ts';
import { cardRow, parseVCards } from '../../shared/contacts/parse-vcard.ts';
import { parseCsv } from '../../shared/contacts/parse-csv.ts';
import { toImportRow, type ImportRow } from '../../shared/contacts/import-row.ts';
import { decodeFile } from '../../shared/contacts/clean-text.ts';
import { EMPTY_CONTACT_FIELDS } from '../../shared/model/contact.ts';
import type { ContactBook } from './contact-book.ts';

/**
 * How long a directory server may take to answer one request: generous, as a sync runs in the background and a
 * large first read from a slow server (Radicale lists 10,000 cards in about 20 s) must not fail for time alone.
 */
const REQUEST_TIMEOUT_MS = 120_000;
/** Address objects read per multiget. */
const MULTIGET_BATCH = 250;

/** A sync that could not be done, with the message key the receptionist reads. */
export class DirectorySyncError extends Error {
  constructor(readonly messageKey: string) {
    super(messageKey);
  }
}

function errorOfStatus(status: number): DirectorySyncError {
  if (status === 401) return new DirectorySyncError('error_directory_unauthorized');
  if (status === 403) return new DirectorySyncError('error_directory_forbidden');
  if (status === 404) return new DirectorySyncError('error_directory_not_found');
  return new DirectorySyncError('error_directory_server');
}

function headersOf(source: DirectorySource): Record<string, string> {
  return source.username === '' ? {} : { Authorization: basicAuthorization(source.username, source.password) };
}

/** A network failure or a time-out, as what the receptionist reads; an error that says more passes through. */
function asSyncError(error: unknown): DirectorySyncError {
  return error instanceof DirectorySyncError ? error : new DirectorySyncError('error_directory_unreachable');
}

function contactsOf(directoryId: DirectoryId, rows: readonly (ImportRow & { key: string })[]): Contact[] {
  return rows.flatMap((row) =>
    row.kind === 'ok' ? [{ ...row.fields, id: `${directoryId}/${row.key}`, directoryId }] : [],
  );
}

/**
 * Brings a server directory's copy up to date (issue #13) and returns its new sync state. The copy changes only once
 * everything was read: a server that fails half-way, refuses, or answers nonsense leaves it as it was, and the
 * error is returned in the state for the pane to show.
 */
export async function syncDirectory(
  source: DirectorySource,
  before: DirectorySyncState,
  book: ContactBook,
  now = Date.now(),
): Promise<DirectorySyncState> {
  try {
    const syncToken =
      source.type === 'carddav'
        ? await syncCardDav(source, before.syncToken, book)
        : source.type === 'xsi'
          ? await syncXsi(source, book)
          : await syncUrl(source, book);
    return { syncToken, lastSyncedAt: now, error: null };
  } catch (error) {
    return { ...before, error: asSyncError(error).messageKey };
  }
}

/** A provisioned URL, read whole: vCard, CSV or JSON, by its content type or its name. */
async function syncUrl(source: DirectorySource, book: ContactBook): Promise<null> {
  const response = await fetch(source.url, {
    headers: headersOf(source),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    cache: 'no-cache',
  });
  if (!response.ok) throw errorOfStatus(response.status);
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  const { text } = decodeFile(await response.arrayBuffer());
  const name = new URL(source.url).pathname.toLowerCase();
  let rows: ImportRow[];
  if (type.includes('vcard') || name.endsWith('.vcf')) rows = await parseVCards(text);
  else if (type.includes('csv') || name.endsWith('.csv')) {
    const csv = await parseCsv(text);
    if (csv.missingColumns) throw new DirectorySyncError('error_directory_format');
    rows = csv.rows;
  } else {
    const parsed = v.safeParse(JsonDirectorySchema, safeJson(text));
    if (!parsed.success) throw new DirectorySyncError('error_directory_format');
    rows = parsed.output.map((entry, index) => toImportRow(index + 1, { ...EMPTY_CONTACT_FIELDS, ...entry }));
  }
  // A contact keeps its id from one read to the next while its name and first number stay (favourites follow it).
  const keyed = rows.map((row) => ({
    ...row,
    key: row.kind === 'ok' ? `${row.fields.name}|${row.fields.phones[0]?.number ?? ''}`.slice(0, 150) : '',
  }));
  await book.replaceDirectory(source.id, dedupe(contactsOf(source.id, keyed)));
  return null;
}

/** A BroadWorks Enterprise directory through XSI (`xsi-directory.ts`), read whole each time. */
async function syncXsi(source: DirectorySource, book: ContactBook): Promise<null> {
  let contacts: Contact[];
  try {
    contacts = await readXsiDirectory(source, async (url) => {
      const response = await fetch(url, {
        headers: headersOf(source),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        cache: 'no-cache',
      });
      if (!response.ok) throw errorOfStatus(response.status);
      return response.text();
    });
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('format:'))
      throw new DirectorySyncError('error_directory_format');
    throw error;
  }
  await book.replaceDirectory(source.id, dedupe(contacts));
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function dedupe(contacts: Contact[]): Contact[] {
  const seen = new Set<string>();
  return contacts.filter((contact) => !seen.has(contact.id) && seen.add(contact.id));
}

/**
 * A CardDAV address book, by RFC 6578 sync-collection: the first time (no token) every member, then only what
 * changed and what was deleted since the token. A token the server no longer knows (403, `valid-sync-token`) means
 * one full read again. Returns the server's new token.
 */
async function syncCardDav(source: DirectorySource, syncToken: string | null, book: ContactBook): Promise<string> {
  const headers = headersOf(source);
  // Each request its own time limit: a large first read is many requests.
  const fetchOptions = () => ({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const isCard = memberOf(source.url);
  const report = (token: string) =>
    syncCollection({
      url: source.url,
      props: { 'd:getetag': {} },
      syncLevel: 1,
      syncToken: token,
      headers,
      fetchOptions: fetchOptions(),
    });
  let isFull = syncToken === null;
  let responses: DAVResponse[] = await report(syncToken ?? '');
  if (!isFull && responses.some((response) => response.status === 403)) {
    isFull = true;
    responses = await report('');
  }
  const failure = responses.find((response) => !response.ok && !(response.status === 404 && isCard(response.href)));
  if (failure !== undefined) throw errorOfStatus(failure.status);
  const members = responses.filter((response) => isCard(response.href));
  const changed = members.filter((response) => response.status !== 404).map((response) => response.href ?? '');
  const deleted = members.filter((response) => response.status === 404).map((response) => response.href ?? '');
  const newToken: unknown = (responses[0]?.raw as { multistatus?: { syncToken?: unknown } } | undefined)?.multistatus
    ?.syncToken;
  if (typeof newToken !== 'string') throw new DirectorySyncError('error_directory_format');

  const contacts: Contact[] = [];
  for (let start = 0; start < changed.length; start += MULTIGET_BATCH) {
    const objects = await addressBookMultiGet({
      url: source.url,
      props: { 'd:getetag': {}, 'card:address-data': {} },
      objectUrls: changed.slice(start, start + MULTIGET_BATCH),
      depth: '1',
      headers,
      fetchOptions: fetchOptions(),
    });
    const failed = objects.find((object) => !object.ok);
    if (failed !== undefined) throw errorOfStatus(failed.status);
    for (const object of objects) {
      const data: unknown =
        (object.props?.['addressData'] as { _cdata?: unknown } | undefined)?._cdata ?? object.props?.['addressData'];
      if (typeof data !== 'string') continue;
      contacts.push(...contactsOf(source.id, [{ ...cardRow(1, data), key: object.href ?? '' }]));
    }
  }
  if (isFull) await book.replaceDirectory(source.id, contacts);
  else
    await book.applyChanges(
      source.id,
      contacts,
      deleted.map((href) => `${source.id}/${href}`),
    );
  return newToken;
}

/** A member of the address book: every href below it (not the collection itself, which a server may list too). */
function memberOf(collectionUrl: string): (href: string | undefined) => boolean {
  const collection = new URL(collectionUrl).pathname.replace(/\/+$/, '');
  return (href) => {
    if (href === undefined || href === '') return false;
    const path = new URL(href, collectionUrl).pathname.replace(/\/+$/, '');
    return path !== collection && path.startsWith(`${collection}/`);
  };
}
