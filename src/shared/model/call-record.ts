import * as v from 'valibot';
import { CallIdSchema, SignalingDetailsSchema } from './call.ts';

/**
 * A call in the history, written once when the call ends. Its id is the call's own, so writing it again (after a
 * restart, say) replaces the same row instead of adding one.
 */
export const CallOutcomeSchema = v.picklist([
  /** Connected, in either direction. */
  'answered',
  /** Incoming, never answered here: the caller hung up or went elsewhere. */
  'missed',
  /** Incoming, refused by the receptionist. */
  'declined',
  /** Outgoing, refused by the network or the other party (busy, not found…). */
  'failed',
  /** Outgoing, abandoned by the receptionist before an answer. */
  'cancelled',
  /** Incoming, sent on by the receptionist while it rang (to a colleague or a voicemail), without answering. */
  'deflected',
  /**
   * Handled on another phone. Incoming: answered there while it rang here (a colleague picked it up, another phone of
   * a group took it: the caller's CANCEL said so, `Reason: SIP;cause=200`, RFC 3326), or received there as the PBX's
   * call log says. Outgoing: placed from another phone of the user, as the PBX's call log says.
   */
  'elsewhere',
  /**
   * In progress (answered, or placed and not yet answered) when the phone engine stopped under it: its page closed or
   * crashed, or the browser was killed. The next engine writes it from the call journal (`call-journal.ts`).
   */
  'interrupted',
]);
export type CallOutcome = v.InferOutput<typeof CallOutcomeSchema>;

export const CallRecordSchema = v.object({
  id: CallIdSchema,
  direction: v.picklist(['incoming', 'outgoing']),
  outcome: CallOutcomeSchema,
  remoteName: v.string(),
  remoteNumber: v.string(),
  startedAt: v.number(),
  answeredAt: v.nullable(v.number()),
  endedAt: v.number(),
  endReason: v.nullable(v.string()),
  /** Incoming calls: their SIP details (the call trace). Absent from rows written before it was kept. */
  signaling: v.optional(v.nullable(SignalingDetailsSchema), null),
});
export type CallRecord = v.InferOutput<typeof CallRecordSchema>;

/** The history as the console's tabs split it. */
export const HistoryFilterSchema = v.picklist(['all', 'missed', 'placed', 'received']);
export type HistoryFilter = v.InferOutput<typeof HistoryFilterSchema>;

export function matchesFilter(record: CallRecord, filter: HistoryFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'missed':
      return record.direction === 'incoming' && record.outcome === 'missed';
    case 'placed':
      return record.direction === 'outgoing';
    case 'received':
      return record.direction === 'incoming' && record.outcome !== 'missed';
  }
}

/** What every UI needs of the history without reading it: the missed calls not yet seen, and numbers to redial. */
export const HistorySummarySchema = v.object({
  /** Grows on every change, so a view showing the history knows to read it again. */
  revision: v.number(),
  unseenMissed: v.number(),
  /** Most recent first, without repeats. */
  recentNumbers: v.array(v.object({ number: v.string(), name: v.string() })),
});
export type HistorySummary = v.InferOutput<typeof HistorySummarySchema>;
