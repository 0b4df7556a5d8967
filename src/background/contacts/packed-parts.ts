import type { CountryCode } from 'libphonenumber-js';
import type { Contact } from '../../shared/model/contact.ts';
import type { ContactKeyBlock, ContactPack, PackedPartManifest, SwitchboardDatabase } from '../storage/database.ts';
import { contactPhoneKeys, contactSearchKeys, sortNameOf } from './contact-keys.ts';

/** A contact as a pack keeps it: its directory is the part's, given when it is read. */
export type PackedContact = Omit<Contact, 'directoryId'>;

/**
 * Contacts per pack: a search result reads a whole pack for each contact it shows (50 results, up to 50 packs), and
 * a listing a pack per screenful; 64 keeps both small, and 100,000 contacts are ~1,600 writes.
 */
export const PACK_SIZE = 64;
/** Key entries per block: a prefix's first entries are in one block, read whole (~30 KB). */
const BLOCK_SIZE = 1024;
/** Between a key and the position of its contact in the part; below every character a key holds. */
const SEPARATOR = '\u0001';
/** Positions written in base 36 on five characters (up to 60 million): an entry's order is then its key's, then name. */
const POSITION_WIDTH = 5;
/** Decoded key blocks kept (they never change): the blocks of the last searches, ~1 MB at most. */
const BLOCK_CACHE = 48;
/** How long the background works on a part before letting other messages (a call's state) through. */
const SLICE_MS = 12;
/** Rows per write while a part is written (a transaction each; the part is shown only once all are written). */
const ROWS_PER_WRITE = 32;

/** Lets the background's other messages through between slices of a long piece of work. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The key under which a contact is found by its id, its number (caller identification) or what was typed. */
export const idKey = (id: string) => `i:${id}`;
export const phoneKey = (numberKey: string) => `p:${numberKey}`;
/** The prefix of the entries of exactly `key` (not of the keys it starts). */
export const exactly = (key: string) => `${key}${SEPARATOR}`;

/**
 * Directories written whole, packed (database version 4, `database-migrations/v4-packed-contacts.ts`). A packed part
 * is written once, all of it, before any directory shows it, and never rewritten: a contact changed or removed
 * afterwards is blanked in its pack (the contact book keeps its new version as a loose row) and its keys, left in the
 * blocks, lead to the blank and are skipped. The contact book is the only user; this holds what it has read of the
 * parts (their manifests, the key blocks of the last searches).
 */
export class PackedParts {
  readonly #database: SwitchboardDatabase;
  #manifests: Map<string, PackedPartManifest> | null = null;
  readonly #blocks = new Map<string, string[]>();

  constructor(database: SwitchboardDatabase) {
    this.#database = database;
  }

  /** Every packed part's manifest, read once. */
  async manifests(): Promise<Map<string, PackedPartManifest>> {
    if (this.#manifests === null) {
      const rows = await this.#database.contactPackedParts.toArray();
      this.#manifests = new Map(rows.map((row) => [row.part, row]));
    }
    return this.#manifests;
  }

  async manifest(part: string): Promise<PackedPartManifest | undefined> {
    return (await this.manifests()).get(part);
  }

  /**
   * Writes `contacts` as the packed part `part`: sorted by name (then id), packed, keyed in the office's country.
   * Work and writes go in slices (the background keeps answering); the part is complete once this resolves, and a
   * failure drops what was written of it.
   */
  async write(part: string, contacts: readonly PackedContact[], country: CountryCode): Promise<void> {
    try {
      await this.#write(part, contacts, country);
    } catch (error) {
      await this.drop(part);
      throw error;
    }
  }

  async #write(part: string, contacts: readonly PackedContact[], country: CountryCode): Promise<void> {
    const sorted = contacts
      .map((contact) => ({ contact, sortName: sortNameOf(contact.name) }))
      .sort((left, right) => compare(left.sortName, right.sortName) || compare(left.contact.id, right.contact.id));
    // Entries in buckets by their first characters, each bucket sorted on its own (a task each, not one of seconds).
    const buckets = new Map<string, string[]>();
    const packs: ContactPack[] = [];
    const manifest: PackedPartManifest = { part, total: sorted.length, counts: [], firstNames: [], blockFirsts: [] };
    let sliceStart = performance.now();
    for (let position = 0; position < sorted.length; position++) {
      const { contact, sortName } = sorted[position] ?? { contact: null, sortName: '' };
      if (contact === null) continue;
      const seq = Math.floor(position / PACK_SIZE);
      let pack = packs[seq];
      if (pack === undefined) {
        pack = { id: packId(part, seq), part, seq, contacts: [] };
        packs[seq] = pack;
        manifest.counts[seq] = 0;
        manifest.firstNames[seq] = sortName;
      }
      pack.contacts.push(JSON.stringify(contact));
      manifest.counts[seq] = (manifest.counts[seq] ?? 0) + 1;
      const suffix = `${SEPARATOR}${position.toString(36).padStart(POSITION_WIDTH, '0')}`;
      const keys = [
        idKey(contact.id),
        ...contactSearchKeys(contact),
        ...contactPhoneKeys(contact, country).map(phoneKey),
      ];
      for (const key of keys) {
        const entry = key + suffix;
        const bucketName = entry.slice(0, 4);
        const bucket = buckets.get(bucketName);
        if (bucket === undefined) buckets.set(bucketName, [entry]);
        else bucket.push(entry);
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTask();
        sliceStart = performance.now();
      }
    }
    for (let start = 0; start < packs.length; start += ROWS_PER_WRITE) {
      await this.#database.contactPacks.bulkPut(packs.slice(start, start + ROWS_PER_WRITE));
    }
    // The sorted entries, cut into blocks as they come, written a few blocks at a time.
    const blocks: ContactKeyBlock[] = [];
    let block: ContactKeyBlock | null = null;
    for (const bucketName of [...buckets.keys()].sort(compare)) {
      const bucket = (buckets.get(bucketName) ?? []).sort(compare);
      buckets.delete(bucketName);
      for (const entry of bucket) {
        if (block === null) {
          const seq = manifest.blockFirsts.length;
          block = { id: blockId(part, seq), part, seq, entries: [] };
          manifest.blockFirsts.push(entry);
        }
        block.entries.push(entry);
        if (block.entries.length === BLOCK_SIZE) {
          blocks.push(block);
          block = null;
        }
      }
      if (blocks.length >= ROWS_PER_WRITE) await this.#database.contactKeyBlocks.bulkPut(blocks.splice(0));
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTask();
        sliceStart = performance.now();
      }
    }
    if (block !== null) blocks.push(block);
    await this.#database.contactKeyBlocks.bulkPut(blocks);
    await this.#database.contactPackedParts.put(manifest);
    (await this.manifests()).set(part, manifest);
  }

  /** Drops a packed part, or an import's staged part: its packs, blocks and manifest. */
  async drop(part: string): Promise<void> {
    await this.#database.transaction(
      'rw',
      [this.#database.contactPacks, this.#database.contactKeyBlocks, this.#database.contactPackedParts],
      async () => {
        await this.#database.contactPacks.where('part').equals(part).delete();
        await this.#database.contactKeyBlocks.where('part').equals(part).delete();
        await this.#database.contactPackedParts.delete(part);
      },
    );
    (await this.manifests()).delete(part);
    for (const id of this.#blocks.keys()) if (id.startsWith(`${part}#`)) this.#blocks.delete(id);
  }

  /** Every part with rows here (packed, or an import's staged part), to find those no directory shows. */
  async partsStored(): Promise<string[]> {
    const parts = new Set<string>((await this.manifests()).keys());
    for (const table of [this.#database.contactPacks, this.#database.contactKeyBlocks]) {
      for (const part of await table.orderBy('part').uniqueKeys()) if (typeof part === 'string') parts.add(part);
    }
    return [...parts];
  }

  /**
   * The positions of the contacts found under keys starting with `prefix`, in key then name order, from the
   * `skip`-th on, at most `limit` of them.
   */
  async positionsUnder(manifest: PackedPartManifest, prefix: string, skip: number, limit: number): Promise<number[]> {
    const positions: number[] = [];
    let seq = Math.max(0, lastAtOrBelow(manifest.blockFirsts, prefix));
    let skipped = 0;
    for (; seq < manifest.blockFirsts.length && positions.length < limit; seq++) {
      const entries = await this.#block(manifest.part, seq);
      for (let index = lowerBound(entries, prefix); index < entries.length; index++) {
        const entry = entries[index] ?? '';
        if (!entry.startsWith(prefix)) return positions;
        if (skipped++ < skip) continue;
        positions.push(parseInt(entry.slice(entry.lastIndexOf(SEPARATOR) + 1), 36));
        if (positions.length >= limit) return positions;
      }
    }
    return positions;
  }

  /** Reads the first block of each prefix at once (a search's digits look under eleven). */
  async prefetch(manifest: PackedPartManifest, prefixes: readonly string[]): Promise<void> {
    const seqs = prefixes.map((prefix) => Math.max(0, lastAtOrBelow(manifest.blockFirsts, prefix)));
    const missing = [...new Set(seqs)].filter(
      (seq) => seq < manifest.blockFirsts.length && !this.#blocks.has(blockId(manifest.part, seq)),
    );
    if (missing.length === 0) return;
    const rows = await this.#database.contactKeyBlocks.bulkGet(missing.map((seq) => blockId(manifest.part, seq)));
    for (const row of rows) if (row !== undefined) this.#remember(row.id, row.entries);
  }

  async #block(part: string, seq: number): Promise<string[]> {
    const id = blockId(part, seq);
    const cached = this.#blocks.get(id);
    if (cached !== undefined) {
      // Most recently used last: the first in the map is the one to forget.
      this.#blocks.delete(id);
      this.#blocks.set(id, cached);
      return cached;
    }
    const entries = (await this.#database.contactKeyBlocks.get(id))?.entries ?? [];
    this.#remember(id, entries);
    return entries;
  }

  #remember(id: string, entries: string[]): void {
    this.#blocks.set(id, entries);
    for (const oldest of this.#blocks.keys()) {
      if (this.#blocks.size <= BLOCK_CACHE) break;
      this.#blocks.delete(oldest);
    }
  }

  /** The contacts at `positions` of a part, in that order; null where one was blanked (changed or removed since). */
  async contactsAt(part: string, positions: readonly number[]): Promise<(PackedContact | null)[]> {
    const packs = await this.#packs(
      part,
      positions.map((position) => Math.floor(position / PACK_SIZE)),
    );
    return positions.map((position) => {
      const json = packs.get(Math.floor(position / PACK_SIZE))?.contacts[position % PACK_SIZE] ?? '';
      return json === '' ? null : (JSON.parse(json) as PackedContact);
    });
  }

  async #packs(part: string, seqs: readonly number[]): Promise<Map<number, ContactPack>> {
    const unique = [...new Set(seqs)];
    const rows = await this.#database.contactPacks.bulkGet(unique.map((seq) => packId(part, seq)));
    return new Map(rows.flatMap((row) => (row === undefined ? [] : [[row.seq, row]])));
  }

  /** Where each of `ids` is in the part, and the contact there, for those it holds and has not blanked. */
  async locate(
    manifest: PackedPartManifest,
    ids: readonly string[],
  ): Promise<Map<string, { position: number; contact: PackedContact }>> {
    const prefixes = ids.map((id) => exactly(idKey(id)));
    await this.prefetch(manifest, prefixes);
    const positions = new Map<string, number>();
    for (const [index, prefix] of prefixes.entries()) {
      const [position] = await this.positionsUnder(manifest, prefix, 0, 1);
      const id = ids[index];
      if (position !== undefined && id !== undefined) positions.set(id, position);
    }
    const contacts = await this.contactsAt(manifest.part, [...positions.values()]);
    const found = new Map<string, { position: number; contact: PackedContact }>();
    [...positions].forEach(([id, position], index) => {
      const contact = contacts[index];
      if (contact !== null && contact !== undefined) found.set(id, { position, contact });
    });
    return found;
  }

  /**
   * Blanks the contacts at `positions` (changed or removed): within the caller's transaction, which must include
   * `contactPacks` and `contactPackedParts`.
   */
  async blank(manifest: PackedPartManifest, positions: readonly number[]): Promise<void> {
    if (positions.length === 0) return;
    const packs = await this.#packs(
      manifest.part,
      positions.map((position) => Math.floor(position / PACK_SIZE)),
    );
    for (const position of positions) {
      const seq = Math.floor(position / PACK_SIZE);
      const pack = packs.get(seq);
      if (pack === undefined || pack.contacts[position % PACK_SIZE] === '') continue;
      pack.contacts[position % PACK_SIZE] = '';
      manifest.counts[seq] = (manifest.counts[seq] ?? 1) - 1;
      manifest.total -= 1;
    }
    await this.#database.contactPacks.bulkPut([...packs.values()]);
    await this.#database.contactPackedParts.put(manifest);
  }

  /** Every contact still in the part (to write it again: an import added to it, numbers keyed in a new country). */
  async all(manifest: PackedPartManifest): Promise<PackedContact[]> {
    const contacts: PackedContact[] = [];
    await this.#database.contactPacks
      .where('part')
      .equals(manifest.part)
      .each((pack) => {
        for (const json of pack.contacts) if (json !== '') contacts.push(JSON.parse(json) as PackedContact);
      });
    return contacts;
  }

  /** The packs `from`, `from + 1`… of a part, `count` of them (fewer at its end), each pack's contacts in order. */
  async packsFrom(part: string, from: number, count: number): Promise<(PackedContact | null)[][]> {
    const seqs = Array.from({ length: count }, (_each, index) => from + index);
    const packs = await this.#packs(part, seqs);
    return seqs.flatMap((seq) => {
      const pack = packs.get(seq);
      return pack === undefined
        ? []
        : [pack.contacts.map((json) => (json === '' ? null : (JSON.parse(json) as PackedContact)))];
    });
  }

  /** An import's part, as sent: a pack each, in the order staged. */
  async stage(part: string, contacts: readonly PackedContact[]): Promise<void> {
    const seq = await this.#database.contactPacks.where('part').equals(part).count();
    await this.#database.contactPacks.put({
      id: packId(part, seq),
      part,
      seq,
      contacts: contacts.map((contact) => JSON.stringify(contact)),
    });
  }

  /** An import's staged contacts, in the order staged. */
  async staged(part: string): Promise<PackedContact[]> {
    const packs = await this.#database.contactPacks.where('part').equals(part).sortBy('seq');
    return packs.flatMap((pack) => pack.contacts.map((json) => JSON.parse(json) as PackedContact));
  }

  async stagedCount(part: string): Promise<number> {
    let count = 0;
    await this.#database.contactPacks
      .where('part')
      .equals(part)
      .each((pack) => {
        count += pack.contacts.length;
      });
    return count;
  }
}

const packId = (part: string, seq: number) => `${part}#${seq}`;
const blockId = (part: string, seq: number) => `${part}#k${seq}`;

/** Strings in IndexedDB's order (UTF-16 code units), as `<` compares them; not the locale's. */
function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The first index whose entry is not below `value` (entries sorted). */
export function lowerBound(entries: readonly string[], value: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle] ?? '') < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The last index whose entry is at or below `value` (-1: none). */
function lastAtOrBelow(entries: readonly string[], value: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries[middle] ?? '') <= value) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
