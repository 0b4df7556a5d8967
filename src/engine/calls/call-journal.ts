import * as v from 'valibot';
import type { Logger } from '../../shared/log.ts';
import { CallSchema, type Call } from '../../shared/model/call.ts';
import { CallRecordSchema, type CallRecord } from '../../shared/model/call-record.ts';
import { recordOf } from './call-record-of.ts';

/** The journal's key in the engine page's own storage (the offscreen document's, or Firefox's background page's). */
export const CALL_JOURNAL_KEY = 'switchboard.call-journal';

/** What the journal needs of a storage: the page's `localStorage`, or a map in unit tests. */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const SipText = v.pipe(v.string(), v.maxLength(2048));

/**
 * What another engine needs to end a confirmed dialog it did not make: a request within it (RFC 3261 §12.2.1.1) is
 * addressed to the remote target, through the route set, with the dialog's Call-ID and tags and a higher CSeq.
 */
export const OrphanDialogSchema = v.object({
  callId: SipText,
  localTag: SipText,
  remoteTag: SipText,
  localUri: SipText,
  remoteUri: SipText,
  remoteTarget: SipText,
  routeSet: v.pipe(v.array(SipText), v.maxLength(16)),
  /** The CSeq this engine last sent in the dialog; the next request goes above it. */
  localSequenceNumber: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type OrphanDialog = v.InferOutput<typeof OrphanDialogSchema>;

/** One call in progress, as written down: what the UIs saw, and its dialog once the call was answered. */
export interface JournalEntry {
  readonly model: Call;
  readonly dialog: OrphanDialog | null;
}

const JournalSchema = v.object({
  version: v.literal(1),
  calls: v.pipe(v.array(v.object({ model: CallSchema, dialog: v.nullable(OrphanDialogSchema) })), v.maxLength(64)),
  ended: v.pipe(v.array(CallRecordSchema), v.maxLength(1024)),
});
type Journal = v.InferOutput<typeof JournalSchema>;

/** What a new engine takes over from the one before it, when that one stopped without ending its calls. */
export interface Takeover {
  /** History rows: the calls that had ended but were not yet written, then those the stop cut off. */
  readonly records: CallRecord[];
  /** How many calls were in progress when the engine before stopped. */
  readonly cutOff: number;
  /** The confirmed dialogs among them: their far ends are still on the line, and are sent a BYE. */
  readonly dialogs: OrphanDialog[];
}

const NOTHING: Takeover = { records: [], cutOff: 0, dialogs: [] };

/**
 * The engine's calls, written down as they change, so that the engine after it — its host closed or crashed (Chrome's
 * offscreen document), reloaded (Firefox's background page), or the browser killed — knows what was going on: it
 * writes the history of every call once (ended ones not yet written, and those cut off) and tells the far ends of the
 * cut-off calls. The page's `localStorage` because it is synchronous: the journal is true at every state change,
 * with no write in flight when the page goes; the browser keeps it whatever becomes of the page.
 */
export class CallJournal {
  /** What this engine last wrote, so an unchanged state writes nothing. */
  #written: string | null = null;
  #hasFailed = false;

  constructor(
    private readonly storage: JournalStorage | null,
    private readonly log: Logger,
  ) {}

  /**
   * Reads what the engine before left, at this engine's start. Calls it had in progress end now: an incoming call
   * never answered was missed (the receptionist should call back), any other was cut off (`interrupted`). A journal
   * that cannot be read is logged and replaced at the next write: the history and settings are elsewhere.
   */
  takeOver(now: number): Takeover {
    const journal = this.#read();
    if (journal === null) return NOTHING;
    const cutOff = journal.calls.map(({ model }) => interruptedRecord(model, now));
    const dialogs = journal.calls.flatMap(({ dialog }) => (dialog === null ? [] : [dialog]));
    if (cutOff.length > 0)
      this.log.warn(`the engine before this one stopped with ${cutOff.length} call(s) in progress`);
    return { records: [...journal.ended, ...cutOff], cutOff: cutOff.length, dialogs };
  }

  /** Writes down the calls in progress and the ended calls the history has not yet taken, when they changed. */
  keep(calls: readonly JournalEntry[], ended: readonly CallRecord[]): void {
    if (this.storage === null) return;
    const text = calls.length === 0 && ended.length === 0 ? '' : JSON.stringify({ version: 1, calls, ended });
    if (text === this.#written) return;
    try {
      if (text === '') this.storage.removeItem(CALL_JOURNAL_KEY);
      else this.storage.setItem(CALL_JOURNAL_KEY, text);
      this.#written = text;
    } catch (error) {
      // A full or refused storage costs only the recovery after a crash: say it once, carry on.
      if (!this.#hasFailed) this.log.warn('could not write the call journal', error);
      this.#hasFailed = true;
    }
  }

  #read(): Journal | null {
    let text: string | null;
    try {
      text = this.storage?.getItem(CALL_JOURNAL_KEY) ?? null;
    } catch (error) {
      this.log.warn('could not read the call journal', error);
      return null;
    }
    if (text === null || text === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.log.warn('the call journal is not JSON; left aside');
      return null;
    }
    const parsed = v.safeParse(JournalSchema, value);
    if (!parsed.success) {
      this.log.warn('the call journal is not in the expected shape; left aside', v.summarize(parsed.issues));
      return null;
    }
    return parsed.output;
  }
}

/** The history row of a call that was in progress when its engine stopped. */
function interruptedRecord(call: Call, endedAt: number): CallRecord {
  const record = recordOf(call, null, endedAt);
  const wasMissed = call.direction === 'incoming' && call.answeredAt === null;
  return { ...record, outcome: wasMissed ? 'missed' : 'interrupted', endReason: null };
}
