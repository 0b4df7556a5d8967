import { childOf, childrenOf, rootOf, text } from './xsi-documents.ts';

/** One call of the user's basic call logs (`directories/CallLogs`, spec §3.5.7.2: `callLogsEntry`). */
export interface XsiCallLog {
  readonly id: string;
  readonly kind: 'placed' | 'received' | 'missed';
  /** The other party's number as the PBX gives it (`+33145678901`, `0145678901`, `201`). */
  readonly number: string;
  readonly name: string;
  /** When the call started (ms since the epoch). */
  readonly startedAt: number;
}

const KINDS = ['placed', 'received', 'missed'] as const;
/** A PBX keeps a few dozen of each kind; a longer list is not a call log. */
const MAX_ENTRIES_PER_KIND = 1000;

/**
 * `<CallLogs>`: the user's placed, received and missed calls, whatever phone made or took them. Entries without an
 * id or a readable time are left out (logged by the caller as malformed when none is readable); names and numbers are
 * bounded, and read as text only.
 */
export function parseCallLogs(xml: string): { logs: XsiCallLog[]; unreadable: number } {
  const root = rootOf(xml, 'CallLogs');
  const logs: XsiCallLog[] = [];
  let unreadable = 0;
  for (const kind of KINDS) {
    for (const entry of childrenOf(childOf(root, kind), 'callLogsEntry').slice(0, MAX_ENTRIES_PER_KIND)) {
      const id = text(entry, 'callLogId').slice(0, 60);
      const startedAt = Date.parse(text(entry, 'time'));
      const number = text(entry, 'phoneNumber').slice(0, 64);
      if (id === '' || !Number.isFinite(startedAt) || number === '') {
        unreadable++;
        continue;
      }
      logs.push({ id, kind, number, name: text(entry, 'name').slice(0, 200), startedAt });
    }
  }
  return { logs, unreadable };
}
