import type { CountryCode } from 'libphonenumber-js';
import { LRUCache } from 'lru-cache';
import type { Contact } from '../../shared/model/contact.ts';
import type { ContactKeyBlock, ContactPack, PackedPartManifest, SwitchboardDatabase } from '../storage/database.ts';
import { WorkSlices } from '../../shared/work-slices.ts';
import { rowsByKey } from '../storage/rows-by-key.ts';
import { contactDigitKeys, contactPhoneKeys, contactWordKeys, sortNameOf } from './contact-keys.ts';
import { NumberDigitsBuilder, type NumberDigits } from './number-digits.ts';
import { compareCodeUnits, eachSortedPiece, gatherByPrefix } from './sorted-in-slices.ts';
import { WordPositionsBuilder, type WordPositions } from './word-positions.ts';
import { lastAtOrBelow, lowerBound } from './sorted-bounds.ts';

/** A contact as a pack keeps it: its directory is the part's, given when it is read. */
export type PackedContact = Omit<Contact, 'directoryId'>;

/**
 * Contacts per pack, and key entries per block: a search reads a block, then a pack for each contact it shows (50
 * results, up to 50 packs), and a listing a pack or two per screenful; the fewer per row, the less each read costs,
 * the more rows an import writes. Measured on 100,000 contacts (type-ahead p95 and the import's writes): 16 and 256,
 * 15.9 ms and 4.5 s; 32 and 512, 15.5 ms and 2.8 s; 64 and 1,024 (a run of digits then looked under eleven
 * prefixes), 26.8 ms.
 */
export const PACK_SIZE = 32;
const BLOCK_SIZE = 512;
/**
 * After a key, before the position of its contact in the part (and, for a number's key, who the contact is): below
 * every character a key holds (no key holds a control character: words, digits, e-mails, ids written as JSON).
 */
const SEPARATOR = '\u0001';
/** Positions in base 36 on five characters (up to 60 million): entries sort by key, then name. */
const POSITION_WIDTH = 5;
/** Key blocks kept (they never change): the blocks of the last searches, ~1.5 MB at most. */
const BLOCK_CACHE = 64;
/**
 * Packs kept in memory, counted in characters of their JSON: the whole of each directory searched, up to ~32 MB (the
 * bench's 100,000 contacts are 21 MB; a company of 2,000, ~0.4 MB); past that, the packs read last. Why: a search
 * shows ~50 contacts scattered through a directory, and each pack read is an IndexedDB request (~0.1 ms each in
 * Chromium, 5–9 ms for 50): kept, a run of digits was found in ~2 ms instead of ~7 (p50, 100,000 contacts; ~0.7 ms
 * since the numbers of a part kept whole are kept too, `number-digits.ts`).
 */
const KEPT_PACK_CHARS = 32 * 1024 * 1024;
/**
 * What the number-key entries kept for caller identification may weigh, per part, in characters (entries of ~75:
 * 100,000 contacts with a number each, ~7.5 MB). A caller is then named in ~0.1 ms instead of a block read (~1 ms,
 * p95 3–4 ms on a busy machine).
 */
const KEPT_CALLER_CHARS = 16 * 1024 * 1024;
/** What a block of number-key entries is taken to weigh before it is read (entries of a key, position, id, name). */
const CALLER_BLOCK_CHARS = 80 * 512;
/**
 * Rows per read while a part's packs (~200 KB) or number-key blocks (~1.3 MB) are read into memory: one request, then
 * other work goes through.
 */
const ROWS_PER_KEEPING_READ = 32;
/**
 * A part is read whole into memory only between searches: a search's own reads would wait behind its requests, and
 * its words sorted would hold the thread. Each read and slice of that work waits until nothing was searched for this
 * long (a receptionist typing leaves ~100–200 ms between keys).
 */
const QUIET_BEFORE_KEEPING_MS = 40;
/** Contacts per pack of an import's staged part, ~25 KB (100,000 staged: 1,000 a row 0.7 s, 128 1.7 s, 32 3.2 s). */
const STAGED_PACK_SIZE = 128;
/** How long the background works on a part before letting other messages (a call's state) through. */
const SLICE_MS = 12;
/** Entries are gathered by their first characters (`d:33`), each such bucket sorted on its own. */
const BUCKET_PREFIX = 4;
/** Contacts read at once when a part is read whole (one task of the background: ~150 bytes each to copy). */
const CONTACTS_PER_READ = 1024;
/** Rows per write while a part is written (a transaction each; the part is shown only once all are written). */
const ROWS_PER_WRITE = 32;

/** The key under which a contact is found by its id, its number (caller identification) or what was typed. */
const idKey = (id: string) => `i:${JSON.stringify(id)}`;
const PHONE_KEYS = 'p:';
const phoneKey = (numberKey: string) => `${PHONE_KEYS}${numberKey}`;
/** Above every number key (`;` follows `:`). */
const AFTER_PHONE_KEYS = 'p;';
/** Where `contact-keys.ts` puts the tails of a contact's numbers' digits (a search for a run of digits looks there). */
const DIGIT_KEYS = 'd:';
/** Where `contact-keys.ts` puts a contact's words and e-mails. */
const isWordPrefix = (prefix: string) => prefix.startsWith('n:') || prefix.startsWith('e:');
/** The prefix of the entries of exactly `key` (not of the keys it starts). */
const exactly = (key: string) => `${key}${SEPARATOR}`;

/**
 * Directories written whole, packed (database version 4, `database-migrations/v4-packed-contacts.ts`). A packed part
 * is written once, all of it, before any directory shows it, and never rewritten: a contact changed or removed
 * afterwards is blanked in its pack (the contact book keeps its new version as a loose row) and its keys, left in the
 * blocks, lead to the blank and are skipped. The contact book is the only user; this holds what it has read of the
 * parts (their manifests, the key blocks of the last searches) and, for a part kept whole, its numbers and words
 * (searched without a block: `number-digits.ts`, `word-positions.ts`).
 */
export class PackedParts {
  readonly #database: SwitchboardDatabase;
  #manifests: Map<string, PackedPartManifest> | null = null;
  readonly #blocks = new LRUCache<string, string[]>({ max: BLOCK_CACHE });
  /** Each manifest's blanked positions as a set, made on first use. */
  readonly #blanks = new WeakMap<PackedPartManifest, Set<number>>();
  /** Packs kept, by id: the parts searched, whole if they fit (a blank changes a kept pack: it is the one written). */
  readonly #packCache: LRUCache<string, ContactPack>;
  /** Parts read (or being read) whole into memory, or written from it: when the reading is over. */
  readonly #keptWhole = new Map<string, Promise<void>>();
  readonly #keptChars: number;
  /** The key blocks of number keys of the parts whose callers are kept, by block id, held for as long as the part. */
  readonly #callerBlocks = new Map<string, string[]>();
  /** The numbers of each part kept whole, for runs of digits found in memory. */
  readonly #numberDigits = new Map<string, NumberDigits>();
  /** The word and e-mail keys of each part kept whole, for words found in memory. */
  readonly #wordPositions = new Map<string, WordPositions>();
  /** Parts whose number-key blocks are kept (or being read): when the reading is over. */
  readonly #keptCallers = new Map<string, Promise<void>>();
  /** When a search last ran, or a search or a caller's lookup last read a block or a pack from the database. */
  #lastAskedAt = 0;

  /** `keptChars`: what the packs kept in memory may weigh, in characters of JSON (tests make it small). */
  constructor(database: SwitchboardDatabase, keptChars = KEPT_PACK_CHARS) {
    this.#database = database;
    this.#keptChars = keptChars;
    this.#packCache = new LRUCache({ maxSize: keptChars, sizeCalculation: charsOf });
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
    const slices = new WorkSlices(SLICE_MS);
    // Name order (then id): each contact's sort name, id and place in `contacts` as one string, sorted in slices.
    const orderKeys: string[] = [];
    for (const [index, contact] of contacts.entries()) {
      orderKeys.push(`${sortNameOf(contact.name)}${SEPARATOR}${contact.id}${SEPARATOR}${index}`);
      await slices.pause();
    }
    const order: number[] = [];
    await eachSortedPiece(orderKeys, slices, (sorted) => {
      for (const key of sorted) order.push(Number(key.slice(key.lastIndexOf(SEPARATOR) + 1)));
    });
    // Entries in buckets by their first characters, sorted a bucket (or a piece of one) at a time.
    const buckets = new Map<string, string[]>();
    const packs: ContactPack[] = [];
    const manifest: PackedPartManifest = {
      part,
      total: order.length,
      counts: [],
      firstNames: [],
      blockFirsts: [],
      blanked: [],
    };
    const numbers = new NumberDigitsBuilder();
    const words = new WordPositionsBuilder();
    for (const [position, index] of order.entries()) {
      const contact = contacts[index];
      if (contact === undefined) continue;
      numbers.add(position, contact.phones);
      const wordKeys = contactWordKeys(contact);
      words.add(position, wordKeys);
      const seq = Math.floor(position / PACK_SIZE);
      let pack = packs[seq];
      if (pack === undefined) {
        pack = { id: packId(part, seq), part, seq, contacts: [] };
        packs[seq] = pack;
        manifest.firstNames[seq] = sortNameOf(contact.name);
      }
      pack.contacts.push(JSON.stringify(contact));
      manifest.counts[seq] = pack.contacts.length;
      const suffix = `${SEPARATOR}${position.toString(36).padStart(POSITION_WIDTH, '0')}`;
      // A number's entry says who the contact is: a caller is named from the key block alone.
      const caller = `${suffix}${SEPARATOR}${JSON.stringify([contact.id, contact.name])}`;
      const entries = [
        idKey(contact.id) + suffix,
        ...wordKeys.map((key) => key + suffix),
        ...contactDigitKeys(contact, 1).map((key) => key + suffix),
        ...contactPhoneKeys(contact, country).map((key) => phoneKey(key) + caller),
      ];
      for (const entry of entries) gatherByPrefix(buckets, entry, BUCKET_PREFIX);
      await slices.pause();
    }
    for (let start = 0; start < packs.length; start += ROWS_PER_WRITE) {
      await this.#database.contactPacks.bulkPut(packs.slice(start, start + ROWS_PER_WRITE));
      await slices.pause();
    }
    // The sorted entries, cut into blocks as they come, written a few blocks at a time.
    const blocks: ContactKeyBlock[] = [];
    const callerBlocks: ContactKeyBlock[] = [];
    let block: ContactKeyBlock | null = null;
    const cut = async (sorted: readonly string[]) => {
      for (const entry of sorted) {
        if (block === null) {
          const seq = manifest.blockFirsts.length;
          block = { id: blockId(part, seq), part, seq, entries: [] };
          manifest.blockFirsts.push(entry);
        }
        block.entries.push(entry);
        if (block.entries.length === BLOCK_SIZE) {
          blocks.push(block);
          if (holdsCallers(block)) callerBlocks.push(block);
          block = null;
        }
      }
      if (blocks.length >= ROWS_PER_WRITE) await this.#database.contactKeyBlocks.bulkPut(blocks.splice(0));
    };
    for (const bucketName of [...buckets.keys()].sort(compareCodeUnits)) {
      const bucket = buckets.get(bucketName) ?? [];
      buckets.delete(bucketName);
      await eachSortedPiece(bucket, slices, cut, BUCKET_PREFIX + 2);
    }
    if (block !== null) {
      blocks.push(block);
      if (holdsCallers(block)) callerBlocks.push(block);
    }
    await this.#database.contactKeyBlocks.bulkPut(blocks);
    await this.#database.contactPackedParts.put(manifest);
    (await this.manifests()).set(part, manifest);
    // The part is in hand: kept, if it fits, as if read whole.
    if (packs.reduce((sum, pack) => sum + charsOf(pack), 0) <= this.#keptChars) {
      const wordPositions = await words.build(slices);
      // Dropped while its words were sorted: nothing kept.
      if (this.#manifests?.get(part) !== manifest) return;
      for (const pack of packs) this.#packCache.set(pack.id, pack);
      this.#numberDigits.set(part, numbers.build());
      this.#wordPositions.set(part, wordPositions);
      this.#keptWhole.set(part, Promise.resolve());
    }
    if (callerBlocks.length * CALLER_BLOCK_CHARS <= KEPT_CALLER_CHARS) {
      for (const each of callerBlocks) this.#callerBlocks.set(each.id, each.entries);
      this.#keptCallers.set(part, Promise.resolve());
    }
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
    this.#keptWhole.delete(part);
    this.#numberDigits.delete(part);
    this.#wordPositions.delete(part);
    this.#keptCallers.delete(part);
    for (const cache of [this.#blocks, this.#packCache, this.#callerBlocks]) {
      for (const id of [...cache.keys()]) if (id.startsWith(`${part}#`)) cache.delete(id);
    }
  }

  /** Every part with rows here (packed, or an import's staged part), to find those no directory shows. */
  async partsStored(): Promise<string[]> {
    const parts = new Set<string>((await this.manifests()).keys());
    for (const table of [this.#database.contactPacks, this.#database.contactKeyBlocks]) {
      for (const part of await table.orderBy('part').uniqueKeys()) if (typeof part === 'string') parts.add(part);
    }
    return [...parts];
  }

  /** The entries under keys starting with `prefix`, in key then name order: from their first block on, as needed. */
  async *#entriesUnder(manifest: PackedPartManifest, prefix: string): AsyncGenerator<string> {
    for (let seq = Math.max(0, lastAtOrBelow(manifest.blockFirsts, prefix)); seq < manifest.blockFirsts.length; seq++) {
      const entries = await this.#block(manifest.part, seq);
      for (let index = lowerBound(entries, prefix); index < entries.length; index++) {
        const entry = entries[index] ?? '';
        if (!entry.startsWith(prefix)) return;
        yield entry;
      }
    }
  }

  /**
   * The positions of the contacts found under keys starting with `prefix`, in key then name order, from the
   * `skip`-th on, at most `limit` of them (blanked ones too: their packs say so).
   */
  async positionsUnder(manifest: PackedPartManifest, prefix: string, skip: number, limit: number): Promise<number[]> {
    this.#lastAskedAt = performance.now();
    const positions: number[] = [];
    if (limit <= 0) return positions;
    // A run of digits in a part kept whole: from its numbers in memory, in name order.
    const numbers = prefix.startsWith(DIGIT_KEYS) ? this.#numberDigits.get(manifest.part) : undefined;
    if (numbers !== undefined) return numbers.positionsOf(prefix.slice(DIGIT_KEYS.length), skip, limit);
    // A word or an e-mail's start likewise, in the order the key blocks have them.
    const words = isWordPrefix(prefix) ? this.#wordPositions.get(manifest.part) : undefined;
    if (words !== undefined) return words.positionsUnder(prefix, skip, limit);
    let skipped = 0;
    for await (const entry of this.#entriesUnder(manifest, prefix)) {
      if (skipped++ < skip) continue;
      positions.push(positionOf(entry));
      if (positions.length >= limit) break;
    }
    return positions;
  }

  /** Who the contact known by a number's key is (the first of the part's not blanked), from its key block alone. */
  async caller(manifest: PackedPartManifest, numberKey: string): Promise<{ id: string; name: string } | null> {
    const prefix = exactly(phoneKey(numberKey));
    for await (const entry of this.#entriesUnder(manifest, prefix)) {
      if (this.#isBlank(manifest, positionOf(entry))) continue;
      const [id, name] = JSON.parse(entry.slice(prefix.length + POSITION_WIDTH + 1)) as [string, string];
      return { id, name };
    }
    return null;
  }

  #isBlank(manifest: PackedPartManifest, position: number): boolean {
    if (manifest.blanked.length === 0) return false;
    let blanks = this.#blanks.get(manifest);
    if (blanks === undefined) {
      blanks = new Set(manifest.blanked);
      this.#blanks.set(manifest, blanks);
    }
    return blanks.has(position);
  }

  /** Reads the first block of each prefix at once (the ids of one lookup). */
  async prefetch(manifest: PackedPartManifest, prefixes: readonly string[]): Promise<void> {
    const seqs = prefixes.map((prefix) => Math.max(0, lastAtOrBelow(manifest.blockFirsts, prefix)));
    const missing = [...new Set(seqs)].filter(
      (seq) => seq < manifest.blockFirsts.length && !this.#blocks.has(blockId(manifest.part, seq)),
    );
    if (missing.length === 0) return;
    const ids = missing.map((seq) => blockId(manifest.part, seq));
    const rows = await rowsByKey(this.#database.contactKeyBlocks, ids);
    for (const row of rows) if (row !== undefined) this.#blocks.set(row.id, row.entries);
  }

  async #block(part: string, seq: number): Promise<string[]> {
    const id = blockId(part, seq);
    const cached = this.#callerBlocks.get(id) ?? this.#blocks.get(id);
    if (cached !== undefined) return cached;
    this.#lastAskedAt = performance.now();
    const [row] = await rowsByKey(this.#database.contactKeyBlocks, [id]);
    const entries = row?.entries ?? [];
    this.#blocks.set(id, entries);
    return entries;
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

  /**
   * Packs of a part by number, read in one transaction (those kept are not read again); those read are kept unless
   * `keep` is false (a part read whole to be written again or committed: it would push out the packs searched).
   */
  async #packs(part: string, seqs: readonly number[], keep = true): Promise<Map<number, ContactPack>> {
    const found = new Map<number, ContactPack>();
    const missing: string[] = [];
    for (const seq of new Set(seqs)) {
      const cached = this.#packCache.get(packId(part, seq));
      if (cached === undefined) missing.push(packId(part, seq));
      else found.set(seq, cached);
    }
    if (missing.length > 0 && keep) this.#lastAskedAt = performance.now();
    for (const row of await rowsByKey(this.#database.contactPacks, missing)) {
      if (row === undefined) continue;
      found.set(row.seq, row);
      if (keep) this.#packCache.set(row.id, row);
    }
    return found;
  }

  /**
   * Reads every pack of a part into memory, once, a request at a time between other work (a search's next keystrokes
   * then read no pack); stops when the part alone would fill what is kept.
   */
  keepWhole(part: string): Promise<void> {
    return readOnce(this.#keptWhole, part, () => this.#readWhole(part));
  }

  async #readWhole(part: string): Promise<void> {
    // The part's packs are the ids from `part#` on, in the order of their text (`part#0`, `part#1`, `part#10`…).
    const last = `${part}#\uffff`;
    let after = `${part}#`;
    let chars = 0;
    const numbers = new NumberDigitsBuilder();
    const words = new WordPositionsBuilder();
    const slices = new WorkSlices(SLICE_MS, () => this.#searchesQuiet());
    while (chars <= this.#keptChars) {
      await this.#searchesQuiet();
      const rows = await this.#database.contactPacks
        .where(':id')
        .between(after, last, false)
        .limit(ROWS_PER_KEEPING_READ)
        .toArray();
      for (const row of rows) {
        chars += charsOf(row);
        // A kept pack may be ahead of the database (a blank being written): it stays.
        if (!this.#packCache.has(row.id)) this.#packCache.set(row.id, row);
        for (const [index, json] of row.contacts.entries()) {
          if (json === '') continue;
          const contact = JSON.parse(json) as PackedContact;
          numbers.add(row.seq * PACK_SIZE + index, contact.phones);
          words.add(row.seq * PACK_SIZE + index, contactWordKeys(contact));
        }
        await slices.pause();
      }
      const lastRead = rows.at(-1);
      if (lastRead === undefined || rows.length < ROWS_PER_KEEPING_READ) {
        // Every pack read: the part's numbers and words are all known (a part past what is kept has its runs and
        // words read from blocks).
        const wordPositions = await words.build(slices);
        if (!this.#keptWhole.has(part)) return;
        this.#numberDigits.set(part, numbers.build());
        this.#wordPositions.set(part, wordPositions);
        return;
      }
      after = lastRead.id;
    }
  }

  /**
   * Reads the key blocks of a part's number keys into memory, once, a few at a time between searches (callers are
   * then named without a read); not when they would weigh more than `KEPT_CALLER_CHARS`.
   */
  keepCallers(manifest: PackedPartManifest): Promise<void> {
    return readOnce(this.#keptCallers, manifest.part, () => this.#readCallers(manifest));
  }

  async #readCallers(manifest: PackedPartManifest): Promise<void> {
    const first = Math.max(0, lastAtOrBelow(manifest.blockFirsts, PHONE_KEYS));
    const last = lastAtOrBelow(manifest.blockFirsts, AFTER_PHONE_KEYS);
    if ((last - first + 1) * CALLER_BLOCK_CHARS > KEPT_CALLER_CHARS) return;
    for (let seq = first; seq <= last; seq += ROWS_PER_KEEPING_READ) {
      await this.#searchesQuiet();
      const ids = Array.from({ length: Math.min(ROWS_PER_KEEPING_READ, last + 1 - seq) }, (_each, index) =>
        blockId(manifest.part, seq + index),
      );
      for (const row of await rowsByKey(this.#database.contactKeyBlocks, ids))
        if (row !== undefined) this.#callerBlocks.set(row.id, row.entries);
    }
  }

  /** Resolves once nothing has been searched for `QUIET_BEFORE_KEEPING_MS`. */
  async #searchesQuiet(): Promise<void> {
    let quietFor = performance.now() - this.#lastAskedAt;
    while (quietFor < QUIET_BEFORE_KEEPING_MS) {
      await new Promise((resolve) => setTimeout(resolve, QUIET_BEFORE_KEEPING_MS - quietFor));
      quietFor = performance.now() - this.#lastAskedAt;
    }
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
      manifest.blanked.push(position);
      this.#blanks.get(manifest)?.add(position);
    }
    await this.#database.contactPacks.bulkPut([...packs.values()]);
    await this.#database.contactPackedParts.put(manifest);
  }

  /** Every contact still in the part (to write it again: an import added to it, numbers keyed in a new country). */
  async all(manifest: PackedPartManifest): Promise<PackedContact[]> {
    return this.#contactsOfPacks(manifest.part, manifest.counts.length, CONTACTS_PER_READ / PACK_SIZE);
  }

  /** The contacts of packs 0 to `count` - 1 of a part, in order: read `perRead` packs at a time, parsed in slices. */
  async #contactsOfPacks(part: string, count: number, perRead: number): Promise<PackedContact[]> {
    const slices = new WorkSlices(SLICE_MS);
    const contacts: PackedContact[] = [];
    for (let from = 0; from < count; from += perRead) {
      const seqs = Array.from({ length: Math.min(perRead, count - from) }, (_each, index) => from + index);
      const packs = await this.#packs(part, seqs, false);
      for (const seq of seqs) {
        for (const json of packs.get(seq)?.contacts ?? []) {
          if (json !== '') contacts.push(JSON.parse(json) as PackedContact);
        }
        await slices.pause();
      }
    }
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

  /**
   * An import's part, as sent, in the order staged: in packs of `STAGED_PACK_SIZE` (a row of 1,000 contacts, ~150 KB,
   * is past the 64 KB Chromium keeps inside its database: it writes such a value to a file of its own).
   */
  async stage(part: string, contacts: readonly PackedContact[]): Promise<void> {
    const first = await this.#database.contactPacks.where('part').equals(part).count();
    const packs: ContactPack[] = [];
    for (let start = 0; start < contacts.length; start += STAGED_PACK_SIZE) {
      const seq = first + packs.length;
      const slice = contacts.slice(start, start + STAGED_PACK_SIZE).map((contact) => JSON.stringify(contact));
      packs.push({ id: packId(part, seq), part, seq, contacts: slice });
    }
    await this.#database.contactPacks.bulkPut(packs);
  }

  /** An import's staged contacts, in the order staged. */
  async staged(part: string): Promise<PackedContact[]> {
    const count = await this.#database.contactPacks.where('part').equals(part).count();
    return this.#contactsOfPacks(part, count, CONTACTS_PER_READ / STAGED_PACK_SIZE);
  }
}

const packId = (part: string, seq: number) => `${part}#${seq}`;
const blockId = (part: string, seq: number) => `${part}#k${seq}`;

/**
 * Runs `read` for `part` once, however often asked (`readings` holds it while it runs and after); a read that failed is
 * forgotten, to be tried again when next asked.
 */
function readOnce(readings: Map<string, Promise<void>>, part: string, read: () => Promise<void>): Promise<void> {
  let reading = readings.get(part);
  if (reading === undefined) {
    reading = read().catch(() => void readings.delete(part));
    readings.set(part, reading);
  }
  return reading;
}

/** Whether a block holds number keys (entries from `p:` to below `p;`). */
function holdsCallers(block: ContactKeyBlock): boolean {
  const first = block.entries[0] ?? '';
  const last = block.entries.at(-1) ?? '';
  return first < AFTER_PHONE_KEYS && last >= PHONE_KEYS;
}

/** What a pack weighs in memory, near enough: its contacts' JSON (at least 1, as the cache asks). */
function charsOf(pack: ContactPack): number {
  let chars = 1;
  for (const json of pack.contacts) chars += json.length;
  return chars;
}

/** Where an entry's contact is in its part. */
function positionOf(entry: string): number {
  const at = entry.indexOf(SEPARATOR) + 1;
  return parseInt(entry.slice(at, at + POSITION_WIDTH), 36);
}
