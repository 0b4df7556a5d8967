import {
  MAX_LISTED_QUEUED_CALLS,
  type CallQueue,
  type QueuedCall,
  type QueueServiceMode,
} from '../../shared/model/call-queue.ts';
import type { AcdConfiguration } from '../../shared/xsi/acd-documents.ts';

/** Events after which a call is no longer waiting in the queue (XSIACDEvents.xsd). */
const LEAVES_QUEUE = new Set([
  'ACDCallAbandonedEvent',
  'ACDCallAnsweredByAgentEvent',
  'ACDCallReleasedEvent',
  'ACDCallTransferredEvent',
  'ACDCallStrandedEvent',
  'ACDCallStrandedUnavailableEvent',
  'ACDCallEscapedEvent',
  'ACDCallOverflowedEvent',
]);
/** Events that say where a call now stands (`position`, 1-based). */
const MOVES_IN_QUEUE = new Set([
  'ACDCallAddedEvent',
  'ACDCallPromotedEvent',
  'ACDCallReorderedEvent',
  'ACDCallBouncedEvent',
]);
/** Events that change a call in place. */
const UPDATES_CALL = new Set(['ACDCallUpdatedEvent', 'ACDCallOfferedToAgentEvent', 'ACDWhisperStartedEvent']);
const FULL_QUEUE = new Set(['ACDSubscriptionEvent', 'ACDSubscriptionResyncEvent']);

/** The order of precedence of a call center's policies: the one callers meet is shown. */
function modeOf(configuration: Required<AcdConfiguration>): QueueServiceMode {
  if (configuration.forcedForwarding) return 'forced-forwarding';
  if (configuration.holidayService) return 'holiday';
  if (configuration.nightService) return 'night';
  return 'normal';
}

const NO_POLICY: Required<AcdConfiguration> = {
  forcedForwarding: false,
  holidayService: false,
  nightService: false,
  forceNightService: false,
};

/** One watched queue as its events built it: every call waiting in order, and the policies in force. */
class WatchedQueue {
  calls: QueuedCall[] = [];
  configuration = NO_POLICY;
  problem: { key: string; detail: string | null } | null = null;
  model: CallQueue;

  constructor(
    readonly id: string,
    readonly name: string,
  ) {
    this.model = this.#build();
  }

  /** Applies one event; false when it changed nothing. */
  apply(
    type: string,
    entries: readonly QueuedCall[],
    position: number | null,
    configuration: AcdConfiguration,
  ): boolean {
    const [entry] = entries;
    if (FULL_QUEUE.has(type)) this.calls = [...entries];
    else if (type.startsWith('ACD') && Object.keys(configuration).length > 0)
      this.configuration = { ...this.configuration, ...configuration };
    else if (entry === undefined) return false;
    else if (LEAVES_QUEUE.has(type)) this.calls = this.calls.filter((call) => call.id !== entry.id);
    else if (MOVES_IN_QUEUE.has(type)) {
      const others = this.calls.filter((call) => call.id !== entry.id);
      const at = position === null ? others.length : Math.min(Math.max(position - 1, 0), others.length);
      this.calls = [...others.slice(0, at), entry, ...others.slice(at)];
    } else if (UPDATES_CALL.has(type)) this.calls = this.calls.map((call) => (call.id === entry.id ? entry : call));
    else return false;
    this.model = this.#build();
    return true;
  }

  setProblem(problem: { key: string; detail: string | null } | null): boolean {
    if (JSON.stringify(problem) === JSON.stringify(this.problem)) return false;
    this.problem = problem;
    this.model = this.#build();
    return true;
  }

  #build(): CallQueue {
    return {
      id: this.id,
      name: this.name,
      mode: modeOf(this.configuration),
      isNightServiceForced: this.configuration.forceNightService,
      calls: this.calls.slice(0, MAX_LISTED_QUEUED_CALLS),
      count: this.calls.length,
      problem: this.problem?.key ?? null,
      detail: this.problem?.detail ?? null,
    };
  }
}

/**
 * The queues the receptionist watches, kept from their XSI events (Call Center Queue and Call Center Configuration
 * packages): a full-state event (the first after subscribing, or a resync) replaces a queue's calls, each other
 * event adds, moves, changes or removes one call by its id — so an event received twice changes nothing more, and a
 * re-opened channel's fresh full state puts everything right.
 */
export class CallQueues {
  #queues: WatchedQueue[] = [];

  get models(): CallQueue[] {
    return this.#queues.map((queue) => queue.model);
  }

  /** The queues to watch, in order: kept ones keep their calls until the next full state. */
  watch(queues: readonly { id: string; name: string }[]): void {
    const kept = new Map(this.#queues.map((queue) => [queue.id, queue]));
    this.#queues = queues.map(({ id, name }) => kept.get(id) ?? new WatchedQueue(id, name));
  }

  /** Why a queue cannot be watched (its subscription refused), or null once it can. */
  setProblem(queueId: string, problem: { key: string; detail: string | null } | null): boolean {
    return this.#queues.find((watched) => watched.id === queueId)?.setProblem(problem) ?? false;
  }

  apply(
    targetId: string,
    type: string,
    entries: readonly QueuedCall[],
    position: number | null,
    configuration: AcdConfiguration,
  ): boolean {
    const queue = this.#queues.find((watched) => watched.id === targetId);
    return queue?.apply(type, entries, position, configuration) ?? false;
  }
}
