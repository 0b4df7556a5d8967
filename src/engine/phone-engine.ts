import type { Session } from 'sip.js';
import type { Logger } from '../shared/log.ts';
import type { AccountSettings, Credential } from '../shared/model/account.ts';
import type { CallAction, CallId, CallStats, ConferenceRequest, TransferTarget } from '../shared/model/call.ts';
import type { MicrophoneProblem } from '../shared/model/microphone.ts';
import type { PickupDialog } from '../shared/model/lamp.ts';
import type { VoicemailSummary } from '../shared/model/voicemail.ts';
import { CommandError } from '../shared/protocol/command-contract.ts';
import type { EngineOptions, EngineState, XsiWatchRequest } from '../shared/protocol/engine-commands.ts';
import { CallControl, type LiveCall } from './calls/call-control.ts';
import { CallJournal, type JournalStorage, type OrphanDialog } from './calls/call-journal.ts';
import { endOrphanDialog } from './sip/orphan-dialog.ts';
import type { EngineInterruption } from '../shared/model/engine-interruption.ts';
import { NO_CALLS_ELSEWHERE, type CallElsewhere } from '../shared/model/call-elsewhere.ts';
import { callsElsewhere } from './xsi/calls-elsewhere.ts';
import { ConferenceController } from './calls/conference-controller.ts';
import { SipLine } from './line/sip-line.ts';
import type { CallMedia } from './media/call-media.ts';
import { WebAudioConferenceMixer, type ConferenceMixer } from './media/conference-mixer.ts';
import type { DtmfMode } from './media/dtmf.ts';
import { MicrophoneUnavailableError, type Microphone } from './media/microphone.ts';
import { ringModeFor, type Ringer } from './media/ringer.ts';
import { BusyLamps } from './subscriptions/busy-lamps.ts';
import { MESSAGE_WAITING } from './subscriptions/message-waiting.ts';
import { SubscriptionKeeper } from './subscriptions/subscription-keeper.ts';
import { XsiWatch } from './xsi/xsi-watch.ts';
import { ReceptionQueue } from './calls/reception-queue.ts';
import type { CallQueue, CallQueuesState } from '../shared/model/call-queue.ts';

/** What the host gives the engine: the microphone and, through it, the calls' media (signaling only in Node tests). */
export interface PhoneEngineOptions {
  readonly microphone: Microphone;
  /** How the XSI event channel reaches the server (the page's `fetch` unless a test gives another). */
  readonly fetch?: typeof fetch;
  /** Where the calls are written down for the engine after this one (the page's `localStorage`); none in Node tests. */
  readonly journal?: JournalStorage;
}

export interface PhoneEngineDelegate {
  /** Called after every change, with the whole engine state (small: a line and a few calls). */
  onStateChanged(state: EngineState): void;
}

/** How long a lamp change may wait for others to go out with it (see `#emitLampsSoon`). */
const LAMP_BATCH_MS = 8;

/** How the engine answers until told (`configure`): it rings, honours intercom, uses the default devices. */
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  autoAnswer: false,
  honourAnswerAfter: true,
  microphoneId: '',
  speakerId: '',
  ringerId: '',
  transferRecallSeconds: 0,
  incoming: { doNotDisturb: null, forwardTo: null, hasRingSplash: false },
  receptionQueue: {
    isOn: false,
    overflowAfterSeconds: 0,
    overflowAtCallers: 0,
    overflowTo: '',
    isAnsweredWithMusic: false,
  },
  watchedLines: [],
};

/**
 * The phone, written once and hosted wherever WebRTC is allowed (Chrome's offscreen document, Firefox's background
 * page); the sole owner of live call state. It puts together, each in its own folder:
 * - `line/`: the user agent, its registration and reconnection (`SipLine`);
 * - `calls/`: every call (`CallControl`) and the three-way conference (`ConferenceController`);
 * - `subscriptions/`: message waiting and the busy lamps, each subscription a `SubscriptionKeeper`;
 * - `media/`: the microphone, audio out, the ringer, DTMF;
 * - `sip/`: reading and writing SIP where sip.js leaves it to us;
 * - `xsi/`: the call-center queues watched over an XSI event channel (a stream that must live here, not in a worker).
 * and publishes their state, with a revision that grows by one per change.
 */
export class PhoneEngine {
  #revision = 0;
  readonly #instanceId = crypto.randomUUID();
  #options: EngineOptions = DEFAULT_ENGINE_OPTIONS;
  #voicemail: VoicemailSummary | null = null;
  /** Why the microphone could not be opened for the last call; cleared once it opens, or a device or permission appears. */
  #microphoneProblem: MicrophoneProblem | null = null;
  readonly #line: SipLine;
  readonly #calls: CallControl;
  readonly #conference: ConferenceController<LiveCall>;
  readonly #messageWaiting: SubscriptionKeeper<VoicemailSummary>;
  readonly #lamps: BusyLamps;
  readonly #xsiWatch: XsiWatch;
  readonly #receptionQueue: ReceptionQueue;
  /** The queues last published, with what they were built from (both kept as one object while unchanged). */
  #lastQueues: { watched: CallQueuesState; reception: CallQueue; state: CallQueuesState } | null = null;
  #lampBatch: ReturnType<typeof setTimeout> | undefined;
  /** When the state last went out (`performance.now()`), for `#emitLampsSoon`. */
  #emittedAt = -Infinity;
  #lastCallsElsewhere: CallElsewhere[] = NO_CALLS_ELSEWHERE;
  readonly #journal: CallJournal;
  /** Calls the engine before this one was in when it stopped: said in the console until dismissed. */
  #interruption: EngineInterruption | null = null;
  /** Their answered dialogs, ended with a BYE once the line is up (their far ends hear nothing meanwhile). */
  #orphanDialogs: OrphanDialog[] = [];
  /** The connection dropped since the line was last registered: the calls' dialogs are refreshed once it is again. */
  #hasLostConnection = false;

  constructor(
    private readonly delegate: PhoneEngineDelegate,
    private readonly media: CallMedia,
    private readonly ringer: Ringer,
    private readonly log: Logger,
    private readonly engineOptions: PhoneEngineOptions,
    mixer: ConferenceMixer = new WebAudioConferenceMixer(),
  ) {
    const showVoicemail = (summary: VoicemailSummary | null) => {
      if (JSON.stringify(summary) === JSON.stringify(this.#voicemail)) return;
      this.#voicemail = summary;
      this.#emit();
    };
    this.#messageWaiting = new SubscriptionKeeper<VoicemailSummary>(
      MESSAGE_WAITING,
      { onNotify: showVoicemail, onUnknown: () => showVoicemail(null) },
      log,
    );
    this.#lamps = new BusyLamps(
      {
        uriFor: (line) => {
          try {
            return this.#line.uriFor(line);
          } catch {
            return null;
          }
        },
        changed: () => this.#emitLampsSoon(),
      },
      log,
    );
    this.#xsiWatch = new XsiWatch(
      {
        changed: () => this.#emit(),
        serviceChanged: (line, service) => this.#lamps.setService(line, service),
        ownServicesChanged: () => this.#emit(),
        ownCallsChanged: () => this.#emit(),
      },
      log,
      engineOptions.fetch,
    );
    this.#receptionQueue = new ReceptionQueue(
      {
        deflect: (callId, target) => this.#calls.transfer(callId, { kind: 'number', number: target }, false),
        answerWithMusic: (callId) => this.#calls.answerWithMusic(callId),
        changed: () => this.#emit(),
      },
      log,
    );
    this.#line = new SipLine(
      {
        onRegistrationChanged: () => this.#emit(),
        onRegistered: (userAgent) => {
          engineOptions.microphone.lineRegistered(userAgent);
          this.#messageWaiting.start(userAgent, userAgent.configuration.uri);
          this.#lamps.start(userAgent);
          const orphans = this.#orphanDialogs;
          this.#orphanDialogs = [];
          for (const dialog of orphans) void endOrphanDialog(userAgent, dialog, log);
          if (this.#hasLostConnection) {
            this.#hasLostConnection = false;
            void this.#calls.refreshDialogs();
          }
        },
        onInvite: (invitation) => this.#calls.onIncoming(invitation),
        // The server's subscriptions went with the connection (its NOTIFYs have nowhere to go): they are made
        // again once registered over the new one.
        onConnectionLost: () => {
          this.#hasLostConnection = true;
          this.#stopSubscriptions();
        },
        onUserAgentStopping: () => {
          engineOptions.microphone.lineRegistered(null);
          this.#stopSubscriptions();
        },
      },
      engineOptions.microphone.sessionDescriptionHandlerFactory,
      log,
    );
    this.#calls = new CallControl(
      {
        userAgent: () => (this.#line.isRegistered ? this.#line.userAgent : null),
        uriFor: (target) => this.#line.uriFor(target),
        options: () => this.#options,
        prepareMicrophone: (session) => this.#prepareMicrophone(session),
        warmMicrophone: (session) => engineOptions.microphone.warm(session, this.#calls.mediaConstraints()),
        releaseMicrophone: (session) => engineOptions.microphone.release(session),
        prepareMusic: (session) => engineOptions.microphone.prepareMusic(session),
        switchToMicrophone: (session) =>
          this.#withMicrophone(() =>
            engineOptions.microphone.switchToMicrophone(session, this.#calls.mediaConstraints()),
          ),
        conferenceIncludes: (callId) => this.#conference.includes(callId),
        conferenceHeldByAnotherCall: (callIds) => this.#conference.heldByAnotherCall(callIds),
        dissolveConference: () => void this.#conference.dissolve(),
        muteInConference: (action) => this.#conference.act({ action }),
        changed: () => this.#emit(),
      },
      media,
      ringer,
      log,
    );
    this.#conference = new ConferenceController(
      {
        establishedCall: (id) => this.#calls.establishedCall(id),
        callOf: (id) => this.#calls.callOf(id),
        setHeld: (call, isHeld) => this.#calls.setHeld(call, isHeld),
        setMuted: (call, isMuted) => this.#calls.setMuted(call, isMuted),
        terminate: (call) => this.#calls.terminate(call),
        transfer: (id, target) => this.#calls.transfer(id, target),
        updateCall: (id, patch) => this.#calls.updateCall(id, patch),
        changed: () => this.#emit(),
      },
      mixer,
      log,
    );
    engineOptions.microphone.onChange(() => void this.#recheckMicrophone());
    this.#journal = new CallJournal(engineOptions.journal ?? null, log);
    this.#takeOver();
  }

  /** What the engine before this one left in the journal: its unwritten history, and the calls it was in. */
  #takeOver(): void {
    const now = Date.now();
    const { records, cutOff, dialogs } = this.#journal.takeOver(now);
    this.#calls.adoptEnded(records);
    this.#orphanDialogs = dialogs;
    if (cutOff > 0) this.#interruption = { at: now, cutOffCalls: cutOff };
    // Said at once, even to a background that logs nobody in (no password kept): the rows reach the history, the
    // console its notice. After the constructor, so the host has its engine when it hears.
    if (records.length > 0) queueMicrotask(() => this.#emit());
  }

  /** The receptionist has read what the interruption notice says. */
  dismissInterruption(): void {
    if (this.#interruption === null) return;
    this.#interruption = null;
    this.#emit();
  }

  get state(): EngineState {
    return {
      instanceId: this.#instanceId,
      revision: this.#revision,
      registration: this.#line.registration,
      calls: this.#calls.models,
      endedCalls: this.#calls.endedCalls,
      lamps: this.#lamps.models,
      voicemail: this.#voicemail,
      conference: this.#conference.state,
      microphone: this.#microphoneProblem,
      queues: this.#queues(),
      ownServices: this.#xsiWatch.ownServices,
      callsElsewhere: this.#callsElsewhere(),
      interruption: this.#interruption,
    };
  }

  /** The user's calls the PBX reports that are not this console's; one object while they stay the same. */
  #callsElsewhere(): CallElsewhere[] {
    this.#lastCallsElsewhere = callsElsewhere(
      this.#xsiWatch.ownCalls,
      this.#calls.sipCallIds,
      this.#lastCallsElsewhere,
    );
    return this.#lastCallsElsewhere;
  }

  /** The reception queue (when on) first, then the call centers watched over XSI; one object while neither changes. */
  #queues(): CallQueuesState {
    const watched = this.#xsiWatch.state;
    const reception = this.#receptionQueue.model(this.#calls.models);
    if (reception === null) return watched;
    const last = this.#lastQueues;
    if (last?.watched === watched && last.reception === reception) return last.state;
    const state: CallQueuesState = {
      ...watched,
      status: watched.status === 'off' ? 'live' : watched.status,
      queues: [reception, ...watched.queues],
    };
    this.#lastQueues = { watched, reception, state };
    return state;
  }

  /** Moves a caller waiting in the reception queue. */
  moveInReceptionQueue(callId: CallId, index: number): void {
    this.#receptionQueue.move(callId, index);
  }

  /** Watches these call centers' queues over XSI-Events (see `xsi/xsi-watch.ts`); null stops. */
  watchXsi(request: XsiWatchRequest | null): void {
    this.#xsiWatch.watch(request);
  }

  /**
   * The background wrote these to the history. Until it says so, ended calls stay in the state, so a background
   * that was stopped or restarted in between still gets them (and writes them under the same id: no duplicate).
   */
  historyWritten(ids: readonly CallId[]): void {
    if (this.#calls.historyWritten(ids)) this.#emit();
  }

  /** Answering options (auto answer, intercom) and audio devices; the microphone applies from the next call. */
  configure(options: EngineOptions): void {
    const wasQueueing = this.#options.receptionQueue.isOn;
    this.#options = options;
    this.#lamps.watch(options.watchedLines);
    this.#receptionQueue.configure(options.receptionQueue);
    // The pane shows the reception queue (or stops) at once, not at the next call.
    if (options.receptionQueue.isOn !== wasQueueing) this.#emit();
    this.media.setOutputDevice(options.speakerId);
    this.ringer.setDevices(options.ringerId, options.speakerId);
  }

  /**
   * Logs in and resolves once the server has accepted the registration; rejects with the reason it did not
   * (wrong credentials, server unreachable, refused). The caller keeps a credential only after this resolves.
   */
  login(account: AccountSettings, credential: Credential, options: EngineOptions): Promise<{ realm: string | null }> {
    this.configure(options);
    return this.#line.login(account, credential);
  }

  /** Ends every call, removes the registration and stops the user agent; nothing reconnects behind it. */
  async logout(): Promise<void> {
    this.#line.stopWanting();
    this.#xsiWatch.watch(null);
    this.#receptionQueue.stop();
    // The lamps' and the voicemail's unSUBSCRIBEs go while the line is still up.
    this.#stopSubscriptions();
    await this.#calls.endAll();
    await this.#line.logout();
  }

  /** Places a call; whoever the receptionist was talking to is put on hold first (a consultation call). */
  dial(target: string): Promise<CallId> {
    // Refused when not registered: the calls see no user agent then (see `userAgent` above).
    return this.#calls.dial(target);
  }

  /** Takes a call ringing at a colleague, from what their lamp says (see `CallControl.pickUp`). */
  pickUp(pickup: PickupDialog, callerName: string): Promise<CallId> {
    return this.#calls.pickUp(pickup, callerName);
  }

  /** Carries out what the receptionist asked of one call. Unknown calls are ignored: they ended meanwhile. */
  act(callId: CallId, action: CallAction): Promise<void> {
    return this.#calls.act(callId, action);
  }

  stats(callId: CallId): Promise<CallStats> {
    return this.#calls.stats(callId);
  }

  /** Blind, attended, or (a call still ringing) sent on unanswered: see `CallControl.transfer`. */
  transfer(callId: CallId, target: TransferTarget): Promise<void> {
    return this.#calls.transfer(callId, target);
  }

  /** My Conferences (see `conference-controller.ts`). */
  conference(request: ConferenceRequest): Promise<void> {
    return this.#conference.act(request);
  }

  sendDtmf(callId: CallId, digits: string, mode: DtmfMode = 'rfc4733'): Promise<void> {
    return this.#calls.sendDtmf(callId, digits, mode);
  }

  #stopSubscriptions(): void {
    this.#messageWaiting.stop();
    this.#lamps.stop();
  }

  /**
   * Opens the microphone for a call about to be answered or placed; when it cannot, says why in the state (the
   * console's banner) and refuses the command with that reason, leaving the call as it was.
   */
  async #prepareMicrophone(session: Session): Promise<void> {
    await this.#withMicrophone(() => this.engineOptions.microphone.prepare(session, this.#calls.mediaConstraints()));
  }

  /** Runs what opens the microphone; when it cannot, the state's banner and the refused command say why. */
  async #withMicrophone(open: () => Promise<void>): Promise<void> {
    try {
      await open();
    } catch (error) {
      if (!(error instanceof MicrophoneUnavailableError)) throw error;
      this.log.warn(error.message);
      this.#setMicrophoneProblem(error.problem);
      throw new CommandError({
        code: 'failed',
        messageKey: `error_microphone_${error.problem}`,
        detail: error.message,
      });
    }
    this.#setMicrophoneProblem(null);
  }

  /** A device was plugged in or the permission changed: the banner goes once the microphone may work again. */
  async #recheckMicrophone(): Promise<void> {
    if (this.#microphoneProblem !== null && (await this.engineOptions.microphone.mayWork()))
      this.#setMicrophoneProblem(null);
  }

  #setMicrophoneProblem(problem: MicrophoneProblem | null): void {
    if (problem === this.#microphoneProblem) return;
    this.#microphoneProblem = problem;
    this.#emit();
  }

  /**
   * Lamp changes go out together when they come together: a PBX restart or a busy minute sends hundreds of NOTIFYs
   * in a burst, and one state change per NOTIFY would cost a message, a background update and a redraw each. A lone
   * change (nothing went out in the last `LAMP_BATCH_MS`) goes at once: a colleague picking up their phone is the
   * common case, and it should not wait for a burst that does not come. Those that follow within `LAMP_BATCH_MS` wait
   * for the rest of that time (well within a frame) and go out together; any other change sends them with itself.
   */
  #emitLampsSoon(): void {
    if (this.#lampBatch !== undefined) return;
    const sinceLastMs = performance.now() - this.#emittedAt;
    if (sinceLastMs >= LAMP_BATCH_MS) this.#emit();
    else this.#lampBatch = setTimeout(() => this.#emit(), LAMP_BATCH_MS - sinceLastMs);
  }

  #emit(): void {
    clearTimeout(this.#lampBatch);
    this.#lampBatch = undefined;
    this.#emittedAt = performance.now();
    this.ringer.play(ringModeFor(this.#calls.models));
    this.#receptionQueue.sync(this.#calls.models);
    this.#journal.keep(this.#calls.journalEntries, this.#calls.endedCalls);
    this.#line.setInCall(this.#calls.models.some((call) => call.status !== 'Ended'));
    this.#revision++;
    this.delegate.onStateChanged(this.state);
  }
}
