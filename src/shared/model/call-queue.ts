import * as v from 'valibot';

/** The guide's limit: the pane shows up to five queues at once. */
export const MAX_WATCHED_QUEUES = 5;
/** The most calls one queue lists (a call center's queue is rarely longer; the count is always exact). */
export const MAX_LISTED_QUEUED_CALLS = 100;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** The console's own reception queue among the pane's queues (a PBX's call centers have ids with an `@`). */
export const RECEPTION_QUEUE_ID = 'reception';

/** A call center's id as the PBX names it (BroadWorks: `sales@example.com`). */
export const CallQueueIdSchema = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(256));

/** `0-Highest` … `3-Low` of BroadWorks (`ACDPriorityType`) as 0 … 3: the lower, the sooner the call is served. */
export const QueuePrioritySchema = v.picklist([0, 1, 2, 3]);
export type QueuePriority = v.InferOutput<typeof QueuePrioritySchema>;

/** One caller waiting in a queue. */
export const QueuedCallSchema = v.object({
  /** The PBX's id of the call in the queue (BroadWorks: its `callId`), which every command names. */
  id: text(256),
  /** Who is calling: a display name (empty when the PBX has none) and a number or address. */
  name: text(256),
  number: text(256),
  /** The number (DNIS) or queue the call came in on, and its name. */
  dnisName: text(256),
  dnisNumber: text(64),
  priority: QueuePrioritySchema,
  /** Epoch ms the call joined the queue: the pane counts the time waited from it. */
  addedAt: v.number(),
  /** Flags the PBX keeps: bounced back from an agent, moved by hand. */
  isBounced: v.boolean(),
  isReordered: v.boolean(),
});
export type QueuedCall = v.InferOutput<typeof QueuedCallSchema>;

/**
 * How a queue treats new callers: as usual, or by one of the call center's policies (night service, holiday
 * service, forced forwarding), which the pane shows so the receptionist knows why nobody is queueing.
 */
export const QueueServiceModeSchema = v.picklist(['normal', 'night', 'holiday', 'forced-forwarding']);
export type QueueServiceMode = v.InferOutput<typeof QueueServiceModeSchema>;

export const CallQueueSchema = v.object({
  id: CallQueueIdSchema,
  name: text(256),
  mode: QueueServiceModeSchema,
  /** Night service switched on by hand, overriding the schedule. */
  isNightServiceForced: v.boolean(),
  /** Every call waiting, in the order the PBX will serve them (at most `MAX_LISTED_QUEUED_CALLS`). */
  calls: v.pipe(v.array(QueuedCallSchema), v.maxLength(MAX_LISTED_QUEUED_CALLS)),
  /** How many calls wait in all (may exceed the calls listed). */
  count: v.number(),
  /** Why this queue cannot be watched (a message key: not a supervisor, no such call center), and the PBX's words. */
  problem: v.nullable(text(64)),
  detail: v.nullable(text(256)),
});
export type CallQueue = v.InferOutput<typeof CallQueueSchema>;

/**
 * The queues the console watches, as the PBX's event channel keeps them: `off` (no queues chosen, or a backend that
 * has none), `connecting` (opening the channel or reading the queues again after it dropped), `live`, or `failing`
 * (`problem` is a message key, `detail` the server's words); the queues stay as last known while it is not live.
 */
export const CallQueuesStateSchema = v.object({
  status: v.picklist(['off', 'connecting', 'live', 'failing']),
  problem: v.nullable(text(64)),
  detail: v.nullable(text(256)),
  /** The console's own reception queue first when it is on (id `reception`), then the watched call centers. */
  queues: v.pipe(v.array(CallQueueSchema), v.maxLength(MAX_WATCHED_QUEUES + 1)),
});
export type CallQueuesState = v.InferOutput<typeof CallQueuesStateSchema>;

export const NO_CALL_QUEUES: CallQueuesState = { status: 'off', problem: null, detail: null, queues: [] };

/** A call center the receptionist may watch (the PBX's list), with how many calls wait there now. */
export const AvailableQueueSchema = v.object({ id: CallQueueIdSchema, name: text(256), count: v.number() });
export type AvailableQueue = v.InferOutput<typeof AvailableQueueSchema>;

/** The pane's choices (the guide's "favourite queues" dialog): which queues, and how many calls each lists. */
export const QueuePaneSettingsSchema = v.object({
  watched: v.pipe(
    v.array(v.object({ id: CallQueueIdSchema, name: text(256) })),
    v.maxLength(MAX_WATCHED_QUEUES, 'error_queues_too_many'),
  ),
  listedCalls: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
});
export type QueuePaneSettings = v.InferOutput<typeof QueuePaneSettingsSchema>;
export const DEFAULT_QUEUE_PANE: QueuePaneSettings = { watched: [], listedCalls: 5 };

/** What the receptionist does to a queued call. */
export const QueueCallActionSchema = v.variant('action', [
  /** Brings the call to the console (it rings there). */
  v.object({ action: v.literal('retrieve') }),
  /** Ends it (where the PBX allows). */
  v.object({ action: v.literal('release') }),
  v.object({ action: v.literal('transfer'), number: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64)) }),
  /** Raises its priority. */
  v.object({ action: v.literal('promote'), priority: QueuePrioritySchema }),
  /** Moves it to a position (0: served next). */
  v.object({ action: v.literal('move'), index: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
]);
export type QueueCallAction = v.InferOutput<typeof QueueCallActionSchema>;
