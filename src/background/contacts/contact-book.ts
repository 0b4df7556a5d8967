import { Dexie } from 'dexie';
import type { CountryCode } from 'libphonenumber-js';
import type {
  CallerIdentity,
  Contact,
  ContactFields,
  ContactSearchResult,
  DirectoryId,
} from '../../shared/model/contact.ts';
import type { StoredContact, SwitchboardDatabase } from '../storage/database.ts';
import { contactPhoneKeys, contactSearch, contactSearchKeys, numberKey, sortNameOf } from './contact-keys.ts';

/** The most contacts a search brings back, all directories together: a type-ahead shows the first screenful. */
const SEARCH_LIMIT = 50;
/** How many rows the index may hand over before the search gives up looking for more matches. */
const SEARCH_SCAN = 2000;

/** The directory imported contacts wait in until the receptionist confirms the import (then they move, at once). */
const STAGING_PREFIX = 'staging:';

/**
 * Every contact of every directory, in the extension's database (issue #13): search, list, caller identification,
 * the receptionist's own edits, and imports that land whole or not at all. The background is its only writer.
 * Numbers are indexed in the office's country (`country`); `reindex` runs when that country changes.
 */
export class ContactBook {
  readonly #database: SwitchboardDatabase;
  #country: CountryCode;

  constructor(database: SwitchboardDatabase, country: CountryCode) {
    this.#database = database;
    this.#country = country;
  }

  #stored(contact: Contact): StoredContact {
    return {
      ...contact,
      sortName: sortNameOf(contact.name),
      searchKeys: contactSearchKeys(contact),
      phoneKeys: contactPhoneKeys(contact, this.#country),
    };
  }

  /** The contact as every UI sees it: without the index keys. */
  static #plain(stored: StoredContact): Contact {
    const { sortName: _sortName, searchKeys: _searchKeys, phoneKeys: _phoneKeys, ...contact } = stored;
    return contact;
  }

  async count(directoryId: DirectoryId): Promise<number> {
    return this.#database.contacts.where('directoryId').equals(directoryId).count();
  }

  /** A directory's contacts in name order, a page at a time. */
  async list(directoryId: DirectoryId, offset: number, limit: number): Promise<Contact[]> {
    const rows = await this.#database.contacts
      .where('[directoryId+sortName]')
      .between([directoryId, Dexie.minKey], [directoryId, Dexie.maxKey])
      .offset(offset)
      .limit(limit)
      .toArray();
    return rows.map(ContactBook.#plain);
  }

  async get(ids: readonly string[]): Promise<Contact[]> {
    const rows = await this.#database.contacts.bulkGet([...ids]);
    return rows.filter((row): row is StoredContact => row !== undefined).map(ContactBook.#plain);
  }

  /**
   * The contacts matching what was typed, across `directoryIds` (in that order, one group each, names sorted);
   * contacts of other directories (hidden ones, imports not confirmed) are never returned.
   */
  async search(text: string, directoryIds: readonly DirectoryId[]): Promise<ContactSearchResult> {
    const search = contactSearch(text);
    if (search === null) return [];
    const wanted = new Set(directoryIds);
    const found = new Map<DirectoryId, Contact[]>();
    let total = 0;
    await this.#database.contacts
      .where('searchKeys')
      .startsWith(search.prefix)
      .limit(SEARCH_SCAN)
      .until(() => total >= SEARCH_LIMIT)
      .each((row) => {
        if (!wanted.has(row.directoryId)) return;
        const contact = ContactBook.#plain(row);
        if (!search.matches(contact)) return;
        const group = found.get(row.directoryId) ?? [];
        // The same contact may be found under two keys of one prefix (two words starting alike).
        if (group.some((other) => other.id === contact.id)) return;
        group.push(contact);
        found.set(row.directoryId, group);
        total += 1;
      });
    return directoryIds
      .filter((id) => found.has(id))
      .map((id) => ({
        directoryId: id,
        contacts: (found.get(id) ?? []).sort((left, right) =>
          sortNameOf(left.name).localeCompare(sortNameOf(right.name)),
        ),
      }));
  }

  /** Who a number is, in the first of `directoryIds` that knows it; null when none does. */
  async identify(number: string, directoryIds: readonly DirectoryId[]): Promise<CallerIdentity | null> {
    const key = numberKey(number, this.#country);
    if (key === null) return null;
    const rows = await this.#database.contacts.where('phoneKeys').equals(key).limit(20).toArray();
    for (const directoryId of directoryIds) {
      const row = rows.find((candidate) => candidate.directoryId === directoryId);
      if (row !== undefined) return { name: row.name, contactId: row.id, directoryId };
    }
    return null;
  }

  /** Adds (`id` null) or replaces a contact of a directory kept in this browser; returns its id. */
  async save(directoryId: DirectoryId, id: string | null, fields: ContactFields): Promise<string> {
    const contactId = id ?? `${directoryId}/${crypto.randomUUID()}`;
    await this.#database.contacts.put(this.#stored({ ...fields, id: contactId, directoryId }));
    return contactId;
  }

  async remove(id: string): Promise<void> {
    await this.#database.contacts.delete(id);
  }

  /** One part of an import, kept aside under `token` until it is confirmed or given up. */
  async stage(token: string, contacts: readonly ContactFields[]): Promise<void> {
    const directoryId = `${STAGING_PREFIX}${token}`;
    await this.#database.contacts.bulkPut(
      contacts.map((fields) => this.#stored({ ...fields, id: `${directoryId}/${crypto.randomUUID()}`, directoryId })),
    );
  }

  /**
   * The import confirmed: its contacts join `directoryId` (after those there, or in place of them) in one
   * transaction — a failure half-way leaves the directory as it was. Returns how many joined.
   */
  async commit(token: string, directoryId: DirectoryId, mode: 'add' | 'replace'): Promise<number> {
    const staging = `${STAGING_PREFIX}${token}`;
    return this.#database.transaction('rw', this.#database.contacts, async () => {
      if (mode === 'replace') await this.#database.contacts.where('directoryId').equals(directoryId).delete();
      const rows = await this.#database.contacts.where('directoryId').equals(staging).toArray();
      await this.#database.contacts.where('directoryId').equals(staging).delete();
      await this.#database.contacts.bulkPut(
        rows.map((row) => ({ ...row, directoryId, id: `${directoryId}/${row.id.slice(staging.length + 1)}` })),
      );
      return rows.length;
    });
  }

  async abandon(token: string): Promise<void> {
    await this.#database.contacts.where('directoryId').equals(`${STAGING_PREFIX}${token}`).delete();
  }

  /** Replaces a whole directory read from a server, at once (a sync that fails changes nothing). */
  async replaceDirectory(directoryId: DirectoryId, contacts: readonly Contact[]): Promise<void> {
    await this.#database.transaction('rw', this.#database.contacts, async () => {
      await this.#database.contacts.where('directoryId').equals(directoryId).delete();
      await this.#database.contacts.bulkPut(contacts.map((contact) => this.#stored({ ...contact, directoryId })));
    });
  }

  /** A server's changes since the last sync, at once: contacts added or changed, and those deleted. */
  async applyChanges(
    directoryId: DirectoryId,
    changed: readonly Contact[],
    deletedIds: readonly string[],
  ): Promise<void> {
    await this.#database.transaction('rw', this.#database.contacts, async () => {
      await this.#database.contacts.bulkDelete([...deletedIds]);
      await this.#database.contacts.bulkPut(changed.map((contact) => this.#stored({ ...contact, directoryId })));
    });
  }

  /** Every directory's contacts, as of the last change. */
  async allOf(directoryId: DirectoryId): Promise<Contact[]> {
    const rows = await this.#database.contacts.where('directoryId').equals(directoryId).toArray();
    return rows.map(ContactBook.#plain);
  }

  /** The office's country as stored (the keys already written were made in it): at start, no work. */
  useCountry(country: CountryCode): void {
    this.#country = country;
  }

  /** The office's country changed: numbers are keyed again in its plan. */
  async reindex(country: CountryCode): Promise<void> {
    if (country === this.#country) return;
    this.#country = country;
    await this.#database.contacts.toCollection().modify((row) => {
      row.phoneKeys = contactPhoneKeys(row, country);
    });
  }

  /** Imports never confirmed (the console closed mid-way): dropped at start. */
  async dropStaged(): Promise<void> {
    await this.#database.contacts.where('directoryId').startsWith(STAGING_PREFIX).delete();
  }
}
