/** `ACDPriorityType` (XSIACD.xsd): the lower the number, the sooner a call is served. */
export const ACD_PRIORITIES = ['0-Highest', '1-High', '2-Medium', '3-Low'] as const;
export type AcdPriority = (typeof ACD_PRIORITIES)[number];

/** One call waiting in a call center's queue, with the fields of `ACDQueueEntry` (XSIACD.xsd) the lab serves. */
export interface AcdQueueEntry {
  /** XSI's id of the call (`callhalf-…`), the one every command names. */
  readonly callId: string;
  readonly extTrackingId: string;
  readonly remoteName: string;
  readonly remoteAddress: string;
  /** Epoch ms the call joined the queue: the time in queue the console shows. */
  readonly addTime: number;
  /** The DNIS the call came in on: its name and number. */
  readonly acdName: string;
  readonly acdNumber: string;
  priority: AcdPriority;
  addTimeInPriorityBucket: number;
  isBounced: boolean;
  isReordered: boolean;
}

/** Why the queue refuses a command, in the words the lab's XSI answers with. */
export class AcdRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

const rank = (priority: AcdPriority) => ACD_PRIORITIES.indexOf(priority);

/**
 * A call center's queue, in service order: by priority, then by arrival within a priority (each priority is a
 * bucket). Promote and reorder follow the specification's rules (§3.5.10.4–5): promote only raises a priority and only
 * on a Premium call center, never for a bounced call; reorder moves only calls at `0-Highest` that were not bounced,
 * and only among those. Positions are 1-based, as in `ACDCallAddedEvent` and `QueueCallOrder`.
 */
export class AcdQueue {
  readonly #entries: AcdQueueEntry[] = [];

  constructor(readonly isPremium: boolean) {}

  get entries(): readonly AcdQueueEntry[] {
    return this.#entries;
  }

  find(callId: string): AcdQueueEntry | undefined {
    return this.#entries.find((entry) => entry.callId === callId);
  }

  positionOf(entry: AcdQueueEntry): number {
    return this.#entries.indexOf(entry) + 1;
  }

  /** A new call, behind every call of its priority or a higher one; its position. */
  add(entry: AcdQueueEntry): number {
    this.#insertAtEndOfBucket(entry);
    return this.positionOf(entry);
  }

  remove(callId: string): AcdQueueEntry {
    const entry = this.#existing(callId);
    this.#entries.splice(this.#entries.indexOf(entry), 1);
    return entry;
  }

  promote(callId: string, priority: AcdPriority, now: number): number {
    const entry = this.#existing(callId);
    if (!this.isPremium) throw new AcdRefusal(403, 'Promote is available on Premium call centers only');
    if (entry.isBounced) throw new AcdRefusal(400, 'A bounced call cannot be promoted');
    if (rank(priority) >= rank(entry.priority))
      throw new AcdRefusal(400, `A call can only be promoted above ${entry.priority}`);
    this.#entries.splice(this.#entries.indexOf(entry), 1);
    entry.priority = priority;
    entry.addTimeInPriorityBucket = now;
    this.#insertAtEndOfBucket(entry);
    return this.positionOf(entry);
  }

  /** Moves a call to `index` (0: the front) among the highest-priority calls; the position it ends at. */
  reorder(callId: string, index: number): number {
    const entry = this.#existing(callId);
    if (entry.priority !== '0-Highest' || entry.isBounced)
      throw new AcdRefusal(400, 'Only calls at the highest priority that were not bounced can be reordered');
    this.#entries.splice(this.#entries.indexOf(entry), 1);
    const highest = this.#entries.filter((other) => other.priority === '0-Highest').length;
    const at = Math.max(0, Math.min(index, highest));
    this.#entries.splice(at, 0, entry);
    entry.isReordered = true;
    return this.positionOf(entry);
  }

  #existing(callId: string): AcdQueueEntry {
    const entry = this.find(callId);
    if (entry === undefined) throw new AcdRefusal(404, `No call ${callId} in this queue`);
    return entry;
  }

  #insertAtEndOfBucket(entry: AcdQueueEntry): void {
    const after = this.#entries.findIndex((other) => rank(other.priority) > rank(entry.priority));
    if (after < 0) this.#entries.push(entry);
    else this.#entries.splice(after, 0, entry);
  }
}
