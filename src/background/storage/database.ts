import { Dexie, type EntityTable } from 'dexie';
import type { CallRecord } from '../../shared/model/call-record.ts';
import { upgradeToV2, V2_STORES } from './database-migrations/v2-history-search-keys.ts';
import { V3_STORES } from './database-migrations/v3-contacts.ts';
import type { Contact } from '../../shared/model/contact.ts';

/** A history row as stored: the record and the keys it is found under (`history-search-keys.ts`). */
export type StoredCallRecord = CallRecord & { searchKeys: string[] };

/** A contact as stored: the contact, its sort key and the keys it is found under (`contacts/contact-keys.ts`). */
export type StoredContact = Contact & { sortName: string; searchKeys: string[]; phoneKeys: string[] };

/**
 * The extension's IndexedDB, through Dexie; its one schema file. Every version stays declared, in order, so a
 * profile of any earlier release upgrades step by step (Dexie runs each upgrade it has not run yet):
 * - 1: the call history, keyed by call id (so writing a call again replaces it), indexed by end time.
 * - 2: the history's search index (`database-migrations/v2-history-search-keys.ts`).
 * - 3: the contacts of every directory (`database-migrations/v3-contacts.ts`).
 *
 * A new version adds a `this.version(N)` line here, one file in `database-migrations/` and, in
 * `test/unit/storage-migrations.test.ts`, a frozen fixture of version N-1 that it must upgrade (a meta-test checks
 * the versions run 1, 2, 3… and each has its fixture).
 */
export class SwitchboardDatabase extends Dexie {
  callHistory!: EntityTable<StoredCallRecord, 'id'>;
  contacts!: EntityTable<StoredContact, 'id'>;
  directoryParts!: EntityTable<{ directoryId: string; part: string }, 'directoryId'>;

  constructor(name = 'switchboard') {
    super(name);
    this.version(1).stores({ callHistory: 'id, endedAt' });
    this.version(2).stores(V2_STORES).upgrade(upgradeToV2);
    this.version(3).stores(V3_STORES);
  }
}

/** The versions declared above, for the meta-test. */
export const DATABASE_VERSIONS = [1, 2, 3] as const;
