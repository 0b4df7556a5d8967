import {
  matchesFilter,
  type CallRecord,
  type HistoryFilter,
  type HistorySummary,
} from '../shared/model/call-record.ts';
import type { StoredCallRecord, SwitchboardDatabase } from './storage/database.ts';
import { historySearch, historySearchKeys } from './storage/history-search-keys.ts';

const RECENT_NUMBERS = 10;
/** How far back the summary looks for unseen missed calls and numbers to redial. */
const SUMMARY_WINDOW = 200;

export interface HistoryQuery {
  readonly filter: HistoryFilter;
  /** Matched against the name and the digits of the number, so "06 12" finds "+33612…" too. */
  readonly search: string;
  readonly limit: number;
}

/**
 * The call history: written by the background when the engine reports ended calls, read by the console's history
 * view. `lastSeenMissedAt` is when the receptionist last looked at missed calls; newer missed calls count on the
 * toolbar badge.
 */
export class CallHistory {
  #revision = 0;

  constructor(private readonly db: SwitchboardDatabase) {}

  /** Writes ended calls, with the keys a search finds them by; a call already written is replaced, never doubled. */
  async record(records: readonly CallRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.callHistory.bulkPut(records.map((record) => ({ ...record, searchKeys: historySearchKeys(record) })));
    this.#revision++;
  }

  /** The rows that ended at or after `time` (the PBX's call logs are matched against them). */
  async endedSince(time: number): Promise<CallRecord[]> {
    return (await this.db.callHistory.where('endedAt').aboveOrEqual(time).toArray()).map(withoutSearchKeys);
  }

  /** Writes `records` and deletes the rows `deletedIds`, in one transaction; the revision moves when anything did. */
  async replace(records: readonly CallRecord[], deletedIds: readonly string[]): Promise<void> {
    if (records.length === 0 && deletedIds.length === 0) return;
    await this.db.transaction('rw', this.db.callHistory, async () => {
      await this.db.callHistory.bulkDelete([...deletedIds] as CallRecord['id'][]);
      await this.db.callHistory.bulkPut(
        records.map((record) => ({ ...record, searchKeys: historySearchKeys(record) })),
      );
    });
    this.#revision++;
  }

  /** Newest first. A search reads the `searchKeys` index, then checks each row found (`history-search-keys.ts`). */
  async list({ filter, search, limit }: HistoryQuery): Promise<CallRecord[]> {
    const query = historySearch(search);
    const rows =
      query === null
        ? await this.db.callHistory
            .orderBy('endedAt')
            .reverse()
            .filter((record) => matchesFilter(record, filter))
            .limit(limit)
            .toArray()
        : (
            await this.db.callHistory
              .where('searchKeys')
              .startsWithAnyOf(query.prefixes)
              .distinct()
              .filter((record) => matchesFilter(record, filter) && query.matches(record))
              .toArray()
          )
            .sort((left, right) => right.endedAt - left.endedAt)
            .slice(0, limit);
    return rows.map(withoutSearchKeys);
  }

  async summary(lastSeenMissedAt: number): Promise<HistorySummary> {
    const recent = await this.db.callHistory.orderBy('endedAt').reverse().limit(SUMMARY_WINDOW).toArray();
    const unseenMissed = recent.filter(
      (record) => matchesFilter(record, 'missed') && record.endedAt > lastSeenMissedAt,
    ).length;
    const recentNumbers: HistorySummary['recentNumbers'] = [];
    const seen = new Set<string>();
    for (const record of recent) {
      if (record.direction !== 'outgoing' || seen.has(record.remoteNumber)) continue;
      seen.add(record.remoteNumber);
      recentNumbers.push({ number: record.remoteNumber, name: record.remoteName });
      if (recentNumbers.length === RECENT_NUMBERS) break;
    }
    return { revision: this.#revision, unseenMissed, recentNumbers };
  }
}

/** What leaves the background is the record alone: the keys are the index's business. */
function withoutSearchKeys(row: StoredCallRecord): CallRecord {
  const { searchKeys, ...record } = row;
  return record;
}
