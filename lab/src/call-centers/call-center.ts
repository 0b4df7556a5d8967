import type { Invitation } from 'sip.js';
import type { Logger } from '../log.ts';
import type { Party } from '../parties/party.ts';
import { AcdQueue, AcdRefusal, type AcdPriority, type AcdQueueEntry } from './acd-queue.ts';

/** A call center of the office, as `office.json` describes it. */
export interface CallCenterConfig {
  readonly id: string;
  readonly name: string;
  /** Its main number: a line of the lab, answered by the queue. */
  readonly number: string;
  readonly type: 'Basic' | 'Standard' | 'Premium';
  /** Further numbers (DNIS) that feed the same queue, each with the priority its calls start at. */
  readonly dnis: readonly { readonly name: string; readonly number: string; readonly priority: AcdPriority }[];
  /** Who may act on its queue; the reception when not said. */
  readonly supervisors?: readonly string[] | undefined;
}

export interface NightService {
  /** What a call meets while night service applies: queued as usual, a busy tone, or sent to a number. */
  readonly action: 'None' | 'Busy' | 'Transfer';
  /** Night service switched on by hand (the lab has no schedule: forced is the only way it applies). */
  readonly isForced: boolean;
  readonly transferPhoneNumber: string;
}

export interface ForcedForwarding {
  readonly isActive: boolean;
  readonly forwardToPhoneNumber: string;
}

/** What happens in a call center, as its XSI event package names it (XSIACDEvents.xsd). */
export type CallCenterEvent =
  | {
      readonly type: 'ACDCallAddedEvent' | 'ACDCallPromotedEvent' | 'ACDCallReorderedEvent';
      readonly entry: AcdQueueEntry;
      readonly position: number;
    }
  | { readonly type: 'ACDCallAbandonedEvent' | 'ACDCallReleasedEvent'; readonly entry: AcdQueueEntry }
  | { readonly type: 'ACDCallTransferredEvent'; readonly entry: AcdQueueEntry; readonly redirectTo: string }
  | { readonly type: 'ACDForcedForwardingEvent'; readonly isActive: boolean }
  | { readonly type: 'ACDNightServiceEvent'; readonly isActive: boolean; readonly isForced: boolean }
  | { readonly type: 'ACDHolidayServiceEvent'; readonly isActive: boolean };

/**
 * A call center with a real SIP queue: its number and DNIS numbers are parties of the lab that answer every caller
 * (who then hears the party's tone, the lab's music on hold) and keep them in an `AcdQueue`. Releasing a call hangs it
 * up; transferring it (a receptionist's retrieve is a transfer to their own number) REFERs the caller there, who keeps
 * their identity. Night service, holiday service and forced forwarding act on calls as they arrive. Every change is
 * told to the listeners, which the XSI event channel turns into events.
 */
export class CallCenter {
  readonly queue: AcdQueue;
  nightService: NightService = { action: 'Busy', isForced: false, transferPhoneNumber: '' };
  forcedForwarding: ForcedForwarding = { isActive: false, forwardToPhoneNumber: '' };
  isHolidayService = false;
  readonly #listeners = new Set<(event: CallCenterEvent) => void>();
  /** Which party call holds each queued call. */
  readonly #calls = new Map<string, { party: Party; partyCallId: string }>();
  #nextCall = 1;

  constructor(
    readonly config: CallCenterConfig,
    parties: readonly { readonly party: Party; readonly dnis: CallCenterConfig['dnis'][number] | null }[],
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.queue = new AcdQueue(config.type === 'Premium');
    for (const { party, dnis } of parties) {
      party.onIncoming = (invitation, partyCallId) => void this.#arrive(party, invitation, partyCallId, dnis);
      party.onCallEnded = (partyCallId) => this.#ended(party, partyCallId);
    }
  }

  onEvent(listener: (event: CallCenterEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The service mode callers meet now, as the console shows it. */
  get isNightServiceActive(): boolean {
    return this.nightService.isForced;
  }

  async release(callId: string): Promise<void> {
    const entry = this.queue.remove(callId);
    this.#emit({ type: 'ACDCallReleasedEvent', entry });
    const call = this.#take(callId);
    await call?.party.hangUp(call.partyCallId);
  }

  /** Sends a queued call to a number (BlindTransfer): the caller is asked to call it and leaves the queue. */
  async transfer(callId: string, phoneNumber: string): Promise<void> {
    const entry = this.queue.remove(callId);
    this.#emit({ type: 'ACDCallTransferredEvent', entry, redirectTo: phoneNumber });
    const call = this.#take(callId);
    if (call !== undefined) await call.party.transfer(call.partyCallId, phoneNumber);
  }

  promote(callId: string, priority: AcdPriority): number {
    const position = this.queue.promote(callId, priority, this.now());
    this.#emit({ type: 'ACDCallPromotedEvent', entry: this.#entry(callId), position });
    return position;
  }

  reorder(callId: string, index: number): number {
    const position = this.queue.reorder(callId, index);
    this.#emit({ type: 'ACDCallReorderedEvent', entry: this.#entry(callId), position });
    return position;
  }

  setNightService(next: NightService): void {
    const wasActive = this.isNightServiceActive;
    this.nightService = next;
    if (wasActive !== this.isNightServiceActive || next.isForced)
      this.#emit({ type: 'ACDNightServiceEvent', isActive: this.isNightServiceActive, isForced: next.isForced });
  }

  setForcedForwarding(next: ForcedForwarding): void {
    const changed = next.isActive !== this.forcedForwarding.isActive;
    this.forcedForwarding = next;
    if (changed) this.#emit({ type: 'ACDForcedForwardingEvent', isActive: next.isActive });
  }

  setHolidayService(isActive: boolean): void {
    if (isActive === this.isHolidayService) return;
    this.isHolidayService = isActive;
    this.#emit({ type: 'ACDHolidayServiceEvent', isActive });
  }

  async #arrive(
    party: Party,
    invitation: Invitation,
    partyCallId: string,
    dnis: CallCenterConfig['dnis'][number] | null,
  ): Promise<void> {
    const caller = invitation.remoteIdentity;
    const who = caller.displayName || (caller.uri.user ?? '');
    if (this.forcedForwarding.isActive && this.forcedForwarding.forwardToPhoneNumber !== '') {
      this.log.info(`${this.config.name}: ${who} forwarded to ${this.forcedForwarding.forwardToPhoneNumber}`);
      await party.answer(partyCallId);
      await party.transfer(partyCallId, this.forcedForwarding.forwardToPhoneNumber);
      return;
    }
    if (this.isHolidayService || (this.isNightServiceActive && this.nightService.action === 'Busy')) {
      await party.reject(partyCallId, 486);
      return;
    }
    if (this.isNightServiceActive && this.nightService.action === 'Transfer') {
      await party.answer(partyCallId);
      await party.transfer(partyCallId, this.nightService.transferPhoneNumber);
      return;
    }
    await party.answer(partyCallId);
    const sequence = this.#nextCall++;
    const now = this.now();
    const entry: AcdQueueEntry = {
      callId: `callhalf-${this.config.id}-${sequence}:0`,
      extTrackingId: `${this.config.id}-${sequence}:1`,
      remoteName: caller.displayName,
      remoteAddress: `tel:${caller.uri.user ?? ''}`,
      addTime: now,
      acdName: dnis?.name ?? this.config.name,
      acdNumber: dnis?.number ?? this.config.number,
      priority: dnis?.priority ?? '0-Highest',
      addTimeInPriorityBucket: now,
      isBounced: false,
      isReordered: false,
    };
    this.#calls.set(entry.callId, { party, partyCallId });
    const position = this.queue.add(entry);
    this.log.info(`${this.config.name}: ${who} waits at position ${position}`);
    this.#emit({ type: 'ACDCallAddedEvent', entry, position });
  }

  /** A queued caller hung up: abandoned. */
  #ended(party: Party, partyCallId: string): void {
    for (const [callId, call] of this.#calls) {
      if (call.party !== party || call.partyCallId !== partyCallId) continue;
      this.#calls.delete(callId);
      const entry = this.queue.find(callId);
      if (entry === undefined) return;
      this.queue.remove(callId);
      this.log.info(`${this.config.name}: ${entry.remoteName || entry.remoteAddress} gave up`);
      this.#emit({ type: 'ACDCallAbandonedEvent', entry });
      return;
    }
  }

  #take(callId: string): { party: Party; partyCallId: string } | undefined {
    const call = this.#calls.get(callId);
    this.#calls.delete(callId);
    return call;
  }

  #entry(callId: string): AcdQueueEntry {
    const entry = this.queue.find(callId);
    if (entry === undefined) throw new AcdRefusal(404, `No call ${callId} in this queue`);
    return entry;
  }

  #emit(event: CallCenterEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
