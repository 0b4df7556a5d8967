import type { CountryCode } from 'libphonenumber-js';
import type { CallId } from '../../shared/model/call.ts';
import type { CallRecord } from '../../shared/model/call-record.ts';
import type { Logger } from '../../shared/log.ts';
import { numberKey } from '../contacts/contact-keys.ts';
import type { PbxCallLog, PbxServices } from './pbx-services.ts';

/** How far apart the PBX's start of a call and the console's may be and still be one call. */
const SAME_CALL_WINDOW_MS = 60_000;
/** The prefix of the history rows read from the PBX's call logs: their id is the PBX's, so reading again replaces. */
export const PBX_ROW_PREFIX = 'pbx:';

/**
 * Reads the PBX's call logs into the console's history (issue #15): the calls this console did not see — made or
 * taken on another phone of the user, or missed while the console was closed — appear beside its own, once
 * (`planPbxMerge`). At login, on a schedule, and when the history is opened (unless just read).
 */
export class PbxCallLogs {
  #lastReadAt = 0;
  #reading: Promise<number> | null = null;

  constructor(
    private readonly services: () => PbxServices,
    private readonly history: { mergePbxCallLogs(logs: readonly PbxCallLog[]): Promise<number> },
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the logs unless they were read less than `maxAgeMs` ago; the number of rows added. */
  async readIfOlderThan(maxAgeMs: number): Promise<number> {
    if (this.now() - this.#lastReadAt < maxAgeMs) return 0;
    return this.read();
  }

  /** Reads the logs now (one reading at a time); the number of rows added. A failure is logged and in the `pbx` slice. */
  read(): Promise<number> {
    this.#reading ??= this.#read().finally(() => (this.#reading = null));
    return this.#reading;
  }

  async #read(): Promise<number> {
    let logs: readonly PbxCallLog[] | null;
    try {
      logs = await this.services().readCallLogs();
    } catch (error) {
      this.log.warn('could not read the call logs from the PBX', error);
      return 0;
    }
    this.#lastReadAt = this.now();
    return logs === null || logs.length === 0 ? 0 : this.history.mergePbxCallLogs(logs);
  }
}

/** The history rows to look at for `logs`: those that ended since a minute before the oldest call they list. */
export function pbxMergeWindowStart(logs: readonly PbxCallLog[]): number {
  return Math.min(...logs.map((entry) => entry.startedAt)) - SAME_CALL_WINDOW_MS;
}

/**
 * What the PBX's call logs change in the history `rows`: entries the console has its own row for (same direction,
 * same number, started within a minute) are left out, and a row written from the PBX before the console's own row
 * arrived is taken out again; the others are added with the PBX's id, so reading the logs again changes nothing.
 */
export function planPbxMerge(
  logs: readonly PbxCallLog[],
  rows: readonly CallRecord[],
  country: CountryCode,
): { added: CallRecord[]; removedIds: string[] } {
  const consoleRows = rows.filter((row) => !row.id.startsWith(PBX_ROW_PREFIX));
  const pbxRowIds = new Set<string>(rows.filter((row) => row.id.startsWith(PBX_ROW_PREFIX)).map((row) => row.id));
  const added: CallRecord[] = [];
  const removedIds: string[] = [];
  for (const entry of logs) {
    const id = `${PBX_ROW_PREFIX}${entry.id}`;
    if (consoleRows.some((row) => isSameCall(row, entry, country))) {
      if (pbxRowIds.has(id)) removedIds.push(id);
    } else if (!pbxRowIds.has(id)) {
      added.push(recordOf(id, entry));
    }
  }
  return { added, removedIds };
}

function recordOf(id: string, entry: PbxCallLog): CallRecord {
  return {
    id: id as CallId,
    direction: entry.kind === 'placed' ? 'outgoing' : 'incoming',
    // Not seen by this console, so handled on another phone — unless nobody answered.
    outcome: entry.kind === 'missed' ? 'missed' : 'elsewhere',
    remoteName: entry.name,
    remoteNumber: entry.number,
    startedAt: entry.startedAt,
    answeredAt: null,
    // The PBX's basic logs give the start only.
    endedAt: entry.startedAt,
    endReason: null,
    signaling: null,
  };
}

function isSameCall(row: CallRecord, entry: PbxCallLog, country: CountryCode): boolean {
  const direction = entry.kind === 'placed' ? 'outgoing' : 'incoming';
  return (
    row.direction === direction &&
    Math.abs(row.startedAt - entry.startedAt) <= SAME_CALL_WINDOW_MS &&
    isSameNumber(row.remoteNumber, entry.number, country)
  );
}

/**
 * `+33145678901`, `0145678901` and `sip:+33145678901@pbx` are one number, `201` and `sip:201@pbx` one extension: the
 * key the contacts identify callers by (`numberKey`), read in the office's country.
 */
export function isSameNumber(left: string, right: string, country: CountryCode): boolean {
  const key = numberKey(left, country);
  return key !== null && key === numberKey(right, country);
}
