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
/**
 * How many rows (for a run of digits, keys under each prefix) the index may hand over before the search gives up
 * looking for more matches, and how many rows a word's search reads at a time: a little over a screenful, as each row
 * read costs (100,000 contacts: p95 19 ms with 100 per read, 9 ms with 60).
 */
const SEARCH_SCAN = 2000;
const SEARCH_PAGE = 60;

/** How many contacts of an import's part are keyed and written in one go (one task of the background). */
const STAGE_SLICE = 100;

/** A part written aside (an import being read, a server directory being read whole) before it is shown. */
const PART_PREFIX = 'part:';

/**
 * Every contact of every directory, in the extension's database (issue #13): search, list, caller identification,
 * the receptionist's own edits, and imports and server reads that land whole or not at all. The background is its
 * only writer. Numbers are indexed in the office's country (`country`); `reindex` runs when that country changes.
 *
 * A directory's contacts are the rows of one **part** (`directoryParts` maps a directory to its part; a directory
 * without an entry is its own part). A large import or a full read from a server is written into a new part, then
 * shown by pointing the directory at it, in one small transaction — the rows are written once and never moved
 * (moving 100,000 rows rewrites every index entry and took minutes); the old part is deleted afterwards. Rows carry
 * their part in `directoryId`; every contact handed out carries its directory.
 */
export class ContactBook {
  readonly #database: SwitchboardDatabase;
  #country: CountryCode;
  /** directory → part, and part → directory; read once, then kept by this (the only) writer. */
  #parts: Map<DirectoryId, string> | null = null;
  #directoryOfPart = new Map<string, DirectoryId>();

  constructor(database: SwitchboardDatabase, country: CountryCode) {
    this.#database = database;
    this.#country = country;
  }

  async #loadParts(): Promise<Map<DirectoryId, string>> {
    if (this.#parts === null) {
      const rows = await this.#database.directoryParts.toArray();
      this.#parts = new Map(rows.map((row) => [row.directoryId, row.part]));
      this.#directoryOfPart = new Map(rows.map((row) => [row.part, row.directoryId]));
    }
    return this.#parts;
  }

  async #partOf(directoryId: DirectoryId): Promise<string> {
    return (await this.#loadParts()).get(directoryId) ?? directoryId;
  }

  /** The directory a stored row belongs to (null: a part not shown, an import not confirmed). */
  #directoryOf(part: string): DirectoryId | null {
    return this.#directoryOfPart.get(part) ?? (part.startsWith(PART_PREFIX) ? null : part);
  }

  /**
   * Points `directoryId` at `part`, in the transaction around it; returns the part it showed before. The parts must be
   * loaded first (`#loadParts`, outside the transaction: nothing but database work may be awaited inside one).
   */
  async #showPart(directoryId: DirectoryId, part: string): Promise<string> {
    const parts = this.#parts;
    if (parts === null) throw new Error('the directory parts are not loaded');
    const before = parts.get(directoryId) ?? directoryId;
    await this.#database.directoryParts.put({ directoryId, part });
    parts.set(directoryId, part);
    this.#directoryOfPart.delete(before);
    this.#directoryOfPart.set(part, directoryId);
    return before;
  }

  #stored(contact: Contact, part: string): StoredContact {
    return {
      ...contact,
      directoryId: part,
      sortName: sortNameOf(contact.name),
      searchKeys: contactSearchKeys(contact),
      phoneKeys: contactPhoneKeys(contact, this.#country),
    };
  }

  /** The contact as every UI sees it: its directory, without the index keys. */
  #plain(stored: StoredContact, directoryId: DirectoryId): Contact {
    const { sortName: _sortName, searchKeys: _searchKeys, phoneKeys: _phoneKeys, ...contact } = stored;
    return { ...contact, directoryId };
  }

  async count(directoryId: DirectoryId): Promise<number> {
    return this.#database.contacts
      .where('directoryId')
      .equals(await this.#partOf(directoryId))
      .count();
  }

  /** A directory's contacts in name order, a page at a time. */
  async list(directoryId: DirectoryId, offset: number, limit: number): Promise<Contact[]> {
    const part = await this.#partOf(directoryId);
    const rows = await this.#database.contacts
      .where('[directoryId+sortName]')
      .between([part, Dexie.minKey], [part, Dexie.maxKey])
      .offset(offset)
      .limit(limit)
      .toArray();
    return rows.map((row) => this.#plain(row, directoryId));
  }

  async get(ids: readonly string[]): Promise<Contact[]> {
    await this.#loadParts();
    const rows = await this.#database.contacts.bulkGet([...ids]);
    return rows.flatMap((row) => {
      const directoryId = row === undefined ? null : this.#directoryOf(row.directoryId);
      return row === undefined || directoryId === null ? [] : [this.#plain(row, directoryId)];
    });
  }

  /**
   * The contacts matching what was typed, across `directoryIds` (in that order, one group each, names sorted);
   * contacts of other directories (hidden ones, imports not confirmed) are never returned.
   */
  async search(text: string, directoryIds: readonly DirectoryId[]): Promise<ContactSearchResult> {
    const search = contactSearch(text);
    if (search === null) return [];
    const parts = new Map<string, DirectoryId>();
    for (const directoryId of directoryIds) parts.set(await this.#partOf(directoryId), directoryId);
    const found = new Map<DirectoryId, Contact[]>();
    const seen = new Set<string>();
    const consider = (rows: readonly StoredContact[]) => {
      for (const row of rows) {
        const directoryId = parts.get(row.directoryId);
        // The same contact may be found under two keys (two words starting alike, a run in two numbers).
        if (seen.size >= SEARCH_LIMIT || seen.has(row.id) || directoryId === undefined) continue;
        const contact = this.#plain(row, directoryId);
        if (!search.matches(contact)) continue;
        seen.add(row.id);
        found.set(directoryId, [...(found.get(directoryId) ?? []), contact]);
      }
    };
    const keys = () => this.#database.contacts.where('searchKeys');
    const [first, ...others] = search.prefixes;
    if (others.length === 0) {
      // One prefix (a word): read in pages with getAll (much faster than a cursor row by row) until a screenful
      // matched, as a row may match the word and not the rest of what was typed.
      for (let offset = 0; offset < SEARCH_SCAN && seen.size < SEARCH_LIMIT; offset += SEARCH_PAGE) {
        const rows = await keys().startsWith(first).offset(offset).limit(SEARCH_PAGE).toArray();
        consider(rows);
        if (rows.length < SEARCH_PAGE) break;
      }
    } else {
      // A run of digits: eleven prefixes (the run at an even position in its number, and each digit then the run),
      // and every row under them holds the run. The run's own prefix first (a common run fills a screenful there),
      // then the ten others at once; rows read with getAll as for a word, one request per prefix. Read row by row (a
      // cursor, or the ids then a get each), these were the slowest searches of all.
      const readUnder = async (prefixes: readonly string[]) => {
        let pending = prefixes.map((prefix) => ({ prefix, offset: 0 }));
        while (pending.length > 0 && seen.size < SEARCH_LIMIT) {
          const wanted = SEARCH_LIMIT - seen.size;
          const pages = await Promise.all(
            pending.map(({ prefix, offset }) => keys().startsWith(prefix).offset(offset).limit(wanted).toArray()),
          );
          // A full page may hide more: rows of directories not searched (hidden, or an import's part being replaced).
          pending = pending.flatMap((read, index) => {
            const rows = pages[index] ?? [];
            consider(rows);
            const offset = read.offset + rows.length;
            return rows.length === wanted && offset < SEARCH_SCAN ? [{ prefix: read.prefix, offset }] : [];
          });
        }
      };
      await readUnder([first]);
      await readUnder(others);
    }
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
      const part = await this.#partOf(directoryId);
      const row = rows.find((candidate) => candidate.directoryId === part);
      if (row !== undefined) return { name: row.name, contactId: row.id, directoryId };
    }
    return null;
  }

  /** Adds (`id` null) or replaces a contact of a directory kept in this browser; returns its id. */
  async save(directoryId: DirectoryId, id: string | null, fields: ContactFields): Promise<string> {
    const contactId = id ?? `${directoryId}/${crypto.randomUUID()}`;
    const part = await this.#partOf(directoryId);
    await this.#database.contacts.put(this.#stored({ ...fields, id: contactId, directoryId }, part));
    return contactId;
  }

  async remove(id: string): Promise<void> {
    await this.#database.contacts.delete(id);
  }

  /** One part of an import, written aside under `token` until it is confirmed or given up. */
  async stage(token: string, contacts: readonly ContactFields[]): Promise<void> {
    const part = `${PART_PREFIX}${token}`;
    // Ids in the order they are written (time, then place in the part): IndexedDB appends them, where random ones
    // (a UUID each) scattered every write over the whole table — 100,000 contacts staged in 33 s instead of 45 s.
    const batch = `imported/${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
    // Keying and writing 1,000 contacts in one go held the background ~250 ms, every call's state waiting behind it: a
    // slice at a time, in one transaction (one each cost ~10 % more time), the calls' messages go between the slices.
    await this.#database.transaction('rw', this.#database.contacts, async () => {
      for (let start = 0; start < contacts.length; start += STAGE_SLICE) {
        await this.#database.contacts.bulkPut(
          contacts.slice(start, start + STAGE_SLICE).map((fields, offset) => {
            const id = `${batch}-${(start + offset).toString(36).padStart(4, '0')}`;
            return this.#stored({ ...fields, id, directoryId: part }, part);
          }),
        );
      }
    });
  }

  /**
   * The import confirmed: its contacts join `directoryId` (after those there, or in place of them) at once — a
   * failure before the end leaves the directory as it was. Replacing (or filling an empty directory) points the
   * directory at the imported part; adding moves whichever of the two parts is smaller into the other. Returns how
   * many joined.
   */
  async commit(token: string, directoryId: DirectoryId, mode: 'add' | 'replace'): Promise<number> {
    const staged = `${PART_PREFIX}${token}`;
    const count = await this.#database.contacts.where('directoryId').equals(staged).count();
    const current = await this.#partOf(directoryId);
    const existing = mode === 'replace' ? 0 : await this.count(directoryId);
    const tables = [this.#database.contacts, this.#database.directoryParts];
    await this.#loadParts();
    if (existing === 0) {
      const before = await this.#database.transaction('rw', tables, () => this.#showPart(directoryId, staged));
      await this.#dropPart(before);
    } else if (existing <= count) {
      await this.#database.transaction('rw', tables, async () => {
        await this.#movePart(current, staged);
        await this.#showPart(directoryId, staged);
      });
    } else {
      await this.#database.transaction('rw', this.#database.contacts, () => this.#movePart(staged, current));
    }
    return count;
  }

  /** Every row of one part into another (within the caller's transaction). */
  async #movePart(from: string, to: string): Promise<void> {
    await this.#database.contacts
      .where('directoryId')
      .equals(from)
      .modify((row) => {
        row.directoryId = to;
      });
  }

  async #dropPart(part: string): Promise<void> {
    await this.#database.contacts.where('directoryId').equals(part).delete();
  }

  async abandon(token: string): Promise<void> {
    await this.#dropPart(`${PART_PREFIX}${token}`);
  }

  /** Replaces a whole directory read from a server: written aside, then shown at once (a failure changes nothing). */
  async replaceDirectory(directoryId: DirectoryId, contacts: readonly Contact[]): Promise<void> {
    const part = `${PART_PREFIX}${directoryId}-${crypto.randomUUID()}`;
    try {
      await this.#database.contacts.bulkPut(contacts.map((contact) => this.#stored({ ...contact, directoryId }, part)));
    } catch (error) {
      await this.#dropPart(part);
      throw error;
    }
    await this.#loadParts();
    const before = await this.#database.transaction(
      'rw',
      [this.#database.contacts, this.#database.directoryParts],
      () => this.#showPart(directoryId, part),
    );
    await this.#dropPart(before);
  }

  /** A server's changes since the last sync, at once: contacts added or changed, and those deleted. */
  async applyChanges(
    directoryId: DirectoryId,
    changed: readonly Contact[],
    deletedIds: readonly string[],
  ): Promise<void> {
    const part = await this.#partOf(directoryId);
    await this.#database.transaction('rw', this.#database.contacts, async () => {
      await this.#database.contacts.bulkDelete([...deletedIds]);
      await this.#database.contacts.bulkPut(changed.map((contact) => this.#stored({ ...contact, directoryId }, part)));
    });
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

  /** Parts no directory shows (an import never confirmed, a read cut short): dropped at start. */
  async dropStaged(): Promise<void> {
    const shown = new Set((await this.#loadParts()).values());
    const keys = await this.#database.contacts.where('directoryId').startsWith(PART_PREFIX).uniqueKeys();
    const orphans = keys.filter((part): part is string => typeof part === 'string' && !shown.has(part));
    for (const part of orphans) await this.#dropPart(part);
  }
}
