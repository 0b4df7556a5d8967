import type { Session } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import type { Call, CallId, Conference, ConferenceRequest, TransferTarget } from '../../shared/model/call.ts';
import type { Logger } from '../../shared/log.ts';
import { CommandError } from '../../shared/protocol/command-contract.ts';
import type { ConferenceMixer } from '../media/conference-mixer.ts';

/** One call as the conference needs it: its model and its SIP session. */
export interface ConferenceLeg {
  readonly model: Call;
  readonly session: Session;
}

/** What the conference asks of the phone engine, which owns the calls (of its own `Leg` type). */
export interface ConferenceHost<Leg extends ConferenceLeg> {
  /** The call, established, or a CommandError. */
  establishedCall(callId: CallId): Leg;
  /** The call if it still exists (ended or not). */
  callOf(callId: CallId): Leg | undefined;
  setHeld(call: Leg, isHeld: boolean): Promise<void>;
  setMuted(call: Leg, isMuted: boolean): void;
  terminate(call: Leg): Promise<void>;
  transfer(callId: CallId, target: TransferTarget): Promise<void>;
  updateCall(callId: CallId, patch: Partial<Call>): void;
  /** The conference changed: the engine publishes its state. */
  changed(): void;
}

/**
 * My Conferences: one three-way conference at a time. Start: both calls talk with the receptionist and with each
 * other, mixed by the engine (`conference-mixer.ts`). End: both calls hang up. Leave: the two parties are joined by
 * an attended transfer and our legs end. Hold and resume act on both calls; mute takes the receptionist's microphone
 * out of the mix only (the parties keep hearing each other). A party hanging up dissolves it.
 */
export class ConferenceController<Leg extends ConferenceLeg> {
  #conference: Conference | null = null;

  constructor(
    private readonly host: ConferenceHost<Leg>,
    private readonly mixer: ConferenceMixer,
    private readonly log: Logger,
  ) {}

  get state(): Conference | null {
    return this.#conference;
  }

  includes(callId: CallId): boolean {
    return this.#conference?.callIds.includes(callId) === true;
  }

  async act(request: ConferenceRequest): Promise<void> {
    const conference = this.#conference;
    if (request.action === 'start') return this.#start(request.callIds);
    if (conference === null) throw new CommandError({ code: 'failed', messageKey: 'error_no_conference' });
    const legs = conference.callIds.flatMap((id) => {
      const call = this.host.callOf(id);
      return call === undefined ? [] : [call];
    });
    switch (request.action) {
      case 'end':
        await this.dissolve();
        await Promise.all(legs.map((leg) => this.host.terminate(leg)));
        return;
      case 'leave': {
        const [left, right] = conference.callIds;
        await this.dissolve();
        return this.host.transfer(left, { kind: 'call', callId: right });
      }
      case 'hold':
      case 'resume': {
        const isHeld = request.action === 'hold';
        for (const leg of legs) await this.host.setHeld(leg, isHeld);
        if (!isHeld) for (const leg of legs) sendMix(leg);
        this.#set({ ...conference, isHeld });
        return;
      }
      case 'mute':
      case 'unmute': {
        const isMuted = request.action === 'mute';
        this.mixer.setMicrophoneOn(!isMuted);
        this.#conference = { ...conference, isMuted };
        for (const leg of legs) this.host.updateCall(leg.model.id, { isMuted });
        return;
      }
    }
  }

  /** A new call put the conference's calls on hold: the conference as a whole is on hold. */
  heldByAnotherCall(heldIds: readonly CallId[]): void {
    const conference = this.#conference;
    if (conference !== null && !conference.isHeld && heldIds.some((id) => conference.callIds.includes(id)))
      this.#set({ ...conference, isHeld: true });
  }

  /** The mix stops and each call gets the microphone back; the calls themselves go on. */
  async dissolve(): Promise<void> {
    const conference = this.#conference;
    if (conference === null) return;
    this.#conference = null;
    await this.mixer.stop();
    // The microphone tracks are back on the senders: each call's own mute applies to them again.
    for (const id of conference.callIds) {
      const call = this.host.callOf(id);
      if (call !== undefined && call.model.status !== 'Ended') this.host.setMuted(call, call.model.isMuted);
    }
    this.host.changed();
  }

  async #start(callIds: readonly [CallId, CallId]): Promise<void> {
    if (this.#conference !== null) throw new CommandError({ code: 'failed', messageKey: 'error_conference_exists' });
    const left = this.host.establishedCall(callIds[0]);
    const right = this.host.establishedCall(callIds[1]);
    if (left === right) throw new CommandError({ code: 'failed', messageKey: 'error_no_such_call' });
    for (const leg of [left, right]) await this.host.setHeld(leg, false);
    const leftConnection = handlerOf(left)?.peerConnection;
    const rightConnection = handlerOf(right)?.peerConnection;
    if (leftConnection === undefined || rightConnection === undefined)
      throw new CommandError({ code: 'failed', messageKey: 'error_conference_media' });
    await this.mixer.start(leftConnection, rightConnection);
    const isMuted = left.model.isMuted || right.model.isMuted;
    for (const leg of [left, right]) sendMix(leg);
    this.mixer.setMicrophoneOn(!isMuted);
    this.log.info(`conference of ${left.model.id} and ${right.model.id}`);
    this.#set({ callIds: [left.model.id, right.model.id], isHeld: false, isMuted });
  }

  #set(conference: Conference): void {
    this.#conference = conference;
    this.host.changed();
  }
}

function handlerOf(leg: ConferenceLeg): SessionDescriptionHandler | undefined {
  return leg.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
}

/** In a conference the senders carry the mix: muting is the microphone's gain, never the sender track. */
function sendMix(leg: ConferenceLeg): void {
  handlerOf(leg)?.enableSenderTracks(true);
}
