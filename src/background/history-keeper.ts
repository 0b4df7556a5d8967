import type { CallRecord } from '../shared/model/call-record.ts';
import type { Logger } from '../shared/log.ts';
import type { CallHistory, HistoryQuery } from './call-history.ts';
import { planPbxMerge, pbxMergeWindowStart } from './pbx/pbx-call-logs.ts';
import type { PbxCallLog } from './pbx/pbx-services.ts';
import type { PhoneLine } from './phone-line.ts';
import type { SettingsStore } from './settings-store.ts';
import type { StateHub } from './state-hub.ts';

/**
 * Keeps the call history and its summary slice: writes the calls the engine reports ended, then tells the engine it
 * may forget them (so nothing is lost if the background stops in between, and nothing is doubled: rows are keyed by
 * call id). Writes run one after another.
 */
export class HistoryKeeper {
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly history: CallHistory,
    private readonly store: SettingsStore,
    private readonly hub: StateHub,
    private readonly phone: PhoneLine,
    private readonly log: Logger,
    /** Who a number is in the directories (the contact's name), or null: the history keeps that name. */
    private readonly identify: (number: string) => Promise<string | null> = () => Promise.resolve(null),
  ) {}

  onEndedCalls(records: readonly CallRecord[]): void {
    // Failures are logged by the queue; the engine keeps the records, so the next state update retries them.
    void this.#enqueue(async () => {
      await this.history.record(await Promise.all(records.map((record) => this.#named(record))));
      await this.phone.send('engine/history-written', { ids: records.map((record) => record.id) });
      await this.#refresh();
    });
  }

  /** The record with the directory's name for its number, when a directory knows it (the PBX's name otherwise). */
  async #named(record: CallRecord): Promise<CallRecord> {
    const name = await this.identify(record.remoteNumber).catch(() => null);
    return name === null ? record : { ...record, remoteName: name };
  }

  /**
   * Puts the PBX's call logs beside the console's own rows (`planPbxMerge`), in the same queue as the calls the engine
   * reports, so the two never race; the number of rows added.
   */
  mergePbxCallLogs(logs: readonly PbxCallLog[]): Promise<number> {
    let added = 0;
    return this.#enqueue(async () => {
      const plan = planPbxMerge(
        logs,
        await this.history.endedSince(pbxMergeWindowStart(logs)),
        this.hub.state.phone.defaultCountry,
      );
      added = plan.added.length;
      if (added + plan.removedIds.length === 0) return;
      await this.history.replace(await Promise.all(plan.added.map((record) => this.#named(record))), plan.removedIds);
      await this.#refresh();
    }).then(() => added);
  }

  list(query: HistoryQuery): Promise<CallRecord[]> {
    return this.history.list(query);
  }

  markMissedSeen(): Promise<void> {
    return this.#enqueue(async () => {
      await this.store.saveLastSeenMissedAt(Date.now());
      await this.#refresh();
    });
  }

  refresh(): Promise<void> {
    return this.#enqueue(() => this.#refresh());
  }

  async #refresh(): Promise<void> {
    this.hub.setSlice('history', await this.history.summary(await this.store.loadLastSeenMissedAt()));
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch((error: unknown) => this.log.error('call history', error));
    return run;
  }
}
