import { Dexie, type EntityTable } from 'dexie';
import type { CallRecord } from '../../shared/model/call-record.ts';
import { upgradeToV2, V2_STORES } from './database-migrations/v2-history-search-keys.ts';
import { V3_STORES } from './database-migrations/v3-contacts.ts';
import { V4_STORES } from './database-migrations/v4-packed-contacts.ts';
import type { Contact } from '../../shared/model/contact.ts';

/** A history row as stored: the record and the keys it is found under (`history-search-keys.ts`). */
export type StoredCallRecord = CallRecord & { searchKeys: string[] };

/** A contact as stored: the contact, its sort key and the keys it is found under (`contacts/contact-keys.ts`). */
export type StoredContact = Contact & { sortName: string; searchKeys: string[]; phoneKeys: string[] };

/**
 * Up to `PACK_SIZE` contacts of a packed part, in name order (`seq` counts from 0), each as its JSON (without its
 * directory: the part's); an empty string where one was removed or changed since (its new version is a loose row).
 * An import's staged part is in packs of 128, in the order sent.
 */
export interface ContactPack {
  id: string;
  part: string;
  seq: number;
  contacts: string[];
}

/** Up to `BLOCK_SIZE` of a packed part's sorted key entries (`key` U+0001 `position`), block `seq` of the part. */
export interface ContactKeyBlock {
  id: string;
  part: string;
  seq: number;
  entries: string[];
}

/**
 * What a packed part holds: contacts in all and in each pack, each pack's first name, each block's first entry, and
 * the positions blanked since it was written (their keys, still in the blocks, are skipped).
 */
export interface PackedPartManifest {
  part: string;
  total: number;
  counts: number[];
  firstNames: string[];
  blockFirsts: string[];
  blanked: number[];
}

/**
 * The extension's IndexedDB, through Dexie; its one schema file. Every version stays declared, in order, so a
 * profile of any earlier release upgrades step by step (Dexie runs each upgrade it has not run yet):
 * - 1: the call history, keyed by call id (so writing a call again replaces it), indexed by end time.
 * - 2: the history's search index (`database-migrations/v2-history-search-keys.ts`).
 * - 3: the contacts of every directory (`database-migrations/v3-contacts.ts`).
 * - 4: contacts packed, for directories written whole (`database-migrations/v4-packed-contacts.ts`).
 *
 * A new version adds a `this.version(N)` line here, one file in `database-migrations/` and, in
 * `test/unit/storage-migrations.test.ts`, a frozen fixture of version N-1 that it must upgrade (a meta-test checks
 * the versions run 1, 2, 3… and each has its fixture).
 */
export class SwitchboardDatabase extends Dexie {
  callHistory!: EntityTable<StoredCallRecord, 'id'>;
  contacts!: EntityTable<StoredContact, 'id'>;
  directoryParts!: EntityTable<{ directoryId: string; part: string }, 'directoryId'>;
  contactPacks!: EntityTable<ContactPack, 'id'>;
  contactKeyBlocks!: EntityTable<ContactKeyBlock, 'id'>;
  contactPackedParts!: EntityTable<PackedPartManifest, 'part'>;

  constructor(name = 'switchboard') {
    super(name);
    this.version(1).stores({ callHistory: 'id, endedAt' });
    this.version(2).stores(V2_STORES).upgrade(upgradeToV2);
    this.version(3).stores(V3_STORES);
    this.version(4).stores(V4_STORES);
  }
}

/** The versions declared above, for the meta-test. */
export const DATABASE_VERSIONS = [1, 2, 3, 4] as const;
