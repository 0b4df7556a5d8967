import type { Call, CallId } from '../../shared/model/call.ts';
import { RECEPTION_QUEUE_ID, type CallQueue, type QueuedCall } from '../../shared/model/call-queue.ts';
import type { Logger } from '../../shared/log.ts';

/** How the console's own queue behaves (Settings › Dial plan › Reception queue). */
export interface ReceptionQueuePolicy {
  readonly isOn: boolean;
  /** A caller waiting longer than this is sent on to `overflowTo`; 0: never. */
  readonly overflowAfterSeconds: number;
  /** A new caller finding this many already waiting is sent on at once; 0: no limit. */
  readonly overflowAtCallers: number;
  /** Where overflowing callers go (voicemail's number, a colleague); empty: nowhere, the rules are off. */
  readonly overflowTo: string;
  /** A caller arriving while the receptionist is busy is answered with music (else they hear ringback). */
  readonly isAnsweredWithMusic: boolean;
}

export interface ReceptionQueueDelegate {
  /** Sends a waiting call on: a ringing one unanswered (302), one on music by a blind transfer. */
  deflect(callId: CallId, target: string): Promise<void>;
  /** Answers a ringing caller into the queue with music (`CallControl.answerWithMusic`). */
  answerWithMusic(callId: CallId): Promise<void>;
  /** The receptionist reordered the queue (changes the calls bring are published with them). */
  changed(): void;
}

/**
 * A reception queue for any PBX (issue #15): with plain SIP, the calls ringing at the console wait in its own queue —
 * in order of arrival, reordered at will by the receptionist, who answers any of them — and an overflow rule keeps
 * anyone from waiting forever: after N seconds, or when N callers already wait, a caller is sent on (voicemail, a
 * colleague). A caller arriving while the receptionist is busy keeps ringing (ringback), or, as Settings say, is
 * answered with the console's music until taken. Kept by the engine, so its timers run while the service worker
 * sleeps.
 */
export class ReceptionQueue {
  #order: CallId[] = [];
  readonly #timers = new Map<CallId, ReturnType<typeof setTimeout>>();
  #policy: ReceptionQueuePolicy = {
    isOn: false,
    overflowAfterSeconds: 0,
    overflowAtCallers: 0,
    overflowTo: '',
    isAnsweredWithMusic: false,
  };
  #model: CallQueue | null = null;

  constructor(
    private readonly delegate: ReceptionQueueDelegate,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  configure(policy: ReceptionQueuePolicy): void {
    this.#policy = policy;
    if (!policy.isOn) for (const id of [...this.#timers.keys()]) this.#stopTimer(id);
  }

  /** The queue as the pane shows it; null when it is off. */
  model(calls: readonly Call[]): CallQueue | null {
    if (!this.#policy.isOn) return null;
    const byId = new Map(calls.map((call) => [call.id, call]));
    const waiting = this.#order.map((id) => byId.get(id)).filter((call): call is Call => call !== undefined);
    const previous = this.#model;
    if (
      previous !== null &&
      previous.calls.length === waiting.length &&
      previous.calls.every(
        (queued, index) => queued.id === waiting[index]?.id && queued.name === waiting[index].remoteName,
      )
    )
      return previous;
    this.#model = {
      id: RECEPTION_QUEUE_ID,
      name: '',
      mode: 'normal',
      isNightServiceForced: false,
      calls: waiting.map(queuedCallOf),
      count: waiting.length,
      problem: null,
      detail: null,
    };
    return this.#model;
  }

  /** The calls changed (called before they are published): ringing calls join, or overflow at once; others leave. */
  sync(calls: readonly Call[]): void {
    if (!this.#policy.isOn) {
      this.#order = [];
      return;
    }
    const waiting = calls.filter(
      (call) => call.direction === 'incoming' && (call.status === 'Alerting' || call.onQueueMusic),
    );
    const waitingIds = new Set(waiting.map((call) => call.id));
    this.#order = this.#order.filter((id) => waitingIds.has(id));
    for (const id of this.#timers.keys()) if (!waitingIds.has(id)) this.#stopTimer(id);
    // Busy: talking, on hold, dialling — any call but those waiting here.
    const isBusy = calls.some((call) => !waitingIds.has(call.id) && call.status !== 'Ended');
    for (const call of waiting) {
      if (this.#order.includes(call.id)) continue;
      const { overflowAtCallers, overflowTo } = this.#policy;
      if (overflowTo !== '' && overflowAtCallers > 0 && this.#order.length >= overflowAtCallers) {
        this.log.info(`reception queue full (${this.#order.length}): a caller is sent to ${overflowTo}`);
        this.#overflow(call.id);
        continue;
      }
      this.#order.push(call.id);
      this.#startTimer(call);
      if (this.#policy.isAnsweredWithMusic && isBusy && call.status === 'Alerting')
        this.delegate
          .answerWithMusic(call.id)
          .catch((error: unknown) => this.log.warn('could not answer a caller into the queue', error));
    }
  }

  /** Moves a waiting call to `index` (0: first). */
  move(callId: CallId, index: number): void {
    if (!this.#order.includes(callId)) return;
    const others = this.#order.filter((id) => id !== callId);
    const at = Math.max(0, Math.min(index, others.length));
    this.#order = [...others.slice(0, at), callId, ...others.slice(at)];
    this.delegate.changed();
  }

  stop(): void {
    for (const id of [...this.#timers.keys()]) this.#stopTimer(id);
    this.#order = [];
  }

  #startTimer(call: Call): void {
    const { overflowAfterSeconds, overflowTo } = this.#policy;
    if (overflowAfterSeconds <= 0 || overflowTo === '') return;
    const delay = Math.max(0, call.createdAt + overflowAfterSeconds * 1000 - this.now());
    this.#timers.set(
      call.id,
      setTimeout(() => {
        this.#timers.delete(call.id);
        this.log.info(`a caller waited ${overflowAfterSeconds} s at the reception: sent to ${overflowTo}`);
        this.#overflow(call.id);
      }, delay),
    );
  }

  #stopTimer(id: CallId): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }

  #overflow(callId: CallId): void {
    this.delegate
      .deflect(callId, this.#policy.overflowTo)
      .catch((error: unknown) => this.log.warn('could not send an overflowing caller on', error));
  }
}

function queuedCallOf(call: Call): QueuedCall {
  return {
    id: call.id,
    name: call.remoteName,
    number: call.remoteNumber,
    dnisName: '',
    dnisNumber: '',
    priority: 0,
    addedAt: call.createdAt,
    isBounced: false,
    isReordered: false,
  };
}
