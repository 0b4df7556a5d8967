import type { Logger } from '../../shared/log.ts';
import { NO_CALL_QUEUES, type CallQueuesState } from '../../shared/model/call-queue.ts';
import type { QueueWatchRequest } from '../../shared/protocol/engine-commands.ts';
import { CallQueues } from './call-queues.ts';
import { XsiEventChannel } from './xsi-event-channel.ts';

/**
 * The queued-calls pane's live source (issue #15): the call centers the receptionist chose, watched over one XSI event
 * channel, as a `CallQueuesState` — each queue's calls in order and its service mode, and whether the channel is live.
 * While the channel re-opens the queues stay as last known, marked `connecting`.
 */
export class QueueWatch {
  readonly #queues = new CallQueues();
  readonly #channel: XsiEventChannel;
  #state: CallQueuesState = NO_CALL_QUEUES;

  constructor(
    private readonly changed: () => void,
    log: Logger,
    fetchFunction?: typeof fetch,
  ) {
    this.#channel = new XsiEventChannel(
      {
        onEvent: (event) => {
          if (this.#queues.apply(event.targetId, event.type, event.entries, event.position, event.configuration))
            this.#set({ queues: this.#queues.models });
        },
        onStatus: (status, problem, detail) => this.#set({ status, problem, detail }),
        onQueueProblem: (queueId, problem) => {
          if (this.#queues.setProblem(queueId, problem)) this.#set({ queues: this.#queues.models });
        },
      },
      log,
      fetchFunction,
    );
  }

  get state(): CallQueuesState {
    return this.#state;
  }

  watch(request: QueueWatchRequest | null): void {
    const queues = request?.queues ?? [];
    this.#queues.watch(queues);
    this.#channel.watch(
      request === null || queues.length === 0
        ? null
        : { xsiUrl: request.xsiUrl, authorization: request.authorization, queueIds: queues.map((queue) => queue.id) },
    );
    this.#set(queues.length === 0 ? NO_CALL_QUEUES : { queues: this.#queues.models });
  }

  #set(patch: Partial<CallQueuesState>): void {
    const next = { ...this.#state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.#state)) return;
    this.#state = next;
    this.changed();
  }
}
