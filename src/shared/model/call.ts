import * as v from 'valibot';

/** A call's id, minted by the phone engine; opaque everywhere else. */
export type CallId = string & { readonly __brand: 'CallId' };
export const CallIdSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(64),
  v.transform((id) => id as CallId),
);

/**
 * A call as every UI sees it (the engine owns the live one).
 *
 * ```
 *  outgoing: Dialing ─180─▶ Ringing ─200─▶ Active ⇄ Held ──▶ Ended
 *  incoming: Alerting ───answer────────▶ Active ⇄ Held ──▶ Ended
 *            Alerting ─answered with music (reception queue)─▶ Held ─taken─▶ Active
 * ```
 */
export const CallStatusSchema = v.picklist(['Dialing', 'Ringing', 'Alerting', 'Active', 'Held', 'Ended']);
export type CallStatus = v.InferOutput<typeof CallStatusSchema>;

/**
 * How an incoming call reached us, for the call trace: the headers as the PBX sent them (kept as text, shown as
 * text), and when.
 */
export const SignalingDetailsSchema = v.object({
  from: v.pipe(v.string(), v.maxLength(512)),
  pAssertedIdentity: v.nullable(v.pipe(v.string(), v.maxLength(512))),
  callId: v.pipe(v.string(), v.maxLength(256)),
});
export type SignalingDetails = v.InferOutput<typeof SignalingDetailsSchema>;

/**
 * The `endReason` of a call that went with the connection: the line came back, but the call's dialog could not be
 * refreshed over the new one (the far end or the proxy no longer knew it). The consoles say it in words.
 */
export const CONNECTION_LOST = 'connection-lost';

export const CallSchema = v.object({
  id: CallIdSchema,
  direction: v.picklist(['incoming', 'outgoing']),
  status: CallStatusSchema,
  remoteName: v.string(),
  remoteNumber: v.string(),
  /** Epoch ms when the call was created; `answeredAt` when it was first connected. */
  createdAt: v.number(),
  answeredAt: v.nullable(v.number()),
  isMuted: v.boolean(),
  /** Who the call is being transferred to, while a transfer is under way. */
  transferringTo: v.nullable(v.string()),
  /**
   * Who a transferred call came back from, unanswered (transfer recall): it rings on hold at the receptionist until
   * taken again.
   */
  recalledFrom: v.nullable(v.pipe(v.string(), v.maxLength(256))),
  /**
   * Answered by the reception queue while the receptionist was busy: the caller hears the console's music and is not
   * heard until taken (answer).
   */
  onQueueMusic: v.boolean(),
  /** Why a call failed (`486 Busy Here`), shown for a few seconds on the ended call; null for a normal hang-up. */
  endReason: v.nullable(v.string()),
  /** Incoming calls: the SIP details the call trace shows. Null for calls we placed. */
  signaling: v.nullable(SignalingDetailsSchema),
});
export type Call = v.InferOutput<typeof CallSchema>;

/** What the receptionist can do to one call; every UI sends these, only the engine carries them out. */
export const CallActionSchema = v.picklist(['answer', 'hang-up', 'hold', 'resume', 'mute', 'unmute']);
export type CallAction = v.InferOutput<typeof CallActionSchema>;

/** Media figures of one call, read from its peer connection: for a quality indicator, and for tests. */
export const CallStatsSchema = v.object({
  bytesSent: v.number(),
  bytesReceived: v.number(),
  packetsLost: v.number(),
  /** Seconds. */
  jitter: v.number(),
  /** Sum over time of the received audio's energy: it grows only while the other party is heard. */
  receivedAudioEnergy: v.number(),
});
export type CallStats = v.InferOutput<typeof CallStatsSchema>;

/** Where to transfer a call: a number or address (blind transfer), or another call in progress (attended). */
export const TransferTargetSchema = v.variant('kind', [
  v.object({
    kind: v.literal('number'),
    number: v.pipe(v.string(), v.trim(), v.nonEmpty('error_dial_target_required'), v.maxLength(256)),
  }),
  v.object({ kind: v.literal('call'), callId: CallIdSchema }),
  /** A park slot: a blind transfer there, never supervised (the slot answers by itself). */
  v.object({ kind: v.literal('park'), slot: v.pipe(v.string(), v.regex(/^[0-9]{1,8}$/)) }),
]);
export type TransferTarget = v.InferOutput<typeof TransferTargetSchema>;

/** DTMF digits as a keypad sends them. */
export const DtmfDigitsSchema = v.pipe(v.string(), v.regex(/^[0-9*#A-D]{1,32}$/, 'error_dtmf_digits'));

/** A three-way conference: the receptionist and the parties of two calls, mixed in the engine. */
export const ConferenceSchema = v.object({
  callIds: v.tuple([CallIdSchema, CallIdSchema]),
  isHeld: v.boolean(),
  /** The receptionist's microphone is off; the two parties still hear each other. */
  isMuted: v.boolean(),
});
export type Conference = v.InferOutput<typeof ConferenceSchema>;

export const ConferenceRequestSchema = v.variant('action', [
  v.object({ action: v.literal('start'), callIds: v.tuple([CallIdSchema, CallIdSchema]) }),
  v.object({ action: v.picklist(['end', 'leave', 'hold', 'resume', 'mute', 'unmute']) }),
]);
export type ConferenceRequest = v.InferOutput<typeof ConferenceRequestSchema>;
