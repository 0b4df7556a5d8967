import { Dexie, type EntityTable } from 'dexie';
import type { CallRecord } from '../shared/model/call-record.ts';

/**
 * The extension's IndexedDB, through Dexie; its one schema file. Version 1: the call history, keyed by call id (so
 * writing a call again replaces it), indexed by end time for the newest-first listing.
 *
 * A new version adds a `this.version(N).stores(…)` line here, one migration file beside it, and one test that
 * upgrades a frozen copy of version N-1 (docs/ARCHITECTURE.md, "Where data rests").
 */
export class SwitchboardDatabase extends Dexie {
  callHistory!: EntityTable<CallRecord, 'id'>;

  constructor(name = 'switchboard') {
    super(name);
    this.version(1).stores({ callHistory: 'id, endedAt' });
  }
}
