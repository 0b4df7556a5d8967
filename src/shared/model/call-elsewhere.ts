import * as v from 'valibot';

/** The most calls elsewhere kept: a line has a few at once; more is noise. */
export const MAX_CALLS_ELSEWHERE = 16;

/**
 * A call of the receptionist's own line that is not in this console (issue #15): on their desk phone, on their
 * mobile through the PBX, in another console — as the PBX reports it over XSI (the user's Advanced Call events). The
 * console shows it and counts the line as busy (the guide's line-status icon); it is answered on its phone, and held,
 * taken back or hung up there through the PBX.
 */
export const CallElsewhereSchema = v.object({
  /** The PBX's id of the call (XSI `callId`). */
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  direction: v.picklist(['outgoing', 'incoming']),
  state: v.picklist(['ringing', 'talking', 'held']),
  remoteName: v.pipe(v.string(), v.maxLength(256)),
  remoteNumber: v.pipe(v.string(), v.maxLength(256)),
  /** When the call started, and when it was answered (ms since the epoch, the PBX's clock). */
  startedAt: v.number(),
  answeredAt: v.nullable(v.number()),
});
export type CallElsewhere = v.InferOutput<typeof CallElsewhereSchema>;

export const CallsElsewhereSchema = v.pipe(v.array(CallElsewhereSchema), v.maxLength(MAX_CALLS_ELSEWHERE));

/** No call elsewhere: one object, so that states without any compare equal by reference. */
export const NO_CALLS_ELSEWHERE: CallElsewhere[] = [];

/** What the console can do to a call on the user's other phone, through the PBX (XSI call control). */
export const CallElsewhereActionSchema = v.picklist(['hang-up', 'hold', 'resume']);
export type CallElsewhereAction = v.InferOutput<typeof CallElsewhereActionSchema>;
