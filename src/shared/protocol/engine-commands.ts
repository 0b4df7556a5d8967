import * as v from 'valibot';
import { VoicemailSummarySchema } from '../model/voicemail.ts';
import { MicrophoneProblemSchema } from '../model/microphone.ts';
import { EngineInterruptionSchema } from '../model/engine-interruption.ts';
import { CallsElsewhereSchema } from '../model/call-elsewhere.ts';
import { AccountSettingsSchema, CredentialSchema } from '../model/account.ts';
import {
  CallActionSchema,
  CallIdSchema,
  CallSchema,
  CallStatsSchema,
  DtmfDigitsSchema,
  TransferTargetSchema,
  ConferenceRequestSchema,
  ConferenceSchema,
} from '../model/call.ts';
import { RegistrationStateSchema } from '../model/registration.ts';
import {
  LampSchema,
  MAX_WATCHED_LINES,
  PbxUserServicesSchema,
  PickupDialogSchema,
  WatchedLineSchema,
} from '../model/lamp.ts';
import { CallRecordSchema } from '../model/call-record.ts';
import { PhoneSettingsSchema } from '../model/phone-settings.ts';
import type { CommandContract } from './command-contract.ts';
import { EngineDeltaSchema } from './engine-delta.ts';
import { CallQueueIdSchema, CallQueuesStateSchema, MAX_WATCHED_QUEUES } from '../model/call-queue.ts';

export const EngineOptionsSchema = v.object({
  ...v.pick(PhoneSettingsSchema, [
    'autoAnswer',
    'honourAnswerAfter',
    'microphoneId',
    'speakerId',
    'ringerId',
    'transferRecallSeconds',
  ]).entries,
  /** Services the console carries out itself (local mode): refuse every call, or send it on (302) to a number. */
  incoming: v.object({
    doNotDisturb: v.nullable(v.picklist(['busy', 'unavailable'])),
    forwardTo: v.nullable(v.pipe(v.string(), v.maxLength(64))),
    hasRingSplash: v.boolean(),
  }),
  /** The console's own reception queue (see `calls/reception-queue.ts`); `overflowTo` already as the PBX dials it. */
  receptionQueue: v.object({
    isOn: v.boolean(),
    overflowAfterSeconds: PhoneSettingsSchema.entries.receptionQueueOverflowSeconds,
    overflowAtCallers: PhoneSettingsSchema.entries.receptionQueueMaxCallers,
    overflowTo: v.pipe(v.string(), v.maxLength(64)),
    isAnsweredWithMusic: v.boolean(),
  }),
  /** The colleagues' lines whose busy lamps the engine keeps (favourites and assigned ones), in display order. */
  watchedLines: v.pipe(v.array(WatchedLineSchema), v.maxLength(MAX_WATCHED_LINES)),
});
export type EngineOptions = v.InferOutput<typeof EngineOptionsSchema>;

/** The most colleagues whose services one console follows over XSI (two subscriptions each). */
export const MAX_MONITORED_USERS = 200;

/**
 * What to follow over XSI-Events, with what the channel needs to reach the server as the user: call centers' queues
 * (the queued-calls pane) and colleagues' services (monitored users: Do Not Disturb and forwarding on their lamps).
 */
export const XsiWatchRequestSchema = v.object({
  xsiUrl: v.pipe(v.string(), v.url(), v.maxLength(512)),
  /** `Basic …` of the user's id and password: XSI has no digest (spec §3.2.2). */
  authorization: v.pipe(v.string(), v.startsWith('Basic '), v.maxLength(2048)),
  queues: v.pipe(
    v.array(v.object({ id: CallQueueIdSchema, name: v.pipe(v.string(), v.maxLength(256)) })),
    v.maxLength(MAX_WATCHED_QUEUES),
  ),
  /** The user's own XSI id, when their Do Not Disturb or forwarding is kept on the PBX: followed too. */
  ownUserId: v.nullable(v.pipe(v.string(), v.nonEmpty(), v.maxLength(256))),
  /** Each watched line (a lamp) with the XSI id of its user (`201@pbx.example`). */
  monitoredUsers: v.pipe(
    v.array(v.object({ line: WatchedLineSchema, userId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(256)) })),
    v.maxLength(MAX_MONITORED_USERS),
  ),
});
export type XsiWatchRequest = v.InferOutput<typeof XsiWatchRequestSchema>;

/** The part of the state the phone engine owns, with a revision that grows by one per change. */
export const EngineStateSchema = v.object({
  /** Random per engine start: revisions of a re-created engine start again from zero. */
  instanceId: v.pipe(v.string(), v.maxLength(64)),
  revision: v.number(),
  registration: RegistrationStateSchema,
  calls: v.array(CallSchema),
  /** Calls that ended and that the background has not yet confirmed it wrote to the history. */
  endedCalls: v.array(CallRecordSchema),
  /** One busy lamp per watched line (`EngineOptions.watchedLines`), in that order. */
  lamps: v.array(LampSchema),
  /** The voicemail box as the server last said (message-summary); null when not subscribed or not told yet. */
  voicemail: v.nullable(VoicemailSummarySchema),
  conference: v.nullable(ConferenceSchema),
  /** Why the microphone could not be opened for the last call, until it can again. */
  microphone: v.nullable(MicrophoneProblemSchema),
  /** The call-center queues watched over XSI-Events (`engine/watch-xsi`). */
  queues: CallQueuesStateSchema,
  /**
   * The user's own Do Not Disturb and forwarding as the PBX last said over XSI-Events (set from a desk phone or the
   * PBX's portal, say); null until it says, or when not followed.
   */
  ownServices: v.nullable(PbxUserServicesSchema),
  /** The user's calls that are not in this console, as the PBX reports them over XSI-Events (Advanced Call). */
  callsElsewhere: CallsElsewhereSchema,
  /** The engine before this one stopped under calls in progress; until the receptionist dismisses the notice. */
  interruption: v.nullable(EngineInterruptionSchema),
});
export type EngineState = v.InferOutput<typeof EngineStateSchema>;

/** Commands the background sends to the phone engine (Chrome: to the offscreen document). */
export const EngineCommands = {
  /** Starts (or restarts with new settings) the user agent and keeps the line registered until `engine/logout`. */
  'engine/login': {
    req: v.object({ account: AccountSettingsSchema, credential: CredentialSchema, options: EngineOptionsSchema }),
    /** The digest realm the server challenged with, so the background can keep an HA1 for it. */
    res: v.object({ realm: v.nullable(v.string()) }),
  },
  'engine/logout': { req: v.object({}), res: v.void() },
  /** How the engine answers by itself; sent before each login and whenever the receptionist changes it. */
  'engine/configure': { req: EngineOptionsSchema, res: v.void() },
  /** The engine's whole state; the background asks for it whenever it (re)starts. */
  'engine/state': { req: v.object({}), res: EngineStateSchema },
  /** The background wrote these ended calls to the history: the engine may forget them. */
  'engine/history-written': { req: v.object({ ids: v.array(CallIdSchema) }), res: v.void() },
  /** The receptionist dismissed the notice of calls cut off by the engine before this one (`interruption`). */
  'engine/dismiss-interruption': { req: v.object({}), res: v.void() },
  'engine/dial': {
    req: v.object({ target: v.pipe(v.string(), v.nonEmpty(), v.maxLength(256)) }),
    res: v.object({ callId: CallIdSchema }),
    redeliverable: true,
  },
  /**
   * Transfers a call: blind to a number, or attended to another call (REFER with Replaces). Resolves when the
   * transfer has succeeded; on failure the call comes back (resumed after a blind transfer) and this rejects.
   */
  'engine/transfer': {
    req: v.object({ callId: CallIdSchema, target: TransferTargetSchema }),
    res: v.void(),
    redeliverable: true,
  },
  /** Sends DTMF digits on a call: RFC 4733 in the media, or SIP INFO, as Settings say. */
  'engine/dtmf': {
    req: v.object({ callId: CallIdSchema, digits: DtmfDigitsSchema, mode: PhoneSettingsSchema.entries.dtmfMode }),
    res: v.void(),
    redeliverable: true,
  },
  'engine/call-stats': { req: v.object({ callId: CallIdSchema }), res: CallStatsSchema },
  /** Starts, ends, leaves, holds, resumes or mutes the three-way conference. */
  'engine/conference': { req: ConferenceRequestSchema, res: v.void(), redeliverable: true },
  'engine/call-action': {
    req: v.object({ callId: CallIdSchema, action: CallActionSchema }),
    res: v.void(),
    redeliverable: true,
  },
  /** Moves a call waiting in the console's own reception queue to `index` (0: first). */
  'engine/reception-queue-move': {
    req: v.object({ callId: CallIdSchema, index: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
    res: v.void(),
  },
  /** Follows call centers' queues and colleagues' services over one XSI event channel; null stops (logout, no XSI). */
  'engine/watch-xsi': { req: v.object({ watch: v.nullable(XsiWatchRequestSchema) }), res: v.void() },
  /** Takes a call ringing at a colleague: INVITE with `Replaces: …;early-only` to its caller (RFC 5359 §2.16). */
  'engine/pick-up': {
    req: v.object({ pickup: PickupDialogSchema, callerName: v.pipe(v.string(), v.maxLength(256)) }),
    res: v.object({ callId: CallIdSchema }),
  },
} as const satisfies CommandContract;
export type EngineCommands = typeof EngineCommands;

/**
 * The port the engine's page (Chrome's offscreen document) keeps open to the background while it is awake: its end
 * tells the background the page went (see `background/engine-watch.ts`). It carries no message.
 */
export const ENGINE_HOST_PORT = 'engine-host';

/** What the engine tells the background, unasked. Sent as one-shot messages, which wake a sleeping service worker. */
export const EngineEvents = {
  /** What changed since the revision it names (see `engine-delta.ts`); the background resyncs when it cannot follow. */
  'engine/state-changed': { req: EngineDeltaSchema, res: v.void() },
} as const satisfies CommandContract;
export type EngineEvents = typeof EngineEvents;
