import type { Logger } from '../../shared/log.ts';
import { NO_CALL_QUEUES, type CallQueuesState } from '../../shared/model/call-queue.ts';
import type { Lamp, PbxUserServices } from '../../shared/model/lamp.ts';
import type { XsiWatchRequest } from '../../shared/protocol/engine-commands.ts';
import { CallQueues } from './call-queues.ts';
import { XsiEventChannel } from './xsi-event-channel.ts';
import { MAX_CALLS_ELSEWHERE } from '../../shared/model/call-elsewhere.ts';
import { isWholeCallList, type XsiCall } from '../../shared/xsi/call-documents.ts';

export interface XsiWatchDelegate {
  /** The queues changed (or the channel's status). */
  changed(): void;
  /** What the PBX says of a watched line's services (Do Not Disturb, forwarding), for its lamp. */
  serviceChanged(line: string, service: Lamp['service']): void;
  /** What the PBX says of the user's own services changed. */
  ownServicesChanged(): void;
  /** The user's calls as the PBX reports them changed (`ownCalls`). */
  ownCallsChanged(): void;
}

/**
 * What the console follows over one XSI event channel (issue #15): the call centers the receptionist chose, as a
 * `CallQueuesState` — each queue's calls in order and its service mode, and whether the channel is live (while it
 * re-opens the queues stay as last known, marked `connecting`) — and the monitored colleagues' Do Not Disturb and
 * forwarding, handed to their lamps — and the user's own, when kept on the PBX, so that a change made elsewhere (a desk
 * phone, the PBX's portal) shows in the console; and with them the user's calls wherever they are (Advanced Call).
 */
export class XsiWatch {
  readonly #queues = new CallQueues();
  readonly #channel: XsiEventChannel;
  #state: CallQueuesState = NO_CALL_QUEUES;
  /** Each monitored user's line, and what their two services last said. */
  #lines = new Map<string, string>();
  readonly #services = new Map<string, PbxUserServices>();
  #ownUserId: string | null = null;
  #ownServices: PbxUserServices | null = null;
  /** The user's calls as the PBX last reported them, by the PBX's call id. */
  readonly #ownCalls = new Map<string, XsiCall>();

  constructor(
    private readonly delegate: XsiWatchDelegate,
    log: Logger,
    fetchFunction?: typeof fetch,
  ) {
    this.#channel = new XsiEventChannel(
      {
        onEvent: (event) => {
          if (event.calls !== null) {
            if (event.targetId === this.#ownUserId) this.#callEvent(event.type, event.calls);
            return;
          }
          if (event.service !== null) {
            this.#serviceEvent(event.targetId, event.type, event.service);
            return;
          }
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

  /** The user's own services as the PBX last said; null until it says, or when not followed. */
  get ownServices(): PbxUserServices | null {
    return this.#ownServices;
  }

  /** The user's calls, wherever they are, as the PBX last reported them (none when not followed). */
  get ownCalls(): readonly XsiCall[] {
    return [...this.#ownCalls.values()];
  }

  watch(request: XsiWatchRequest | null): void {
    const queues = request?.queues ?? [];
    const monitored = request?.monitoredUsers ?? [];
    const ownUserId = request?.ownUserId ?? null;
    if (ownUserId !== this.#ownUserId) {
      this.#ownUserId = ownUserId;
      if (this.#ownServices !== null) {
        this.#ownServices = null;
        this.delegate.ownServicesChanged();
      }
      if (this.#ownCalls.size > 0) {
        this.#ownCalls.clear();
        this.delegate.ownCallsChanged();
      }
    }
    const userIds = [...new Set(monitored.map((user) => user.userId))];
    this.#queues.watch(queues);
    const lines = new Map(monitored.map(({ line, userId }) => [userId, line]));
    for (const [userId, line] of this.#lines) {
      if (lines.get(userId) === line) continue;
      this.#services.delete(userId);
      this.delegate.serviceChanged(line, null);
    }
    this.#lines = lines;
    this.#channel.watch(
      request === null || (queues.length === 0 && userIds.length === 0 && ownUserId === null)
        ? null
        : {
            xsiUrl: request.xsiUrl,
            authorization: request.authorization,
            queueIds: queues.map((queue) => queue.id),
            monitoredUserIds: userIds,
            ownUserId,
          },
    );
    const isWatching = request !== null && (queues.length > 0 || monitored.length > 0);
    this.#set(isWatching ? { queues: this.#queues.models } : NO_CALL_QUEUES);
  }

  /**
   * A call event of the user: a subscription's first event lists every call (any other has ended); a call event
   * brings one call's news, a released call leaves.
   */
  #callEvent(type: string, calls: readonly XsiCall[]): void {
    if (isWholeCallList(type)) this.#ownCalls.clear();
    for (const call of calls) {
      if (call.state === 'Released') this.#ownCalls.delete(call.callId);
      else if (this.#ownCalls.size < MAX_CALLS_ELSEWHERE || this.#ownCalls.has(call.callId))
        this.#ownCalls.set(call.callId, call);
    }
    this.delegate.ownCallsChanged();
  }

  #serviceEvent(userId: string, type: string, service: { isActive: boolean; forwardTo: string }): void {
    const apply = (before: PbxUserServices | null): PbxUserServices => {
      const known = before ?? { isDoNotDisturb: false, forwardTo: null };
      return type === 'DoNotDisturbEvent'
        ? { ...known, isDoNotDisturb: service.isActive }
        : { ...known, forwardTo: service.isActive && service.forwardTo !== '' ? service.forwardTo : null };
    };
    if (userId === this.#ownUserId) {
      this.#ownServices = apply(this.#ownServices);
      this.delegate.ownServicesChanged();
    }
    const line = this.#lines.get(userId);
    if (line === undefined) return;
    const next = apply(this.#services.get(userId) ?? null);
    this.#services.set(userId, next);
    this.delegate.serviceChanged(line, next);
  }

  /** Callers pass `queues` only when they changed (`CallQueues` says so); the rest is compared field by field. */
  #set(patch: Partial<CallQueuesState>): void {
    const before = this.#state;
    const next = { ...before, ...patch };
    if (
      next.queues === before.queues &&
      next.status === before.status &&
      next.problem === before.problem &&
      next.detail === before.detail
    )
      return;
    this.#state = next;
    this.delegate.changed();
  }
}
