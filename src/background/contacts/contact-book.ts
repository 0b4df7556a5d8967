import { Dexie } from 'dexie';
import type { CountryCode } from 'libphonenumber-js';
import type {
  CallerIdentity,
  Contact,
  ContactFields,
  ContactSearchResult,
  DirectoryId,
} from '../../shared/model/contact.ts';
import type { PackedPartManifest, StoredContact, SwitchboardDatabase } from '../storage/database.ts';
import {
  contactPhoneKeys,
  contactSearch,
  contactSearchKeys,
  numberKey,
  sortNameOf,
  type ContactSearch,
} from './contact-keys.ts';
import { PackedParts, type PackedContact } from './packed-parts.ts';
import { lowerBound } from './sorted-bounds.ts';

/** The most contacts a search brings back, all directories together: a type-ahead shows the first screenful. */
const SEARCH_LIMIT = 50;
/**
 * How many rows (for a run of digits, keys under each prefix) the index may hand over before the search gives up
 * looking for more matches, and how many rows a word's search reads at a time: a little over a screenful, as each row
 * read costs (100,000 contacts: p95 19 ms with 100 per read, 9 ms with 60).
 */
const SEARCH_SCAN = 2000;
const SEARCH_PAGE = 60;

/** A part written aside (an import being read, a server directory being read whole) before it is shown. */
const PART_PREFIX = 'part:';

/**
 * Every contact of every directory, in the extension's database (issue #13): search, list, caller identification,
 * the receptionist's own edits, and imports and server reads that land whole or not at all. The background is its
 * only writer. Numbers are indexed in the office's country (`country`); `reindex` runs when that country changes.
 *
 * A directory's contacts are those of one **part** (`directoryParts` maps a directory to its part; a directory
 * without an entry is its own part). A part has **packed** contacts — written whole by an import or a server's full
 * read, a few dozen a row (`packed-parts.ts`: 100,000 contacts stored in seconds, where a row each took 50 s) — and
 * **loose** ones, a row each in `contacts`: the receptionist's additions and edits, a server's changes since its last
 * full read, and every contact of a database from before version 4. Changing or removing a packed contact blanks it
 * in its pack (a changed one lives on as a loose row). An import or a full read is written into a new part, then
 * shown by pointing the directory at it, in one small transaction; the old part is dropped afterwards. Loose rows
 * carry their part in `directoryId`; every contact handed out carries its directory.
 */
export class ContactBook {
  readonly #database: SwitchboardDatabase;
  readonly #packed: PackedParts;
  #country: CountryCode;
  /** directory → part, and part → directory; read once, then kept by this (the only) writer. */
  #parts: Map<DirectoryId, string> | null = null;
  #directoryOfPart = new Map<string, DirectoryId>();
  /** The parts with loose rows (or that had some): searches and lookups in the others skip the table's indexes. */
  #looseParts: Set<string> | null = null;

  constructor(database: SwitchboardDatabase, country: CountryCode) {
    this.#database = database;
    this.#packed = new PackedParts(database);
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

  async #partsWithLoose(): Promise<Set<string>> {
    if (this.#looseParts === null) {
      const parts = await this.#database.contacts.orderBy('directoryId').uniqueKeys();
      this.#looseParts = new Set(parts.filter((part): part is string => typeof part === 'string'));
    }
    return this.#looseParts;
  }

  async #partOf(directoryId: DirectoryId): Promise<string> {
    return (await this.#loadParts()).get(directoryId) ?? directoryId;
  }

  /** The directory a part belongs to (null: a part not shown, an import not confirmed). */
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

  /** Writes `contacts` as a new packed part, then shows it as `directoryId` and drops the part shown before. */
  async #replaceWithPacked(directoryId: DirectoryId, contacts: readonly PackedContact[]): Promise<void> {
    const part = `${PART_PREFIX}${directoryId}-${crypto.randomUUID()}`;
    await this.#packed.write(part, contacts, this.#country);
    await this.#loadParts();
    const before = await this.#database.transaction('rw', this.#database.directoryParts, () =>
      this.#showPart(directoryId, part),
    );
    await this.#dropPart(before);
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

  /** Every contact of a part, packed or loose, as a pack keeps them (to write the part again). */
  async #everyContactOf(part: string): Promise<PackedContact[]> {
    const manifest = await this.#packed.manifest(part);
    const packed = manifest === undefined ? [] : await this.#packed.all(manifest);
    const loose = await this.#database.contacts.where('directoryId').equals(part).toArray();
    return [...packed, ...loose.map(packedOf)];
  }

  #looseOf(part: string) {
    return this.#database.contacts.where('[directoryId+sortName]').between([part, Dexie.minKey], [part, Dexie.maxKey]);
  }

  async count(directoryId: DirectoryId): Promise<number> {
    const part = await this.#partOf(directoryId);
    const loose = await this.#database.contacts.where('directoryId').equals(part).count();
    return loose + ((await this.#packed.manifest(part))?.total ?? 0);
  }

  /** A directory's contacts in name order, a page at a time: its packed contacts and loose rows, merged. */
  async list(directoryId: DirectoryId, offset: number, limit: number): Promise<Contact[]> {
    const part = await this.#partOf(directoryId);
    const manifest = await this.#packed.manifest(part);
    if (manifest === undefined || manifest.total === 0) {
      const rows = await this.#looseOf(part).offset(offset).limit(limit).toArray();
      return rows.map((row) => this.#plain(row, directoryId));
    }
    const looseNames = (await this.#looseOf(part).keys()).map((key) => (Array.isArray(key) ? String(key[1]) : ''));
    // Where to start merging: the last pack that starts at or before `offset` in the merged list (a name in both
    // comes from the pack first). Its start there is the contacts of the packs before it and the loose ones below
    // its first name.
    let seq = 0;
    let looseFrom = 0;
    let position = 0;
    for (let candidate = 0, packedBefore = 0; candidate < manifest.counts.length; candidate++) {
      const looseBelow = lowerBound(looseNames, manifest.firstNames[candidate] ?? '');
      if (packedBefore + looseBelow > offset) break;
      [seq, looseFrom, position] = [candidate, looseBelow, packedBefore + looseBelow];
      packedBefore += manifest.counts[candidate] ?? 0;
    }
    const looseRows = await this.#looseOf(part)
      .offset(looseFrom)
      .limit(offset + limit - position)
      .toArray();
    const packed: PackedContact[] = [];
    const page: Contact[] = [];
    let nextSeq = seq;
    let packedIndex = 0;
    let looseIndex = 0;
    while (position < offset + limit) {
      if (packedIndex === packed.length && nextSeq < manifest.counts.length) {
        for (const pack of await this.#packed.packsFrom(part, nextSeq, 2)) {
          for (const contact of pack) if (contact !== null) packed.push(contact);
        }
        nextSeq += 2;
        continue;
      }
      const fromPack = packed[packedIndex];
      const fromLoose = looseRows[looseIndex];
      let next: Contact;
      if (fromPack !== undefined && (fromLoose === undefined || sortNameOf(fromPack.name) <= fromLoose.sortName)) {
        next = { ...fromPack, directoryId };
        packedIndex += 1;
      } else if (fromLoose !== undefined) {
        next = this.#plain(fromLoose, directoryId);
        looseIndex += 1;
      } else break;
      if (position >= offset) page.push(next);
      position += 1;
    }
    return page;
  }

  async get(ids: readonly string[]): Promise<Contact[]> {
    await this.#loadParts();
    const found = new Map<string, Contact>();
    for (const row of await this.#database.contacts.bulkGet([...ids])) {
      const directoryId = row === undefined ? null : this.#directoryOf(row.directoryId);
      if (row !== undefined && directoryId !== null) found.set(row.id, this.#plain(row, directoryId));
    }
    for (const manifest of (await this.#packed.manifests()).values()) {
      const missing = ids.filter((id) => !found.has(id));
      const directoryId = this.#directoryOf(manifest.part);
      if (missing.length === 0) break;
      if (directoryId === null) continue;
      for (const [id, { contact }] of await this.#packed.locate(manifest, missing)) {
        found.set(id, { ...contact, directoryId });
      }
    }
    return ids.flatMap((id) => found.get(id) ?? []);
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
    // Every source read at once, up to a screenful each: the loose rows (through the table's index), then each
    // directory's packed part.
    const looseParts = await this.#partsWithLoose();
    const sources: Promise<Contact[]>[] = [];
    if ([...parts.keys()].some((part) => looseParts.has(part))) {
      sources.push(
        this.#matchesUnder(search, async (prefix, offset, limit) => {
          const rows = await this.#database.contacts
            .where('searchKeys')
            .startsWith(prefix)
            .offset(offset)
            .limit(limit)
            .toArray();
          return {
            count: rows.length,
            contacts: rows.flatMap((row) => {
              const directoryId = parts.get(row.directoryId);
              return directoryId === undefined ? [] : [this.#plain(row, directoryId)];
            }),
          };
        }),
      );
    }
    for (const [part, directoryId] of parts) {
      const manifest = await this.#packed.manifest(part);
      if (manifest === undefined) continue;
      sources.push(this.#packedMatches(search, manifest, directoryId));
      // The next keystrokes find their contacts in memory.
      void this.#packed.keepWhole(part);
    }
    const found = new Map<DirectoryId, Contact[]>();
    const seen = new Set<string>();
    for (const contact of (await Promise.all(sources)).flat()) {
      if (seen.size >= SEARCH_LIMIT || seen.has(contact.id)) continue;
      seen.add(contact.id);
      found.set(contact.directoryId, [...(found.get(contact.directoryId) ?? []), contact]);
    }
    return directoryIds
      .filter((id) => found.has(id))
      .map((id) => ({ directoryId: id, contacts: byName(found.get(id) ?? []) }));
  }

  /**
   * Up to a screenful of loose rows matching a search in the table's index (`read`: what it holds under `prefix`,
   * from the `offset`-th, at most `limit`; `count` says how many there were, matching or not). A word has one prefix,
   * read a page at a time, as a contact may match the word and not the rest of what was typed. A run of digits has
   * eleven (the run at an even position in its number, and each digit then the run), and everything under them holds
   * it: the run's own first (a common run fills a screenful there), then the ten others at once.
   */
  async #matchesUnder(
    search: ContactSearch,
    read: (prefix: string, offset: number, limit: number) => Promise<{ count: number; contacts: Contact[] }>,
  ): Promise<Contact[]> {
    const matched = new Map<string, Contact>();
    const page = search.prefixes.length === 1 ? () => SEARCH_PAGE : () => SEARCH_LIMIT - matched.size;
    const readAll = async (group: readonly string[]) => {
      let pending = group.map((prefix) => ({ prefix, offset: 0 }));
      while (pending.length > 0 && matched.size < SEARCH_LIMIT) {
        const limit = page();
        const pages = await Promise.all(pending.map(({ prefix, offset }) => read(prefix, offset, limit)));
        for (const contact of pages.flatMap((each) => each.contacts)) {
          // The same contact may be found under two keys (two words starting alike, a run in two numbers).
          if (matched.size < SEARCH_LIMIT && !matched.has(contact.id) && search.matches(contact)) {
            matched.set(contact.id, contact);
          }
        }
        // A full page may hide more: contacts of directories not searched, blanks, contacts not matching every word.
        pending = pending.flatMap((each, index) => {
          const count = pages[index]?.count ?? 0;
          const offset = each.offset + count;
          return count === limit && offset < SEARCH_SCAN ? [{ prefix: each.prefix, offset }] : [];
        });
      }
    };
    const [first, ...others] = search.prefixes;
    await readAll([first]);
    if (others.length > 0) await readAll(others);
    return [...matched.values()];
  }

  /**
   * Up to a screenful of a packed part's contacts matching a search: the positions under the search's prefix come
   * from the key blocks (kept once read), then each page of them is read from the packs in one request.
   */
  async #packedMatches(
    search: ContactSearch,
    manifest: PackedPartManifest,
    directoryId: DirectoryId,
  ): Promise<Contact[]> {
    const matched = new Map<string, Contact>();
    for (let read = 0; read < SEARCH_SCAN && matched.size < SEARCH_LIMIT; read += SEARCH_PAGE) {
      const positions = await this.#packed.positionsUnder(manifest, search.packedPrefix, read, SEARCH_PAGE);
      for (const contact of await this.#packed.contactsAt(manifest.part, positions)) {
        // The same contact may be found under two keys (two words starting alike, a run in two numbers).
        if (contact === null || matched.size >= SEARCH_LIMIT || matched.has(contact.id)) continue;
        if (search.matches({ ...contact, directoryId })) matched.set(contact.id, { ...contact, directoryId });
      }
      if (positions.length < SEARCH_PAGE) break;
    }
    return [...matched.values()];
  }

  /** Who a number is, in the first of `directoryIds` that knows it; null when none does. */
  async identify(number: string, directoryIds: readonly DirectoryId[]): Promise<CallerIdentity | null> {
    const key = numberKey(number, this.#country);
    if (key === null) return null;
    const parts = await Promise.all(directoryIds.map((directoryId) => this.#partOf(directoryId)));
    const looseParts = await this.#partsWithLoose();
    // The loose rows and each directory's packed part, read at once.
    const [rows, ...packed] = await Promise.all([
      parts.some((part) => looseParts.has(part))
        ? this.#database.contacts.where('phoneKeys').equals(key).limit(20).toArray()
        : [],
      ...parts.map(async (part) => {
        const manifest = await this.#packed.manifest(part);
        if (manifest === undefined) return null;
        const caller = await this.#packed.caller(manifest, key);
        // The next callers are named from memory.
        void this.#packed.keepCallers(manifest);
        return caller;
      }),
    ]);
    for (const [index, directoryId] of directoryIds.entries()) {
      const row = rows.find((candidate) => candidate.directoryId === parts[index]);
      if (row !== undefined) return { name: row.name, contactId: row.id, directoryId };
      const contact = packed[index];
      if (contact) return { name: contact.name, contactId: contact.id, directoryId };
    }
    return null;
  }

  /** Adds (`id` null) or replaces a contact of a directory kept in this browser; returns its id. */
  async save(directoryId: DirectoryId, id: string | null, fields: ContactFields): Promise<string> {
    const contactId = id ?? `${directoryId}/${crypto.randomUUID()}`;
    const part = await this.#partOf(directoryId);
    await this.#writeLoose(part, [{ ...fields, id: contactId, directoryId }], id === null ? [] : [id]);
    return contactId;
  }

  /** Removes a contact, a loose row or a packed one (blanked in its part). */
  async remove(id: string): Promise<void> {
    const row = await this.#database.contacts.get(id);
    const parts = new Set([
      ...(row === undefined ? [] : [row.directoryId]),
      ...(await this.#packed.manifests()).keys(),
    ]);
    for (const part of parts) await this.#writeLoose(part, [], [id]);
  }

  /**
   * Writes loose rows of a part and deletes others, at once: a packed contact of the part with one of those ids is
   * blanked (a changed one lives on as its loose row).
   */
  async #writeLoose(part: string, changed: readonly Contact[], deletedIds: readonly string[]): Promise<void> {
    const manifest = await this.#packed.manifest(part);
    const ids = [...changed.map((contact) => contact.id), ...deletedIds];
    const located = manifest === undefined || ids.length === 0 ? null : await this.#packed.locate(manifest, ids);
    const tables = [this.#database.contacts, this.#database.contactPacks, this.#database.contactPackedParts];
    await this.#database.transaction('rw', tables, async () => {
      if (manifest !== undefined && located !== null) {
        await this.#packed.blank(
          manifest,
          [...located.values()].map((at) => at.position),
        );
      }
      await this.#database.contacts.bulkDelete([...deletedIds]);
      await this.#database.contacts.bulkPut(changed.map((contact) => this.#stored(contact, part)));
    });
    if (changed.length > 0) (await this.#partsWithLoose()).add(part);
  }

  /** One part of an import, written aside under `token` until it is confirmed or given up. */
  async stage(token: string, contacts: readonly ContactFields[]): Promise<void> {
    // Ids in the order they are written (time, then place in the part).
    const batch = `imported/${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
    await this.#packed.stage(
      `${PART_PREFIX}${token}`,
      contacts.map((fields, index) => ({ ...fields, id: `${batch}-${index.toString(36).padStart(4, '0')}` })),
    );
  }

  /**
   * The import confirmed: its contacts join `directoryId` (after those there, or in place of them) at once — a
   * failure before the end leaves the directory as it was. The directory is written again, packed, with the import
   * (and, adding, its own contacts), then shown. Returns how many joined.
   */
  async commit(token: string, directoryId: DirectoryId, mode: 'add' | 'replace'): Promise<number> {
    const staged = `${PART_PREFIX}${token}`;
    const imported = await this.#packed.staged(staged);
    const kept = mode === 'replace' ? [] : await this.#everyContactOf(await this.#partOf(directoryId));
    await this.#replaceWithPacked(directoryId, [...kept, ...imported]);
    await this.#packed.drop(staged);
    return imported.length;
  }

  /** A part's loose rows and packed contacts (or an import's staged ones). */
  async #dropPart(part: string): Promise<void> {
    await this.#database.contacts.where('directoryId').equals(part).delete();
    await this.#packed.drop(part);
  }

  async abandon(token: string): Promise<void> {
    await this.#dropPart(`${PART_PREFIX}${token}`);
  }

  /** Replaces a whole directory read from a server: written aside, then shown at once (a failure changes nothing). */
  async replaceDirectory(directoryId: DirectoryId, contacts: readonly Contact[]): Promise<void> {
    await this.#replaceWithPacked(
      directoryId,
      contacts.map(({ directoryId: _directoryId, ...contact }) => contact),
    );
  }

  /** A server's changes since the last sync, at once: contacts added or changed, and those deleted. */
  async applyChanges(
    directoryId: DirectoryId,
    changed: readonly Contact[],
    deletedIds: readonly string[],
  ): Promise<void> {
    const part = await this.#partOf(directoryId);
    await this.#writeLoose(
      part,
      changed.map((contact) => ({ ...contact, directoryId })),
      deletedIds,
    );
  }

  /** The office's country as stored (the keys already written were made in it): at start, no work. */
  useCountry(country: CountryCode): void {
    this.#country = country;
  }

  /** The office's country changed: numbers are keyed again in its plan (packed directories are written again). */
  async reindex(country: CountryCode): Promise<void> {
    if (country === this.#country) return;
    this.#country = country;
    await this.#database.contacts.toCollection().modify((row) => {
      row.phoneKeys = contactPhoneKeys(row, country);
    });
    await this.#loadParts();
    for (const manifest of [...(await this.#packed.manifests()).values()]) {
      const directoryId = this.#directoryOf(manifest.part);
      if (directoryId === null) continue;
      const contacts = await this.#packed.all(manifest);
      const part = `${PART_PREFIX}${directoryId}-${crypto.randomUUID()}`;
      await this.#packed.write(part, contacts, country);
      await this.#database.transaction('rw', this.#database.directoryParts, () => this.#showPart(directoryId, part));
      // The loose rows stay the directory's: they move to its new part.
      (await this.#partsWithLoose()).add(part);
      await this.#database.contacts
        .where('directoryId')
        .equals(manifest.part)
        .modify((row) => {
          row.directoryId = part;
        });
      await this.#packed.drop(manifest.part);
    }
  }

  /** Parts no directory shows (an import never confirmed, a read cut short): dropped at start. */
  async dropStaged(): Promise<void> {
    const shown = new Set((await this.#loadParts()).values());
    const loose = await this.#database.contacts.where('directoryId').startsWith(PART_PREFIX).uniqueKeys();
    const parts = new Set([...loose.map(String), ...(await this.#packed.partsStored())]);
    for (const part of parts) if (part.startsWith(PART_PREFIX) && !shown.has(part)) await this.#dropPart(part);
  }
}

/** A loose row as a pack keeps it: without its part and index keys. */
function packedOf(row: StoredContact): PackedContact {
  const { directoryId: _part, sortName: _sortName, searchKeys: _searchKeys, phoneKeys: _phoneKeys, ...contact } = row;
  return contact;
}

/** The browser's collation, made once (`localeCompare` looks it up on each call). */
const NAME_ORDER = new Intl.Collator();

/** Contacts by name, as a list shows them: each name's sort key made once, not at each comparison. */
function byName(contacts: readonly Contact[]): Contact[] {
  return contacts
    .map((contact) => ({ contact, key: sortNameOf(contact.name) }))
    .sort((left, right) => NAME_ORDER.compare(left.key, right.key))
    .map((each) => each.contact);
}
