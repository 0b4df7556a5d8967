import {
  Inviter,
  NameAddrHeader,
  SessionState,
  UserAgent,
  type Invitation,
  type Session,
  type URI,
} from 'sip.js';
import { SubscriptionKeeper } from './subscriptions/subscription-keeper.ts';
import { MESSAGE_WAITING } from './subscriptions/message-waiting.ts';
import { WebAudioConferenceMixer, type ConferenceMixer } from './media/conference-mixer.ts';
import { ConferenceController } from './calls/conference-controller.ts';
import type { VoicemailSummary } from '../shared/model/voicemail.ts';
import type { ConferenceRequest, SignalingDetails } from '../shared/model/call.ts';
import { SessionState as DialogState, type IncomingResponse } from 'sip.js/lib/core';
import { LineRegistration } from './line/line-registration.ts';
import type { AccountSettings, Credential } from '../shared/model/account.ts';
import { registerChallengeRealm } from './sip/register-challenge.ts';
import { sipfragStatus } from './sip/sipfrag.ts';
import { effectiveAuthorizationUser } from '../shared/model/account.ts';
import type { Call, CallAction, CallId, CallStats, TransferTarget } from '../shared/model/call.ts';
import { readCallStats } from './media/call-stats.ts';
import type { CallOutcome, CallRecord } from '../shared/model/call-record.ts';
import type { SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js/lib/platform/web';
import {
  RegistrationStatus,
  type RegistrationFailure,
  type RegistrationState,
} from '../shared/model/registration.ts';
import type { EngineOptions, EngineState } from '../shared/protocol/engine-commands.ts';
import type { Logger } from '../shared/log.ts';
import { CommandError } from '../shared/protocol/command-contract.ts';
import { dialTargetToUri } from './sip/dial-target.ts';
import { BACKOFF, Backoff, backoffDelayMs } from '../shared/backoff.ts';
import { watchForWake } from './line/wake-detector.ts';
import type { CallMedia } from './media/call-media.ts';
import { ringModeFor, type Ringer } from './media/ringer.ts';
import { MicrophoneUnavailableError, type Microphone } from './media/microphone.ts';
import type { MicrophoneProblem } from '../shared/model/microphone.ts';

/** What the host gives the engine: the microphone and, through it, the calls' media (signaling only in Node tests). */
export interface PhoneEngineOptions {
  readonly microphone: Microphone;
}

export interface PhoneEngineDelegate {
  /** Called after every change, with the whole engine state (small: a line and a few calls). */
  onStateChanged(state: EngineState): void;
}

/** Seconds between CRLF keep-alives on the WebSocket: well under the 30 s after which NATs and proxies drop it. */
const KEEP_ALIVE_SECONDS = 15;
/** How long a transfer target may ring before the transfer counts as failed and the call comes back. */
const TRANSFER_TIMEOUT_MS = 30_000;
const REPLACED_LEG_GRACE_MS = 2_000;
const FAILED_CALL_VISIBLE_MS = 5_000;
/** How long to wait for the ACK of a call just answered before changing it (sip.js retransmits the 200 meanwhile). */
const ACK_WAIT_MS = 4_000;
const REINVITE_ATTEMPTS = 4;
/** How many redirects an outgoing call follows before it gives up (a loop between two forwarding phones). */
const MAX_REDIRECTS = 3;
const DTMF_DURATION_MS = 100;
const DTMF_GAP_MS = 70;

export type DtmfMode = 'rfc4733' | 'info';

function transferFailed(detail: string): CommandError {
  return new CommandError({ code: 'failed', messageKey: 'error_transfer_failed', detail });
}

/** Sends a re-INVITE; resolves with null once accepted, or with the status code that refused it. */
function reInvite(session: Session): Promise<number | null> {
  return new Promise((resolve, reject) => {
    session
      .invite({
        requestDelegate: {
          onAccept: () => resolve(null),
          onReject: (response) => resolve(response.message.statusCode ?? 0),
        },
      })
      .catch(reject);
  });
}

/**
 * Waits for the ACK of a call just answered: a re-INVITE (hold) sent before it would cross the answer's offer/answer
 * exchange (RFC 3261 §14.1 forbids a new offer while one is pending).
 */
async function untilAcknowledged(session: Session): Promise<void> {
  const deadline = Date.now() + ACK_WAIT_MS;
  while (session.dialog?.sessionState === DialogState.AckWait && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The history row for a call that has just ended. */
function recordOf(call: Call, endedBy: LiveCall['endedBy'], endedAt: number): CallRecord {
  const isAnswered = call.answeredAt !== null;
  const outcome: CallOutcome =
    call.direction === 'incoming'
      ? isAnswered ? 'answered' : endedBy === 'declined' ? 'declined' : endedBy === 'deflected' ? 'deflected' : 'missed'
      : isAnswered ? 'answered' : call.endReason !== null ? 'failed' : 'cancelled';
  return {
    id: call.id,
    direction: call.direction,
    outcome,
    remoteName: call.remoteName,
    remoteNumber: call.remoteNumber,
    startedAt: call.createdAt,
    answeredAt: call.answeredAt,
    endedAt,
    endReason: call.endReason,
    signaling: call.signaling,
  };
}

/** The headers the call trace shows, as received (bounded: a hostile peer may send anything). */
function signalingOf(invitation: Invitation): SignalingDetails {
  const request = invitation.request;
  const bounded = (text: string | undefined, length: number) => (text ?? '').slice(0, length);
  const pai = request.getHeader('p-asserted-identity');
  return {
    from: bounded(request.getHeader('from'), 512),
    pAssertedIdentity: pai === undefined ? null : bounded(pai, 512),
    callId: bounded(request.callId, 256),
  };
}

/**
 * The delay an incoming call asks to be answered after, from `Call-Info: <…>;answer-after=N` (the de-facto intercom
 * and paging convention); null when it does not ask.
 */
export function answerAfterSeconds(callInfoHeaders: readonly string[]): number | null {
  for (const header of callInfoHeaders) {
    const match = /;\s*answer-after\s*=\s*(\d{1,3})/i.exec(header);
    if (match) return Number(match[1]);
  }
  return null;
}

const REGISTRATION_EXPIRES_SECONDS = 300;

interface LiveCall {
  model: Call;
  session: Session;
  /**
   * What the receptionist did to a ringing call: declined it, or sent it on unanswered (an incoming call that ends
   * unanswered is otherwise missed).
   */
  endedBy: 'declined' | 'deflected' | null;
}

/**
 * The phone: one sip.js user agent, its registration and its calls. Written once, hosted wherever WebRTC is allowed
 * (Chrome's offscreen document, Firefox's background page); the sole owner of live call state.
 *
 * Intent (`shouldBeRegistered`) is kept apart from what is observed (`registration`): a lost WebSocket while the
 * intent holds means reconnecting with backoff; a logout drops the intent first so nothing reconnects behind it.
 */
export class PhoneEngine {
  #registration: RegistrationState = { status: RegistrationStatus.LoggedOut };
  #revision = 0;
  readonly #instanceId = crypto.randomUUID();
  #shouldBeRegistered = false;
  #account: AccountSettings | null = null;
  #userAgent: UserAgent | null = null;
  /** The binding at the registrar, for the current user agent (one Call-ID for its whole life). */
  #lineRegistration: LineRegistration | null = null;
  readonly #reconnectBackoff = new Backoff(BACKOFF.lineReconnect);
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every login/logout so callbacks of an older user agent are ignored. */
  #generation = 0;
  #nextCallNumber = 1;
  /** The digest realm of the last challenge to our REGISTER (see `#watchChallenges`). */
  #realm: string | null = null;
  #options: EngineOptions = {
    autoAnswer: false,
    honourAnswerAfter: true,
    microphoneId: '',
    speakerId: '',
    ringerId: '',
    incoming: { doNotDisturb: null, forwardTo: null, hasRingSplash: false },
  };
  /** Settles the login in progress with the first outcome: registered, or failed with a reason. */
  #loginOutcome: { resolve: () => void; reject: (error: CommandError) => void } | null = null;
  readonly #calls = new Map<CallId, LiveCall>();
  /** Ended calls waiting for the background to write them to the history (see `historyWritten`). */
  readonly #endedCalls = new Map<CallId, CallRecord>();
  #voicemail: VoicemailSummary | null = null;
  /** Why the microphone could not be opened for the last call; cleared once it opens, or a device or permission appears. */
  #microphoneProblem: MicrophoneProblem | null = null;
  readonly #conference: ConferenceController<LiveCall>;
  readonly #messageWaiting: SubscriptionKeeper<VoicemailSummary>;

  constructor(
    private readonly delegate: PhoneEngineDelegate,
    private readonly media: CallMedia,
    private readonly ringer: Ringer,
    private readonly log: Logger,
    private readonly engineOptions: PhoneEngineOptions,
    mixer: ConferenceMixer = new WebAudioConferenceMixer(),
  ) {
    this.#conference = new ConferenceController(
      {
        establishedCall: (id) => this.#establishedCall(id),
        callOf: (id) => this.#calls.get(id),
        setHeld: (call, isHeld) => this.#setHeld(call, isHeld),
        setMuted: (call, isMuted) => this.#setMuted(call, isMuted),
        terminate: (call) => this.#terminate(call.session),
        transfer: (id, target) => this.transfer(id, target),
        updateCall: (id, patch) => this.#updateCall(id, patch),
        changed: () => this.#emit(),
      },
      mixer,
      log,
    );
    this.#messageWaiting = new SubscriptionKeeper(MESSAGE_WAITING, (summary) => {
      if (JSON.stringify(summary) === JSON.stringify(this.#voicemail)) return;
      this.#voicemail = summary;
      this.#emit();
    }, log);
    engineOptions.microphone.onChange(() => void this.#recheckMicrophone());
    globalThis.addEventListener?.('online', () => this.#retryNowIfWaiting('network online'));
    watchForWake((sleptMs) => this.#checkAfterWake(sleptMs));
  }

  get state(): EngineState {
    return {
      instanceId: this.#instanceId,
      revision: this.#revision,
      registration: this.#registration,
      calls: [...this.#calls.values()].map((call) => call.model),
      endedCalls: [...this.#endedCalls.values()],
      voicemail: this.#voicemail,
      conference: this.#conference.state,
      microphone: this.#microphoneProblem,
    };
  }

  /**
   * The background wrote these to the history. Until it says so, ended calls stay in the state, so a background
   * that was stopped or restarted in between still gets them (and writes them under the same id: no duplicate).
   */
  historyWritten(ids: readonly CallId[]): void {
    let changed = false;
    for (const id of ids) changed = this.#endedCalls.delete(id) || changed;
    if (changed) this.#emit();
  }

  /** Answering options (auto answer, intercom) and audio devices; the microphone applies from the next call. */
  configure(options: EngineOptions): void {
    this.#options = options;
    this.media.setOutputDevice(options.speakerId);
    this.ringer.setDevices(options.ringerId, options.speakerId);
  }

  #mediaConstraints(): MediaStreamConstraints {
    const { microphoneId } = this.#options;
    return { audio: microphoneId === '' ? true : { deviceId: { exact: microphoneId } }, video: false };
  }

  /**
   * Logs in and resolves once the server has accepted the registration; rejects with the reason it did not
   * (wrong credentials, server unreachable, refused). The caller keeps a credential only after this resolves.
   */
  async login(account: AccountSettings, credential: Credential, options: EngineOptions): Promise<{ realm: string | null }> {
    this.configure(options);
    await this.#stopUserAgent();
    this.#loginOutcome?.reject(new CommandError({ code: 'failed', messageKey: 'error_login_superseded' }));
    const generation = ++this.#generation;
    this.#account = account;
    this.#shouldBeRegistered = true;
    this.#reconnectBackoff.reset();
    this.#realm = null;
    const registered = new Promise<void>((resolve, reject) => (this.#loginOutcome = { resolve, reject }));
    const outcome = registered.then(() => ({ realm: this.#realm }));
    this.#setRegistration({ status: RegistrationStatus.Registering });

    const userAgent = this.#createUserAgent(account, credential, generation);
    this.#userAgent = userAgent;
    this.#watchChallenges(userAgent);
    try {
      await userAgent.start();
    } catch (error) {
      if (generation !== this.#generation) return outcome;
      this.log.warn('could not reach the SIP server', error);
      // A first login that cannot connect is an error to fix (wrong URL, server down), not a state to wait in.
      this.#shouldBeRegistered = false;
      this.#fail('server-unreachable', error instanceof Error ? error.message : String(error));
      await this.#stopUserAgent();
      return outcome;
    }
    if (generation !== this.#generation) return outcome;
    this.#register(generation);
    return outcome;
  }

  async logout(): Promise<void> {
    this.#shouldBeRegistered = false;
    this.#generation++;
    this.#loginOutcome?.reject(new CommandError({ code: 'failed', messageKey: 'error_login_superseded' }));
    this.#loginOutcome = null;
    clearTimeout(this.#reconnectTimer);
    await Promise.all([...this.#calls.values()].map((call) => this.#terminate(call.session)));
    if (this.#userAgent?.isConnected() === true) await this.#lineRegistration?.unregister();
    await this.#stopUserAgent();
    this.#setRegistration({ status: RegistrationStatus.LoggedOut });
  }

  /** Places a call; whoever the receptionist was talking to is put on hold first (a consultation call). */
  async dial(target: string): Promise<CallId> {
    const userAgent = this.#userAgent;
    const account = this.#account;
    if (userAgent === null || account === null || this.#registration.status !== RegistrationStatus.Registered) {
      throw new CommandError({ code: 'not-registered', messageKey: 'error_not_registered' });
    }
    const uri = this.#uriFor(target);
    const inviter = this.#newInviter(userAgent, uri);
    await this.#prepareInviter(inviter);
    await this.#holdActiveCalls();
    const id = this.#trackCall(inviter, {
      direction: 'outgoing',
      status: 'Dialing',
      remoteName: '',
      remoteNumber: uri.user ?? target,
    });
    this.#invite(id, inviter, MAX_REDIRECTS);
    return id;
  }

  #newInviter(userAgent: UserAgent, uri: URI): Inviter {
    return new Inviter(userAgent, uri, { sessionDescriptionHandlerOptions: { constraints: this.#mediaConstraints() } });
  }

  /** Opens the microphone for an INVITE not sent yet (see `#prepareMicrophone`); disposes of it when that fails. */
  async #prepareInviter(inviter: Inviter): Promise<void> {
    try {
      await this.#prepareMicrophone(inviter);
    } catch (error) {
      void inviter.dispose().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Sends the call's INVITE. A redirect (3xx: the callee's phone sent the call on, RFC 3261 §8.1.3.4) is followed
   * to its first Contact under the same call, as a desk phone does, a few times at most.
   */
  #invite(id: CallId, inviter: Inviter, redirectsLeft: number): void {
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            if (response.message.statusCode === 180 || response.message.statusCode === 183) this.#updateCall(id, { status: 'Ringing' });
          },
          onRedirect: (response) => {
            const contact: unknown = response.message.parseHeader('contact');
            const call = this.#calls.get(id);
            const userAgent = this.#userAgent;
            if (!(contact instanceof NameAddrHeader) || redirectsLeft <= 0 || call === undefined || userAgent === null) {
              this.#updateCall(id, { endReason: `${response.message.statusCode} ${response.message.reasonPhrase}`.trim() });
              return;
            }
            this.log.info(`${id} redirected to ${contact.uri.toString()}`);
            // Replaced now, in the same task: the old INVITE's end (already queued) is then not the call's end.
            const next = this.#newInviter(userAgent, contact.uri);
            this.#replaceSession(id, next);
            this.#updateCall(id, { remoteNumber: contact.uri.user ?? call.model.remoteNumber });
            this.#prepareInviter(next).then(
              () => this.#invite(id, next, redirectsLeft - 1),
              (error: unknown) => {
                this.#updateCall(id, { endReason: error instanceof CommandError ? error.payload.messageKey : String(error) });
                this.#endCall(id);
              },
            );
          },
          onReject: (response) => {
            this.#updateCall(id, { endReason: `${response.message.statusCode} ${response.message.reasonPhrase}`.trim() });
          },
        },
      })
      .catch((error: unknown) => {
        this.log.warn('the INVITE failed', error);
        this.#endCall(id);
      });
  }

  /** Carries out what the receptionist asked of one call. Unknown calls are ignored: they ended meanwhile. */
  async act(callId: CallId, action: CallAction): Promise<void> {
    const call = this.#calls.get(callId);
    if (call === undefined) return;
    switch (action) {
      case 'answer':
        return this.#answer(call);
      case 'hang-up':
        if (call.model.status === 'Alerting') call.endedBy = 'declined';
        return this.#terminate(call.session);
      case 'hold':
      case 'resume':
        return this.#setHeld(call, action === 'hold');
      case 'mute':
      case 'unmute':
        if (this.#conference.includes(callId)) return this.conference({ action });
        return this.#setMuted(call, action === 'mute');
    }
  }

  async stats(callId: CallId): Promise<CallStats> {
    const call = this.#calls.get(callId);
    const handler = call?.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    const connection = handler?.peerConnection;
    if (call === undefined || connection === undefined) {
      throw new CommandError({ code: 'failed', messageKey: 'error_no_such_call' });
    }
    return readCallStats(await connection.getStats());
  }

  /**
   * Blind transfer (REFER to a number) or attended transfer (REFER with Replaces to another call's party). The
   * transferee reports progress in NOTIFYs (RFC 3515 §2.4.4); a final 2xx means the two others are talking and our
   * legs end. Anything else — a refused REFER, a failure NOTIFY, no answer in time — brings the call back.
   */
  async transfer(callId: CallId, target: TransferTarget): Promise<void> {
    const ringing = this.#calls.get(callId);
    if (ringing?.model.status === 'Alerting' && target.kind === 'number') return this.#deflect(ringing, target.number);
    const call = this.#establishedCall(callId);
    const consult = target.kind === 'call' ? this.#establishedCall(target.callId) : null;
    const referTo = consult?.session ?? this.#uriFor(target.kind === 'number' ? target.number : '');
    const label = consult ? consult.model.remoteName || consult.model.remoteNumber : target.kind === 'number' ? target.number : '';
    const wasActive = call.model.status === 'Active';
    await this.#setHeld(call, true);
    this.#updateCall(callId, { transferringTo: label });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(transferFailed('timeout')), TRANSFER_TIMEOUT_MS);
        const settle = (error?: CommandError) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        call.session
          .refer(referTo, {
            requestDelegate: {
              onReject: (response) => settle(transferFailed(`${response.message.statusCode} ${response.message.reasonPhrase}`.trim())),
            },
            onNotify: (notification) => {
              notification.accept().catch(() => undefined);
              const status = sipfragStatus(notification.request.body);
              if (status === null) return;
              if (status.code >= 200 && status.code < 300) settle();
              else if (status.code >= 300) settle(transferFailed(`${status.code} ${status.reason}`.trim()));
            },
          })
          .catch((error: unknown) => settle(transferFailed(String(error))));
      });
    } catch (error) {
      this.log.warn(`transfer of ${callId} to ${label} failed`, error);
      this.#updateCall(callId, { transferringTo: null });
      // A blind transfer that fails puts the caller back with the receptionist; after an attended one the
      // receptionist is still talking to the consulted party, so the caller stays on hold.
      if (wasActive && consult === null) await this.#setHeld(call, false);
      throw error;
    }
    this.log.info(`transferred ${callId} to ${label}`);
    await this.#terminate(call.session);
    // The consulted party replaces our leg with the caller's and hangs it up; make sure it ends either way.
    if (consult !== null) setTimeout(() => void this.#terminate(consult.session), REPLACED_LEG_GRACE_MS);
  }

  /**
   * Sends a ringing call on without answering it: a 302 to the number (RFC 3261 §21.3.3), which the PBX follows for
   * the caller. It needs no microphone, so a receptionist without one can still route every call.
   */
  async #deflect(call: LiveCall, number: string): Promise<void> {
    const uri = this.#uriFor(number);
    this.log.info(`sending ${call.model.id} on to ${uri.toString()} unanswered`);
    call.endedBy = 'deflected';
    try {
      await (call.session as Invitation).reject({ statusCode: 302, extraHeaders: [`Contact: <${uri.toString()}>`] });
    } catch (error) {
      call.endedBy = null;
      throw transferFailed(error instanceof Error ? error.message : String(error));
    }
  }

  /** My Conferences (see `conference-controller.ts`). */
  conference(request: ConferenceRequest): Promise<void> {
    return this.#conference.act(request);
  }

  /** DTMF in the media (RFC 4733, through the peer connection's DTMF sender) or as SIP INFO (application/dtmf-relay). */
  async sendDtmf(callId: CallId, digits: string, mode: DtmfMode = 'rfc4733'): Promise<void> {
    const call = this.#establishedCall(callId);
    if (mode === 'rfc4733') {
      const handler = call.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
      const sender = handler?.peerConnection?.getSenders().find((candidate) => candidate.dtmf !== null)?.dtmf;
      if (sender?.canInsertDTMF === true) {
        // insertDTMF replaces what is still queued: append, so digits pressed in quick succession all go out.
        sender.insertDTMF(sender.toneBuffer + digits, DTMF_DURATION_MS, DTMF_GAP_MS);
        return;
      }
      // No WebRTC sender (signaling-only media in tests): the handler's own method says whether it can.
      if (handler?.sendDtmf(digits, { duration: DTMF_DURATION_MS, interToneGap: DTMF_GAP_MS }) !== true) {
        throw new CommandError({ code: 'failed', messageKey: 'error_dtmf_failed' });
      }
      return;
    }
    for (const digit of digits) {
      await call.session.info({
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: 'application/dtmf-relay',
            content: `Signal=${digit}\r\nDuration=${DTMF_DURATION_MS}`,
          },
        },
      });
    }
  }

  #establishedCall(callId: CallId): LiveCall {
    const call = this.#calls.get(callId);
    if (call === undefined || call.session.state !== SessionState.Established) {
      throw new CommandError({ code: 'failed', messageKey: 'error_no_such_call' });
    }
    return call;
  }

  #uriFor(target: string): URI {
    const domain = this.#account?.sipAddress.split('@')[1] ?? '';
    const uriText = dialTargetToUri(target, domain);
    const uri = uriText === null ? undefined : UserAgent.makeURI(uriText);
    if (uri === undefined) throw CommandError.invalidInput([{ field: 'target', messageKey: 'error_invalid_value' }]);
    return uri;
  }

  async #answer(call: LiveCall): Promise<void> {
    if (call.model.status !== 'Alerting') return;
    this.log.info(`answering ${call.model.id}`);
    // Before anything else: without a microphone the call must go on ringing (sip.js would answer it 480).
    await this.#prepareMicrophone(call.session);
    await this.#holdActiveCalls();
    await (call.session as Invitation).accept({
      sessionDescriptionHandlerOptions: { constraints: this.#mediaConstraints() },
    });
  }

  /**
   * Opens the microphone for a call about to be answered or placed; when it cannot, says why in the state (the
   * console's banner) and refuses the command with that reason, leaving the call as it was.
   */
  async #prepareMicrophone(session: Session): Promise<void> {
    try {
      await this.engineOptions.microphone.prepare(session, this.#mediaConstraints());
    } catch (error) {
      if (!(error instanceof MicrophoneUnavailableError)) throw error;
      this.log.warn(error.message);
      this.#setMicrophoneProblem(error.problem);
      throw new CommandError({ code: 'failed', messageKey: `error_microphone_${error.problem}`, detail: error.message });
    }
    this.#setMicrophoneProblem(null);
  }

  /** A device was plugged in or the permission changed: the banner goes once the microphone may work again. */
  async #recheckMicrophone(): Promise<void> {
    if (this.#microphoneProblem !== null && (await this.engineOptions.microphone.mayWork())) this.#setMicrophoneProblem(null);
  }

  #setMicrophoneProblem(problem: MicrophoneProblem | null): void {
    if (problem === this.#microphoneProblem) return;
    this.#microphoneProblem = problem;
    this.#emit();
  }

  /** One conversation at a time: whoever the receptionist was talking to waits on hold. */
  async #holdActiveCalls(): Promise<void> {
    const active = [...this.#calls.values()].filter((call) => call.model.status === 'Active');
    await Promise.all(active.map((call) => this.#setHeld(call, true)));
    // A new call puts a conference in progress on hold as a whole.
    this.#conference.heldByAnotherCall(active.map((call) => call.model.id));
  }

  /** Re-INVITE with the hold direction (sendonly/inactive) or back to sendrecv; the far end stops hearing us. */
  async #setHeld(call: LiveCall, isHeld: boolean): Promise<void> {
    const { session } = call;
    if (session.state !== SessionState.Established || (call.model.status === 'Held') === isHeld) return;
    await untilAcknowledged(session);
    const options: SessionDescriptionHandlerOptions = { ...session.sessionDescriptionHandlerOptionsReInvite, hold: isHeld };
    session.sessionDescriptionHandlerOptionsReInvite = options;
    for (let attempt = 1; ; attempt++) {
      const status = await reInvite(session);
      if (status === null) break;
      // 491 (both ends re-INVITEd at once) and 500 (the far end still busy with the last exchange) ask to try again
      // shortly (RFC 3261 §14.1, §21.5.1); anything else is a refusal.
      if ((status !== 491 && status !== 500) || attempt >= REINVITE_ATTEMPTS) {
        throw new CommandError({ code: 'failed', messageKey: 'error_hold_refused', detail: String(status) });
      }
      await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(BACKOFF.reInvite, attempt - 1)));
    }
    const handler = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    handler?.enableReceiverTracks(!isHeld);
    handler?.enableSenderTracks(!isHeld && !call.model.isMuted);
    this.#updateCall(call.model.id, { status: isHeld ? 'Held' : 'Active' });
  }

  #setMuted(call: LiveCall, isMuted: boolean): void {
    const handler = call.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    handler?.enableSenderTracks(!isMuted && call.model.status !== 'Held');
    this.#updateCall(call.model.id, { isMuted });
  }

  #createUserAgent(account: AccountSettings, credential: Credential, generation: number): UserAgent {
    const uri = UserAgent.makeURI(`sip:${account.sipAddress}`);
    if (uri === undefined) throw CommandError.invalidInput([{ field: 'account.sipAddress', messageKey: 'error_sip_address' }]);
    return new UserAgent({
      uri,
      displayName: account.displayName || undefined,
      authorizationUsername: effectiveAuthorizationUser(account),
      ...(credential.kind === 'password' ? { authorizationPassword: credential.password } : { authorizationHa1: credential.ha1 }),
      transportOptions: { server: account.serverUrl, keepAliveInterval: KEEP_ALIVE_SECONDS, connectionTimeout: 5 },
      preloadedRouteSet: account.outboundProxy ? [`<${account.outboundProxy};lr>`] : [],
      // We reconnect ourselves: sip.js's own reconnection would race ours and keep a stale registerer.
      reconnectionAttempts: 0,
      userAgentString: 'Switchboard',
      logBuiltinEnabled: false,
      logLevel: 'warn',
      logConnector: (level, category, _label, content) => {
        if (level === 'error') this.log.warn(`sip.js ${category}: ${content}`);
      },
      sessionDescriptionHandlerFactoryOptions: {
        // No STUN/TURN by default (an office PBX is reached directly); a short gathering wait keeps post-dial
        // delay low, since sip.js would otherwise wait for gathering to complete.
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 500,
      },
      sessionDescriptionHandlerFactory: this.engineOptions.microphone.sessionDescriptionHandlerFactory,
      delegate: {
        // Any drop of our own connection is a lost line, said at once (issue #10.3): sip.js leaves out the error
        // when it believes the close was asked for, and a line shown "Registered" while gone loses calls.
        onDisconnect: (error) => {
          if (generation !== this.#generation || this.#userAgent === null) return;
          this.#onTransportLost(generation, error ?? new Error('the connection closed'));
        },
        onInvite: (invitation) => {
          if (generation === this.#generation) this.#onIncoming(invitation);
        },
      },
    });
  }

  /**
   * Notes the realm of the server's challenges to REGISTER. sip.js answers them itself and does not say the realm,
   * which "remember me" needs to keep an HA1 for; so read it from the messages on their way to sip.js.
   */
  #watchChallenges(userAgent: UserAgent): void {
    const transport = userAgent.transport;
    const deliver = transport.onMessage;
    transport.onMessage = (message: string) => {
      this.#realm = registerChallengeRealm(message) ?? this.#realm;
      deliver?.(message);
    };
  }

  /** Registers, or refreshes the binding, over the current connection (see `line/line-registration.ts`). */
  #register(generation: number): void {
    const userAgent = this.#userAgent;
    if (userAgent === null || generation !== this.#generation) return;
    this.#lineRegistration ??= new LineRegistration(
      userAgent,
      {
        onRegistered: () => {
          if (generation !== this.#generation) return;
          this.#reconnectBackoff.reset();
          if (this.#registration.status !== RegistrationStatus.Registered) {
            this.#setRegistration({ status: RegistrationStatus.Registered, since: Date.now() });
          }
          this.#messageWaiting.start(userAgent, userAgent.configuration.uri);
          this.#loginOutcome?.resolve();
          this.#loginOutcome = null;
        },
        onRefused: (response) => {
          if (generation !== this.#generation) return;
          this.#onRegisterRefused(generation, response);
        },
      },
      this.log,
      { expiresSeconds: REGISTRATION_EXPIRES_SECONDS },
    );
    this.#lineRegistration.register();
  }

  /**
   * A refused REGISTER: wrong credentials and refusals are final (the receptionist must act); a timeout, a transport
   * error or a server that says it is busy (408, 500, 503, 504) is retried with backoff, as a lost connection is.
   */
  #onRegisterRefused(generation: number, response: IncomingResponse): void {
    const code = response.message.statusCode ?? 0;
    const reason = `${code} ${response.message.reasonPhrase ?? ''}`.trim();
    if ([408, 500, 503, 504].includes(code) && this.#shouldBeRegistered && this.#loginOutcome === null) {
      this.log.warn(`REGISTER answered ${reason}; trying again`);
      this.#scheduleReconnect(generation);
      return;
    }
    this.#fail(code === 401 || code === 403 || code === 407 ? 'wrong-credentials' : code === 408 || code === 503 ? 'server-unreachable' : 'rejected', reason);
    this.#shouldBeRegistered = false;
    void this.#stopUserAgent();
  }

  #onTransportLost(generation: number, error: Error): void {
    this.log.warn('lost the connection to the SIP server', error.message);
    // Whatever was in flight went with the connection; the next REGISTER (same Call-ID) settles the binding.
    this.#lineRegistration?.abandon();
    if (!this.#shouldBeRegistered) return;
    this.#scheduleReconnect(generation);
  }

  #scheduleReconnect(generation: number): void {
    clearTimeout(this.#reconnectTimer);
    const delay = this.#reconnectBackoff.next();
    this.#setRegistration({ status: RegistrationStatus.Reconnecting, retryAt: Date.now() + delay });
    this.#reconnectTimer = setTimeout(() => void this.#reconnect(generation), delay);
  }

  async #reconnect(generation: number): Promise<void> {
    const userAgent = this.#userAgent;
    if (generation !== this.#generation || userAgent === null || !this.#shouldBeRegistered) return;
    try {
      await userAgent.reconnect();
    } catch (error) {
      if (generation !== this.#generation) return;
      this.log.info('reconnect attempt failed', error instanceof Error ? error.message : String(error));
      this.#scheduleReconnect(generation);
      return;
    }
    if (generation !== this.#generation) return;
    this.#register(generation);
  }

  #retryNowIfWaiting(why: string): void {
    if (this.#registration.status !== RegistrationStatus.Reconnecting) return;
    this.log.info(`retrying the connection now: ${why}`);
    clearTimeout(this.#reconnectTimer);
    void this.#reconnect(this.#generation);
  }

  /** After a sleep: retry at once if waiting to reconnect; if registered, register again to prove the line works. */
  #checkAfterWake(sleptMs: number): void {
    if (!this.#shouldBeRegistered) return;
    this.log.info(`woke after ${Math.round(sleptMs / 1000)} s; checking the line`);
    if (this.#registration.status === RegistrationStatus.Reconnecting) {
      this.#retryNowIfWaiting('wake');
    } else if (this.#registration.status === RegistrationStatus.Registered) {
      // A refresh of the binding: a dead connection makes it fail (503 from the transport), which reconnects.
      this.#lineRegistration?.register();
    }
  }

  async #stopUserAgent(): Promise<void> {
    clearTimeout(this.#reconnectTimer);
    this.#messageWaiting.stop();
    this.#lineRegistration?.abandon();
    const userAgent = this.#userAgent;
    this.#lineRegistration = null;
    this.#userAgent = null;
    try {
      await userAgent?.stop();
    } catch (error) {
      this.log.debug('stopping the user agent', error);
    }
  }

  #onIncoming(invitation: Invitation): void {
    const identity = invitation.remoteIdentity;
    if (this.#refusedByServices(invitation)) return;
    const isFree = [...this.#calls.values()].every((call) => call.model.status === 'Ended');
    const id = this.#trackCall(invitation, {
      direction: 'incoming',
      status: 'Alerting',
      remoteName: identity.displayName ?? '',
      remoteNumber: identity.uri.user ?? identity.uri.toString(),
      signaling: signalingOf(invitation),
    });
    const answerAfter = answerAfterSeconds(invitation.request.getHeaders('call-info'));
    if (this.#options.honourAnswerAfter && answerAfter !== null) {
      this.log.info(`intercom call ${id}: answering in ${answerAfter} s`);
      setTimeout(() => this.#answerByItself(id), answerAfter * 1000);
    } else if (this.#options.autoAnswer && isFree) {
      this.log.info(`auto-answering ${id}`);
      this.#answerByItself(id);
    }
  }

  /** Auto answer and intercom: a failure (no microphone) leaves the call ringing, with the reason in the state. */
  #answerByItself(id: CallId): void {
    this.act(id, 'answer').catch((error: unknown) => this.log.warn(`could not answer ${id} by itself`, error instanceof Error ? error.message : error));
  }

  /**
   * Services in local mode answer for the receptionist: Do Not Disturb refuses the call (486 busy or 480
   * unavailable), forwarding sends the caller on with a 302 to the forward-to number, with a short ring if asked.
   */
  #refusedByServices(invitation: Invitation): boolean {
    const { doNotDisturb, forwardTo, hasRingSplash } = this.#options.incoming;
    const caller = invitation.remoteIdentity.uri.user ?? '';
    if (doNotDisturb !== null) {
      this.log.info(`do not disturb: refusing a call from ${caller}`);
      void invitation.reject(doNotDisturb === 'busy' ? { statusCode: 486 } : { statusCode: 480 }).catch(() => undefined);
      return true;
    }
    if (forwardTo !== null) {
      const uri = this.#uriFor(forwardTo);
      this.log.info(`forwarding a call from ${caller} to ${uri.toString()}`);
      void invitation.reject({ statusCode: 302, extraHeaders: [`Contact: <${uri.toString()}>`] }).catch(() => undefined);
      if (hasRingSplash) this.ringer.splash();
      return true;
    }
    return false;
  }

  #trackCall(session: Session, initial: Pick<Call, 'direction' | 'status' | 'remoteName' | 'remoteNumber'> & Partial<Pick<Call, 'signaling'>>): CallId {
    const id = `call-${Date.now().toString(36)}-${this.#nextCallNumber++}` as CallId;
    const model: Call = { id, signaling: null, ...initial, createdAt: Date.now(), answeredAt: null, isMuted: false, transferringTo: null, endReason: null };
    this.#calls.set(id, { model, session, endedBy: null });
    this.#watchSession(id, session);
    this.#emit();
    return id;
  }

  /** The call goes on in another session (a redirect followed); the old one's end is not the call's. */
  #replaceSession(id: CallId, session: Session): void {
    const call = this.#calls.get(id);
    if (call === undefined) return;
    call.session = session;
    this.#watchSession(id, session);
  }

  #watchSession(id: CallId, session: Session): void {
    session.stateChange.addListener((state) => {
      if (this.#calls.get(id)?.session !== session) return;
      if (state === SessionState.Established) {
        this.media.attach(id, session);
        this.#updateCall(id, { status: 'Active', answeredAt: Date.now() });
      } else if (state === SessionState.Terminated) {
        // sip.js moves an Inviter to Terminated before it calls the request delegate's onReject, which records why
        // the call failed: end the call once that has run.
        queueMicrotask(() => {
          if (this.#calls.get(id)?.session === session) this.#endCall(id);
        });
      }
    });
  }

  #updateCall(id: CallId, patch: Partial<Call>): void {
    const call = this.#calls.get(id);
    if (call === undefined) return;
    // An ended call stays ended: a provisional response handled late (180 after the 486) must not revive it.
    if (call.model.status === 'Ended' && patch.status !== undefined && patch.status !== 'Ended') return;
    call.model = { ...call.model, ...patch };
    this.#emit();
  }

  /** A call that ended normally leaves at once; one that failed stays a few seconds with its reason. */
  #endCall(id: CallId): void {
    const call = this.#calls.get(id);
    if (call === undefined || call.model.status === 'Ended') return;
    // One party hung up: the conference is over, the other stays on the line with the receptionist.
    if (this.#conference.includes(id)) void this.#conference.dissolve();
    this.media.detach(id);
    this.engineOptions.microphone.release(call.session);
    this.#endedCalls.set(id, recordOf(call.model, call.endedBy, Date.now()));
    if (call.model.endReason === null) {
      this.#calls.delete(id);
      this.#emit();
      return;
    }
    this.#updateCall(id, { status: 'Ended' });
    setTimeout(() => {
      if (this.#calls.delete(id)) this.#emit();
    }, FAILED_CALL_VISIBLE_MS);
  }

  async #terminate(session: Session): Promise<void> {
    const ending = (() => {
      switch (session.state) {
        case SessionState.Initial:
        case SessionState.Establishing:
          // Declining a ringing call says "busy", so a PBX can send the caller on (voicemail, another agent).
          return session instanceof Inviter ? session.cancel() : (session as Invitation).reject({ statusCode: 486 });
        case SessionState.Established:
          return session.bye();
        default:
          return Promise.resolve();
      }
    })();
    await ending.catch((error: unknown) => this.log.warn('could not end the call cleanly', error));
  }

  #fail(reason: RegistrationFailure, detail: string): void {
    this.#setRegistration({ status: RegistrationStatus.Failed, reason, detail });
    this.#loginOutcome?.reject(
      new CommandError({ code: 'failed', messageKey: `failure_${reason.replaceAll('-', '_')}`, detail }),
    );
    this.#loginOutcome = null;
  }

  #setRegistration(next: RegistrationState): void {
    this.log.info(`registration ${this.#registration.status} → ${next.status}`);
    this.#registration = next;
    this.#emit();
  }

  #emit(): void {
    this.ringer.play(ringModeFor([...this.#calls.values()].map((call) => call.model)));
    this.#revision++;
    this.delegate.onStateChanged(this.state);
  }
}
