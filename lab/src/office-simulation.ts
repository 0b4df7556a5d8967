import type { Logger } from './log.ts';
import { seededRandom, type Office } from './office.ts';
import { SessionState, type SessionDescriptionHandlerFactory } from 'sip.js';
import { Party } from './parties/party.ts';
import type { DeviceCallAction } from './xsi-call-control.ts';
import { mailboxOf, VOICEMAIL_USER, type Voicemail } from './voicemail.ts';
import { FEATURES_USER, type FeatureCodes } from './feature-codes.ts';
import { CallCenter } from './call-centers/call-center.ts';

const RING_MS = 3000;
const VOICEMAIL_ANSWER_MS = 1000;
const VOICEMAIL_LONGEST_MS = 60_000;
const FEATURE_CONFIRMATION_MS = 1000;
/** The console's default park code, as on most PBXs. */
const PARK_CODE = '*68';
const PARKED_LONGEST_MS = 5 * 60_000;
/** A queued caller nobody takes gives up after this long at most. */
const QUEUED_LONGEST_MS = 10 * 60_000;

/**
 * The office at work: colleagues who answer after a few rings or are busy, and outside callers ringing the
 * reception at the office's rate, some giving up while they wait. Everything random comes from the office's seed.
 */
export class OfficeSimulation {
  readonly parties = new Map<string, Party>();
  readonly callCenters: CallCenter[] = [];
  readonly #random: () => number;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #callerTimer: ReturnType<typeof setInterval> | undefined;
  #internalTimer: ReturnType<typeof setInterval> | undefined;
  readonly #queueTimers: ReturnType<typeof setInterval>[] = [];

  constructor(
    private readonly office: Office,
    private readonly serverUrl: string,
    private readonly voicemail: { password: string; boxes: Voicemail },
    private readonly features: { password: string; codes: FeatureCodes },
    private readonly parkPassword: string,
    private readonly log: Logger,
    /** The parties' media: real audio (werift) unless another is given. */
    private readonly media?: SessionDescriptionHandlerFactory,
  ) {
    this.#random = seededRandom(office.seed);
    for (const config of office.callCenters) {
      const lines = [
        { party: this.#party(config.number, config.name, parkPassword), dnis: null },
        ...config.dnis.map((dnis) => ({ party: this.#party(dnis.number, dnis.name, parkPassword), dnis })),
      ];
      this.callCenters.push(new CallCenter(config, lines, log));
    }
  }

  async start({ withCallers }: { withCallers: boolean }): Promise<void> {
    for (const colleague of this.office.colleagues) {
      const party = this.#party(colleague.user, colleague.name, colleague.password);
      party.onIncoming = (_invitation, id) => {
        if (this.#random() < 1 / colleague.busyOneIn) {
          this.log.info(`${colleague.name} is busy`);
          void party.reject(id, 486);
          return;
        }
        if (colleague.answersAfterRings < 0) return;
        this.#later(colleague.answersAfterRings * RING_MS, async () => {
          await party.answer(id);
          this.#later(this.#between(this.office.callers.talkSeconds) * 1000, () => party.hangUp(id));
        });
      };
    }
    // The receptionist's desk phone: it places calls as the reception without registering (the console holds the
    // reception's one registration), so its calls are the reception's calls elsewhere (XSI's Advanced Call events).
    const { reception } = this.office;
    this.#party(reception.user, reception.displayName, reception.password, { registers: false });
    this.#voicemailService();
    this.#featuresService();
    for (const slot of this.office.parkSlots) this.#parkSlot(slot);
    const trunk = this.#party(this.office.callers.user, 'Outside line', this.office.callers.password);
    await Promise.all([...this.parties.values()].map((party) => party.start()));
    if (withCallers && this.office.callers.everySeconds > 0) {
      this.#callerTimer = setInterval(() => this.#outsideCall(trunk), this.office.callers.everySeconds * 1000);
    }
    if (withCallers) {
      for (const config of this.office.callCenters) {
        if (config.callersEverySeconds <= 0) continue;
        const numbers = [config.number, ...config.dnis.map((dnis) => dnis.number)];
        const timer = setInterval(() => {
          const number = numbers[Math.floor(this.#random() * numbers.length)];
          if (number !== undefined) this.#queueCall(trunk, number);
        }, config.callersEverySeconds * 1000);
        this.#queueTimers.push(timer);
      }
    }
    if (withCallers && this.office.internalCalls.everySeconds > 0) {
      this.#internalTimer = setInterval(() => this.#internalCall(), this.office.internalCalls.everySeconds * 1000);
    }
  }

  /**
   * The voicemail service: answers after one ring. A call to `vm-<user>` leaves a message in that box when the caller
   * hangs up; a call to `voicemail` plays the caller's own messages, which become heard.
   */
  #voicemailService(): void {
    const service = this.#party(VOICEMAIL_USER, 'Voicemail', this.voicemail.password);
    service.onIncoming = (invitation, id) => {
      const called = invitation.request.to.uri.user ?? '';
      const caller = invitation.remoteIdentity.uri.user ?? '';
      const box = mailboxOf(called);
      let wasAnswered = false;
      invitation.stateChange.addListener((state) => {
        if (state === SessionState.Established) {
          wasAnswered = true;
          if (box === null) this.voicemail.boxes.listen(caller);
        }
        if (state === SessionState.Terminated && wasAnswered && box !== null) {
          this.log.info(`${caller} left a message for ${box}`);
          this.voicemail.boxes.leaveMessage(box);
        }
      });
      this.#later(VOICEMAIL_ANSWER_MS, async () => {
        await service.answer(id);
        // A message, or the playback of one, lasts a while at most.
        this.#later(VOICEMAIL_LONGEST_MS, () => service.hangUp(id));
      });
    };
  }

  /**
   * Feature access codes: answered at once, applied for the caller, then hung up (the "confirmation tone"). The park
   * code keeps the call instead: a parked caller waits there (until they give up) for someone to take them back.
   */
  #featuresService(): void {
    const service = this.#party(FEATURES_USER, 'Services', this.features.password);
    service.onIncoming = (invitation, id) => {
      const dialled = invitation.request.to.uri.user ?? '';
      const caller = invitation.remoteIdentity.uri.user ?? '';
      if (dialled === PARK_CODE) {
        this.log.info(`${caller} is parked`);
        void service.answer(id).then(() => this.#later(PARKED_LONGEST_MS, () => service.hangUp(id)));
        return;
      }
      if (!this.features.codes.apply(caller, dialled)) {
        void service.reject(id, 404);
        return;
      }
      this.log.info(`${caller} dialled ${dialled}`);
      void service.answer(id).then(() => this.#later(FEATURE_CONFIRMATION_MS, () => service.hangUp(id)));
    };
  }

  /**
   * A park slot: a call sent there is answered and waits (parked, until the caller gives up); a call to the slot while
   * someone waits retrieves them — answered, then joined with the parked caller, who keeps their identity (REFER with
   * Replaces). Its dialogs show on its busy lamp like anyone's.
   */
  #parkSlot(slot: string): void {
    const party = this.#party(slot, `Park ${slot}`, this.parkPassword);
    let parkedId: string | null = null;
    party.onIncoming = (invitation, id) => {
      const caller = invitation.remoteIdentity.displayName || (invitation.remoteIdentity.uri.user ?? '');
      const parked = parkedId;
      if (parked === null || !party.calls().some((call) => call.id === parked)) {
        parkedId = id;
        this.log.info(`${caller} is parked on ${slot}`);
        void party.answer(id).then(() => this.#later(PARKED_LONGEST_MS, () => party.hangUp(id)));
        return;
      }
      this.log.info(`${caller} retrieves the call parked on ${slot}`);
      parkedId = null;
      void party.answer(id).then(() => party.joinCalls(parked, id));
    };
  }

  /** An outside caller rings the reception; some hang up while waiting, the others after talking a while. */
  #outsideCall(trunk: Party): void {
    const people = this.office.callers.people;
    const caller = people[Math.floor(this.#random() * people.length)];
    if (caller === undefined) return;
    const id = trunk.call(this.office.reception.user, caller);
    this.log.info(`${caller.name} (${caller.number}) calls the reception`);
    if (this.#random() < 1 / this.office.callers.hangUpWhileWaitingOneIn) {
      this.#later(5000 + this.#random() * 20_000, () => this.#hangUpIfRinging(trunk, id));
    }
  }

  /** An outside caller rings a call center's number and waits in its queue; some give up after a while. */
  #queueCall(trunk: Party, number: string): void {
    const people = this.office.callers.people;
    const caller = people[Math.floor(this.#random() * people.length)];
    if (caller === undefined) return;
    const id = trunk.call(number, caller);
    const givesUp = this.#random() < 1 / this.office.callers.hangUpWhileWaitingOneIn;
    const patience = givesUp ? 20_000 + this.#random() * 60_000 : QUEUED_LONGEST_MS;
    this.#later(patience, () => this.#hangUpIfQueued(trunk, id, number));
  }

  /** The caller hangs up if still on the call to the queue (not yet retrieved or sent on). */
  async #hangUpIfQueued(trunk: Party, id: string, number: string): Promise<void> {
    const call = trunk.calls().find((entry) => entry.id === id);
    if (call !== undefined && call.peer === number) await trunk.hangUp(id);
  }

  /** A colleague calls another (or, one time in four, the reception), may hold a moment, and hangs up. */
  #internalCall(): void {
    const colleagues = this.office.colleagues;
    const from = colleagues[Math.floor(this.#random() * colleagues.length)];
    const others = colleagues.filter((colleague) => colleague !== from);
    const to = this.#random() < 0.25 ? undefined : others[Math.floor(this.#random() * others.length)];
    const party = from === undefined ? undefined : this.parties.get(from.user);
    if (party === undefined || party.calls().length > 0) return;
    const target = to?.user ?? this.office.reception.user;
    this.log.info(`${from?.name} calls ${to?.name ?? 'the reception'}`);
    const id = party.call(target);
    const talk = this.#between(this.office.callers.talkSeconds) * 1000;
    if (this.#random() < 1 / this.office.internalCalls.holdOneIn) {
      this.#later(talk / 3, () => party.hold(id, true));
      this.#later((talk * 2) / 3, () => party.hold(id, false));
    }
    this.#later(talk, () => party.hangUp(id));
  }

  async #hangUpIfRinging(trunk: Party, id: string): Promise<void> {
    const call = trunk.calls().find((entry) => entry.id === id);
    if (call !== undefined && call.state !== 'Established') await trunk.hangUp(id);
  }

  /** A call-control action (XSI) on `user`'s side of the call with this SIP Call-ID; false when no party has it. */
  async actOnCall(user: string, sipCallId: string, action: DeviceCallAction): Promise<boolean> {
    return (await this.parties.get(user)?.actOnCall(sipCallId, action)) ?? false;
  }

  async stop(): Promise<void> {
    clearInterval(this.#callerTimer);
    clearInterval(this.#internalTimer);
    for (const timer of this.#queueTimers) clearInterval(timer);
    for (const timer of this.#timers) clearTimeout(timer);
    await Promise.all([...this.parties.values()].map((party) => party.stop().catch(() => undefined)));
  }

  #party(user: string, displayName: string, password: string, options: { registers?: boolean } = {}): Party {
    const party = new Party({
      user,
      displayName,
      password,
      ...options,
      domain: this.office.domain,
      serverUrl: this.serverUrl,
      log: this.log,
      ...(this.media === undefined ? {} : { media: this.media }),
    });
    this.parties.set(user, party);
    return party;
  }

  #between([low, high]: readonly [number, number]): number {
    return low + this.#random() * (high - low);
  }

  #later(ms: number, task: () => Promise<void> | void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void Promise.resolve(task()).catch((error: unknown) => this.log.warn(String(error)));
    }, ms);
    this.#timers.add(timer);
  }
}
