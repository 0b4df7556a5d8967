import { Inviter, NameAddrHeader, SessionState, type Invitation, type Session, type URI, type UserAgent } from 'sip.js';
import type { SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js/lib/platform/web';
import { BACKOFF, backoffDelayMs } from '../../shared/backoff.ts';
import type { Logger } from '../../shared/log.ts';
import {
  CONNECTION_LOST,
  type Call,
  type CallAction,
  type CallId,
  type CallStats,
  type TransferTarget,
} from '../../shared/model/call.ts';
import type { CallRecord } from '../../shared/model/call-record.ts';
import type { PickupDialog } from '../../shared/model/lamp.ts';
import { CommandError } from '../../shared/protocol/command-contract.ts';
import type { EngineOptions } from '../../shared/protocol/engine-commands.ts';
import type { CallMedia } from '../media/call-media.ts';
import { readCallStats } from '../media/call-stats.ts';
import { sendDtmf, type DtmfMode } from '../media/dtmf.ts';
import type { Ringer } from '../media/ringer.ts';
import { unusableAudioOffer } from '../sip/audio-offer.ts';
import { answerAfterSeconds } from '../sip/call-info.ts';
import { reInvite, untilAcknowledged } from '../sip/re-invite.ts';
import { acceptReplacing, isAnsweredElsewhere } from '../sip/replaced-session.ts';
import { namesReplaces } from '../sip/replaces-support.ts';
import { remotePartyOf } from '../sip/remote-party.ts';
import { unsupportedRequirements } from '../sip/required-extensions.ts';
import { sipfragStatus } from '../sip/sipfrag.ts';
import type { JournalEntry } from './call-journal.ts';
import { orphanDialogOf } from '../sip/orphan-dialog.ts';
import { recordOf, signalingOf, type EndedBy } from './call-record-of.ts';
import { canCallTransition } from './call-status.ts';
import { decideIncoming } from './incoming-policy.ts';
import { SupervisedTransfer } from './supervised-transfer.ts';
import { prepareAnswerInAdvance } from '../media/answer-in-advance.ts';
import { settledWithin } from '../../shared/settled-within.ts';

/** How long a transfer target may ring before the transfer counts as failed and the call comes back. */
const TRANSFER_TIMEOUT_MS = 30_000;
/**
 * A ringing call's answer is made this long after it arrived: once its card is drawn and its ring started (the same
 * thread does all three; made at once, it delayed the ring by ~10 ms), well before a receptionist can click Answer.
 */
const ANSWER_IN_ADVANCE_AFTER_MS = 100;
const REPLACED_LEG_GRACE_MS = 2_000;
const FAILED_CALL_VISIBLE_MS = 5_000;
/** How long a logout waits for each call's session to end (a BYE sent, a CANCEL answered) before ending it here. */
const LOGOUT_CALL_END_MS = 2_000;
const REINVITE_ATTEMPTS = 4;
/** How long the far end has to accept a dialog refresh after a reconnection before the call counts as lost. */
const REFRESH_ANSWER_MS = 4_000;
/**
 * A refresh the proxy could not deliver (404, 408, 480, 503: the far end lost the server too and is registering
 * again) is sent again after these waits before the call counts as lost; a refusal by the far end itself (481: it no
 * longer knows the call) is final at once.
 */
const REFRESH_RETRY_WAITS_MS = [500, 1_000];
const FAR_END_NOT_BACK_YET = [404, 408, 480, 503];
/** A call whose dialog cannot be refreshed but whose audio path lives is refreshed again this often. */
const REFRESH_AGAIN_MS = 5_000;
/** How many redirects an outgoing call follows before it gives up (a loop between two forwarding phones). */
const MAX_REDIRECTS = 3;

/** A call as the engine holds it: what the UIs see, and its SIP session. */
export interface LiveCall {
  model: Call;
  session: Session;
  /** What the receptionist did to it while it rang (an incoming call that ends unanswered is otherwise missed). */
  endedBy: EndedBy;
}

/**
 * Whether the far party said it understands Replaces: known for a call that came in (its INVITE's Supported and
 * Require), assumed for one the console placed (sip.js keeps no header of the answer).
 */
function farPartyTakesReplaces(call: LiveCall): boolean {
  if (call.model.direction !== 'incoming') return true;
  const request = (call.session as Invitation).request;
  return namesReplaces([...request.getHeaders('supported'), ...request.getHeaders('require')]);
}

/** What the calls need of the rest of the engine. */
export interface CallHost {
  /** The line's user agent while registered, else null. */
  userAgent(): UserAgent | null;
  uriFor(target: string): URI;
  options(): EngineOptions;
  /** Opens the microphone for a call about to be answered or placed; a CommandError saying why when it cannot. */
  prepareMicrophone(session: Session): Promise<void>;
  /** Opens the microphone for a call that rings, ahead of its answer; silent when it cannot. */
  warmMicrophone(session: Session): void;
  releaseMicrophone(session: Session): void;
  /** Music instead of the microphone for a caller answered into the reception queue. */
  prepareMusic(session: Session): void;
  /** The microphone in place of a queued caller's music; a CommandError saying why when it cannot. */
  switchToMicrophone(session: Session): Promise<void>;
  /** The conference's part in the calls' life (see `conference-controller.ts`). */
  conferenceIncludes(callId: CallId): boolean;
  conferenceHeldByAnotherCall(callIds: readonly CallId[]): void;
  dissolveConference(): void;
  muteInConference(action: 'mute' | 'unmute'): Promise<void>;
  /** Something about the calls changed: the engine publishes its state. */
  changed(): void;
}

function transferFailed(detail: string): CommandError {
  return new CommandError({ code: 'failed', messageKey: 'error_transfer_failed', detail });
}

function responseText(response: { message: { statusCode?: number; reasonPhrase?: string } }): string {
  return `${response.message.statusCode ?? ''} ${response.message.reasonPhrase ?? ''}`.trim();
}

/** How many of the console's latest SIP Call-IDs are kept (see `sipCallIds`). */
const REMEMBERED_SIP_CALL_IDS = 64;

/**
 * Every call: placing, answering, holding, muting, transferring, sending on, ending; the incoming-call policy; each
 * call's status along the edges of `call-status.ts`; an ended call kept until the background wrote its history row.
 * One conversation at a time: answering or dialling holds whoever the receptionist was talking to.
 */
export class CallControl {
  readonly #calls = new Map<CallId, LiveCall>();
  /** The SIP Call-IDs of the console's latest calls, ended ones too (see `sipCallIds`). */
  readonly #sipCallIds = new Set<string>();
  /** Ended calls waiting for the background to write them to the history (see `historyWritten`). */
  readonly #endedCalls = new Map<CallId, CallRecord>();
  /** Each call's last re-INVITE exchange (see `#reInviteInTurn`). */
  readonly #exchanges = new WeakMap<Session, Promise<number | null>>();
  #nextCallNumber = 1;

  readonly #supervised: SupervisedTransfer;

  constructor(
    private readonly host: CallHost,
    private readonly media: CallMedia,
    private readonly ringer: Ringer,
    private readonly log: Logger,
  ) {
    this.#supervised = new SupervisedTransfer(
      {
        userAgent: () => host.userAgent(),
        uriFor: (target) => host.uriFor(target),
        mediaConstraints: () => this.mediaConstraints(),
        prepareMicrophone: (session) => host.prepareMicrophone(session),
        releaseMicrophone: (session) => host.releaseMicrophone(session),
        setHeld: (callId, isHeld) => this.setHeld(this.establishedCall(callId), isHeld),
        updateCall: (callId, patch) => this.updateCall(callId, patch),
        referToSession: (callId, to) => this.#refer(this.establishedCall(callId), to),
        endCall: async (callId) => {
          const call = this.#calls.get(callId);
          if (call !== undefined) await this.terminate(call);
        },
      },
      log,
    );
  }

  get models(): Call[] {
    return [...this.#calls.values()].map((call) => call.model);
  }

  /**
   * The SIP Call-IDs of this console's calls, with the last few ended ones: the PBX's report of the line's calls
   * (XSI) names each by it, and a call just hung up here must not show as one elsewhere until the PBX says it ended.
   */
  get sipCallIds(): ReadonlySet<string> {
    return this.#sipCallIds;
  }

  get endedCalls(): CallRecord[] {
    return [...this.#endedCalls.values()];
  }

  /** The calls in progress as the call journal keeps them: each with its dialog once confirmed (see `call-journal.ts`). */
  get journalEntries(): JournalEntry[] {
    return [...this.#calls.values()]
      .filter((call) => call.model.status !== 'Ended')
      .map((call) => ({ model: call.model, dialog: orphanDialogOf(call.session) }));
  }

  /** History rows an engine before this one left unwritten: kept, and offered to the background, like this one's. */
  adoptEnded(records: readonly CallRecord[]): void {
    for (const record of records) this.#endedCalls.set(record.id, record);
  }

  callOf(callId: CallId): LiveCall | undefined {
    return this.#calls.get(callId);
  }

  /** The background wrote these to the history; returns whether any was still kept. */
  historyWritten(ids: readonly CallId[]): boolean {
    let changed = false;
    for (const id of ids) changed = this.#endedCalls.delete(id) || changed;
    return changed;
  }

  mediaConstraints(): MediaStreamConstraints {
    const { microphoneId } = this.host.options();
    return { audio: microphoneId === '' ? true : { deviceId: { exact: microphoneId } }, video: false };
  }

  /** Places a call; whoever the receptionist was talking to is put on hold first (a consultation call). */
  async dial(target: string): Promise<CallId> {
    const userAgent = this.host.userAgent();
    if (userAgent === null) throw new CommandError({ code: 'not-registered', messageKey: 'error_not_registered' });
    const uri = this.host.uriFor(target);
    return this.#place(this.#newInviter(userAgent, uri), {
      direction: 'outgoing',
      status: 'Dialing',
      remoteName: '',
      remoteNumber: uri.user ?? target,
    });
  }

  /**
   * Takes a call ringing at a colleague (RFC 5359 §2.16): an INVITE to the caller with `Replaces: <call-id>;
   * to-tag=<caller's tag>;from-tag=<colleague's tag>;early-only` — the receiver matches `to-tag` with its own (local)
   * tag (RFC 3891 §3; sip.js keys its dialogs so, and the Kamailio wire check in pbx-interfaces.md §2c agrees). The
   * caller's phone — or the PBX's leg of it — swaps the ringing call for this one and cancels it at the colleague;
   * `early-only` makes it refuse (486) if the colleague answered meanwhile. The call shows as the caller's.
   */
  async pickUp(pickup: PickupDialog, callerName: string): Promise<CallId> {
    const userAgent = this.host.userAgent();
    if (userAgent === null) throw new CommandError({ code: 'not-registered', messageKey: 'error_not_registered' });
    const target = this.host.uriFor(pickup.callerTarget);
    const identity = pickup.callerIdentity === null ? target : this.host.uriFor(pickup.callerIdentity);
    const replaces = `${pickup.callId};to-tag=${pickup.remoteTag};from-tag=${pickup.localTag};early-only`;
    const inviter = new Inviter(userAgent, target, {
      sessionDescriptionHandlerOptions: { constraints: this.mediaConstraints() },
      // The To is the caller: a proxy that cannot reach a WebSocket Contact (`….invalid`) routes by it.
      params: { toUri: identity.toString() },
      extraHeaders: [`Replaces: ${replaces}`],
    });
    this.log.info(`picking up ${pickup.callId} from ${identity.toString()}`);
    return this.#place(inviter, {
      direction: 'incoming',
      status: 'Dialing',
      remoteName: callerName,
      remoteNumber: identity.user ?? identity.toString(),
    });
  }

  /** Opens the microphone, holds whoever the receptionist was talking to, and sends the INVITE. */
  async #place(
    inviter: Inviter,
    model: Pick<Call, 'direction' | 'status' | 'remoteName' | 'remoteNumber'>,
  ): Promise<CallId> {
    await this.#prepareInviter(inviter);
    try {
      await this.#holdActiveCalls();
    } catch (error) {
      // The caller on the line could not be held: no new call, and the microphone opened for it closes again.
      this.host.releaseMicrophone(inviter);
      void inviter.dispose().catch(() => undefined);
      throw error;
    }
    const id = this.#track(inviter, model);
    this.#invite(id, inviter, MAX_REDIRECTS);
    return id;
  }

  /** Carries out what the receptionist asked of one call. Unknown calls are ignored: they ended meanwhile. */
  async act(callId: CallId, action: CallAction): Promise<void> {
    const call = this.#calls.get(callId);
    if (call === undefined) return;
    if (call.model.onQueueMusic && (action === 'answer' || action === 'resume')) return this.#takeFromQueue(call);
    switch (action) {
      case 'answer':
        return this.#answer(call);
      case 'hang-up':
        if (call.model.status === 'Alerting') call.endedBy = 'declined';
        return this.terminate(call);
      case 'hold':
      case 'resume':
        return this.setHeld(call, action === 'hold');
      case 'mute':
      case 'unmute':
        if (this.host.conferenceIncludes(callId)) return this.host.muteInConference(action);
        return this.setMuted(call, action === 'mute');
    }
  }

  async stats(callId: CallId): Promise<CallStats> {
    const handler = this.#calls.get(callId)?.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    const connection = handler?.peerConnection;
    if (connection === undefined) throw new CommandError({ code: 'failed', messageKey: 'error_no_such_call' });
    return readCallStats(await connection.getStats());
  }

  sendDtmf(callId: CallId, digits: string, mode: DtmfMode): Promise<void> {
    return sendDtmf(this.establishedCall(callId).session, digits, mode);
  }

  /**
   * Blind transfer (REFER to a number) or attended transfer (REFER with Replaces to another call's party). The
   * transferee reports progress in NOTIFYs (RFC 3515 §2.4.4); a final 2xx means the two others are talking and our
   * legs end. Anything else — a refused REFER, a failure NOTIFY, no answer in time — brings the call back. With
   * transfer recall on (Settings), a blind transfer is supervised instead (`supervised-transfer.ts`): the colleague
   * is rung first and the caller comes back if they do not answer — when the caller's phone understands Replaces,
   * which joining them needs; a caller whose phone does not say so is sent on unsupervised. A call still ringing is
   * sent on unanswered (`#deflect`).
   */
  async transfer(callId: CallId, target: TransferTarget, mayRecall = true): Promise<void> {
    const ringing = this.#calls.get(callId);
    if (ringing?.model.status === 'Alerting' && target.kind === 'number') return this.#deflect(ringing, target.number);
    const call = this.establishedCall(callId);
    const recallSeconds = mayRecall ? this.host.options().transferRecallSeconds : 0;
    // A PBX service (park, voicemail: a feature code) answers by itself: nothing to supervise.
    if (target.kind === 'number' && recallSeconds > 0 && !/^[*#]/.test(target.number)) {
      if (farPartyTakesReplaces(call))
        return this.#supervised.transfer(call.model, target.number, recallSeconds * 1000);
      this.log.info(`${callId}: the caller's phone does not support Replaces; transferring without recall`);
    }
    const consult = target.kind === 'call' ? this.establishedCall(target.callId) : null;
    const number = target.kind === 'number' ? target.number : target.kind === 'park' ? target.slot : '';
    const referTo = consult?.session ?? this.host.uriFor(number);
    const label = consult ? consult.model.remoteName || consult.model.remoteNumber : number;
    const wasActive = call.model.status === 'Active';
    await this.setHeld(call, true);
    this.updateCall(callId, { transferringTo: label });
    try {
      await this.#refer(call, referTo);
    } catch (error) {
      this.log.warn(`transfer of ${callId} to ${label} failed`, error);
      this.updateCall(callId, { transferringTo: null });
      // A blind transfer that fails puts the caller back with the receptionist; after an attended one the
      // receptionist is still talking to the consulted party, so the caller stays on hold.
      if (wasActive && consult === null) await this.setHeld(call, false);
      throw error;
    }
    this.log.info(`transferred ${callId} to ${label}`);
    await this.terminate(call);
    // The consulted party replaces our leg with the caller's and hangs it up; make sure it ends either way.
    if (consult !== null) setTimeout(() => void this.terminate(consult), REPLACED_LEG_GRACE_MS);
  }

  /** A call arriving: the policy decides whether it rings, is refused, sent on or answered by itself. */
  onIncoming(invitation: Invitation): void {
    if (invitation.replacee !== undefined) {
      this.#takeOver(invitation, invitation.replacee);
      return;
    }
    const caller = invitation.remoteIdentity.uri.user ?? '';
    const unsupported = unsupportedRequirements(invitation.request.getHeaders('require'));
    if (unsupported.length > 0) {
      this.log.warn(`refused a call from ${caller} requiring ${unsupported.join(', ')}`);
      const extraHeaders = [`Unsupported: ${unsupported.join(', ').slice(0, 256)}`];
      void invitation.reject({ statusCode: 420, extraHeaders }).catch(() => undefined);
      return;
    }
    const offerProblem = unusableAudioOffer(invitation.request.getHeader('content-type'), invitation.body);
    if (offerProblem !== null) {
      this.log.warn(`refused a call from ${caller}: ${offerProblem}`);
      const extraHeaders = [`Warning: 304 switchboard "${offerProblem}"`];
      void invitation.reject({ statusCode: 488, extraHeaders }).catch(() => undefined);
      return;
    }
    const isFree = [...this.#calls.values()].every((call) => call.model.status === 'Ended');
    const decision = decideIncoming(
      this.host.options(),
      isFree,
      answerAfterSeconds(invitation.request.getHeaders('call-info')),
    );
    switch (decision.kind) {
      case 'refuse':
        this.log.info(`do not disturb: refusing a call from ${caller}`);
        void invitation.reject({ statusCode: decision.statusCode }).catch(() => undefined);
        return;
      case 'forward': {
        const uri = this.host.uriFor(decision.target);
        this.log.info(`forwarding a call from ${caller} to ${uri.toString()}`);
        void redirect(invitation, uri).catch(() => undefined);
        if (decision.hasRingSplash) this.ringer.splash();
        return;
      }
      default:
        break;
    }
    const identity = invitation.remoteIdentity;
    // A CANCEL saying another phone answered (a colleague's pickup, a group): not a missed call.
    invitation.delegate = {
      ...invitation.delegate,
      onCancel: (cancel) => {
        const call = this.#calls.get(id);
        if (call !== undefined && isAnsweredElsewhere(cancel.request.getHeader('reason'))) call.endedBy = 'elsewhere';
      },
    };
    const id = this.#track(invitation, {
      direction: 'incoming',
      status: 'Alerting',
      ...remotePartyOf(identity),
      signaling: signalingOf(invitation),
    });
    // Answering then waits for no microphone and no offer and answer (the call's end closes both, answered or not).
    if (decision.kind !== 'answer-now') {
      this.host.warmMicrophone(invitation);
      setTimeout(() => prepareAnswerInAdvance(invitation), ANSWER_IN_ADVANCE_AFTER_MS);
    }
    if (decision.kind === 'answer-after') {
      this.log.info(`intercom call ${id}: answering in ${decision.seconds} s`);
      setTimeout(() => this.#answerByItself(id), decision.seconds * 1000);
    } else if (decision.kind === 'answer-now') {
      this.log.info(`auto-answering ${id}`);
      this.#answerByItself(id);
    }
  }

  /**
   * An INVITE with Replaces matching one of our calls (sip.js matched the dialog, and refused it 486 if it asked for
   * an early one that was answered): someone picked up the call we placed while it rang at a colleague (RFC 5359
   * §2.16), or the far end of another's attended transfer takes our place. The call goes on, under the same id, with
   * the new party: answered at once, the old leg ended (`acceptReplacing`).
   */
  #takeOver(invitation: Invitation, replaced: Session): void {
    const call = [...this.#calls.values()].find((each) => each.session === replaced);
    if (call === undefined) {
      void invitation.reject({ statusCode: 481 }).catch(() => undefined);
      return;
    }
    const id = call.model.id;
    const identity = invitation.remoteIdentity;
    this.log.info(`${id} is taken over by ${identity.uri.toString()}`);
    void (async () => {
      try {
        await this.host.prepareMicrophone(invitation);
      } catch {
        await invitation.reject({ statusCode: 480 });
        return;
      }
      call.session = invitation;
      this.#watch(id, invitation);
      this.updateCall(id, remotePartyOf(identity));
      await acceptReplacing(invitation, {
        sessionDescriptionHandlerOptions: { constraints: this.mediaConstraints() },
      });
      this.host.releaseMicrophone(replaced);
    })().catch((error: unknown) => this.log.warn(`could not hand ${id} over`, error));
  }

  /**
   * Ends every call (logout). One whose session has not ended within `LOGOUT_CALL_END_MS` is ended here and recorded,
   * for the line is going anyway: a call cancelled over a connection gone quiet waits for a 487 that will not come.
   */
  async endAll(): Promise<void> {
    this.#supervised.cancelAll();
    await Promise.all(
      [...this.#calls.values()].map(async (call) => {
        const { session } = call;
        const isOver = () => session.state === SessionState.Terminated || this.#calls.get(call.model.id) !== call;
        const terminated = new Promise<void>((resolve) => {
          session.stateChange.addListener((state) => {
            if (state === SessionState.Terminated) resolve();
          });
        });
        await settledWithin(this.terminate(call), LOGOUT_CALL_END_MS);
        if (!isOver()) await settledWithin(terminated, LOGOUT_CALL_END_MS);
        if (isOver()) return;
        this.log.warn(`${call.model.id}: not ended cleanly in ${LOGOUT_CALL_END_MS} ms; ended here for the logout`);
        this.#end(call.model.id);
      }),
    );
  }

  establishedCall(callId: CallId): LiveCall {
    const call = this.#calls.get(callId);
    if (call === undefined || call.session.state !== SessionState.Established) {
      throw new CommandError({ code: 'failed', messageKey: 'error_no_such_call' });
    }
    return call;
  }

  /**
   * The line came back over a new connection: each answered call's dialog is refreshed with a re-INVITE (same media,
   * same hold), so the proxy and the far end learn where the console now is, and hold, transfer and the far end's
   * hang-up reach it again. A call whose refresh is refused or not answered in `REFRESH_ANSWER_MS`, and whose audio
   * path died too, went with the old connection: it is ended here, and says it was lost (`CONNECTION_LOST`), rather
   * than shown live while dead. One whose audio still flows stays, refreshed again every `REFRESH_AGAIN_MS`.
   */
  async refreshDialogs(): Promise<void> {
    const answered = [...this.#calls.values()].filter((call) => call.session.state === SessionState.Established);
    await Promise.all(answered.map((call) => this.#refresh(call)));
  }

  async #refresh(call: LiveCall): Promise<void> {
    const { id } = call.model;
    const isCurrent = () => this.#calls.get(id) === call && call.session.state === SessionState.Established;
    for (;;) {
      const outcome = await this.#tryRefresh(call, isCurrent);
      if (outcome === null) {
        this.log.info(`${id}: dialog refreshed over the new connection`);
        return;
      }
      if (!isCurrent()) return;
      // The far end cannot be told where we are, but its audio still reaches us: the two still talk. The call
      // stays, and is refreshed again later, until that works or the audio path dies.
      if (isMediaPathAlive(call.session)) {
        this.log.warn(`${id}: could not refresh the dialog (${outcome}), the audio still flows; trying again`);
        await new Promise((resolve) => setTimeout(resolve, REFRESH_AGAIN_MS));
        if (!isCurrent()) return;
        continue;
      }
      this.log.warn(`${id}: lost with the connection (refresh: ${outcome})`);
      this.updateCall(id, { endReason: CONNECTION_LOST });
      await this.terminate(call);
      return;
    }
  }

  /** One refresh, sent again while the proxy cannot reach the far end yet; null once accepted, else why not. */
  async #tryRefresh(call: LiveCall, isCurrent: () => boolean): Promise<number | string | null> {
    let outcome: number | string | null = 'ended';
    for (const waitMs of [0, ...REFRESH_RETRY_WAITS_MS]) {
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      if (!isCurrent()) return 'ended';
      outcome = await Promise.race([
        this.#reInviteInTurn(call.session).catch((error: unknown) => String(error)),
        new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), REFRESH_ANSWER_MS)),
      ]);
      // The far end not reachable yet (it lost the server too, and is registering again): asked again shortly.
      if (typeof outcome !== 'number' || !FAR_END_NOT_BACK_YET.includes(outcome)) return outcome;
    }
    return outcome;
  }

  /**
   * One re-INVITE exchange at a time per call, in the order asked: a hold asked for while the dialog is being
   * refreshed waits for the refresh instead of colliding with it.
   */
  #reInviteInTurn(session: Session): Promise<number | null> {
    const previous = this.#exchanges.get(session) ?? Promise.resolve(null);
    const next = previous.catch(() => null).then(() => reInviteRetrying(session));
    this.#exchanges.set(session, next);
    return next;
  }

  /** Re-INVITE with the hold direction (sendonly/inactive) or back to sendrecv; the far end stops hearing us. */
  async setHeld(call: LiveCall, isHeld: boolean): Promise<void> {
    const { session } = call;
    if (session.state !== SessionState.Established || (call.model.status === 'Held') === isHeld) return;
    await untilAcknowledged(session);
    const options: SessionDescriptionHandlerOptions = {
      ...session.sessionDescriptionHandlerOptionsReInvite,
      hold: isHeld,
    };
    session.sessionDescriptionHandlerOptionsReInvite = options;
    const status = await this.#reInviteInTurn(session);
    if (status !== null) {
      throw new CommandError({ code: 'failed', messageKey: 'error_hold_refused', detail: String(status) });
    }
    const handler = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    handler?.enableReceiverTracks(!isHeld);
    handler?.enableSenderTracks(!isHeld && !call.model.isMuted);
    // Taken back: a recalled transfer stops ringing.
    this.updateCall(call.model.id, { status: isHeld ? 'Held' : 'Active', ...(isHeld ? {} : { recalledFrom: null }) });
  }

  setMuted(call: LiveCall, isMuted: boolean): void {
    const handler = call.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    handler?.enableSenderTracks(!isMuted && call.model.status !== 'Held');
    this.updateCall(call.model.id, { isMuted });
  }

  /** Changes a call's model; a status change only along an edge of `call-status.ts` (a refused one is logged). */
  updateCall(id: CallId, patch: Partial<Call>): void {
    const call = this.#calls.get(id);
    if (call === undefined) return;
    // A refused edge drops the whole change: what came with it (an answer time after the end) is as stale.
    if (patch.status !== undefined && !canCallTransition(call.model.status, patch.status)) {
      this.log.debug(`${id}: refused ${call.model.status} → ${patch.status}`);
      return;
    }
    call.model = { ...call.model, ...patch };
    this.host.changed();
  }

  async terminate(call: LiveCall): Promise<void> {
    const { session } = call;
    const ending = (() => {
      switch (session.state) {
        case SessionState.Initial:
        case SessionState.Establishing:
          // Declining a ringing call says "busy", so a PBX can send the caller on (voicemail, another agent).
          return session instanceof Inviter ? session.cancel() : (session as Invitation).reject({ statusCode: 486 });
        case SessionState.Established: {
          const bye = session.bye();
          // Read again: `bye()` has moved the session on (the switch's narrowing does not know).
          if ((session.state as SessionState) !== SessionState.Terminating) return bye;
          // A call just answered whose ACK has not come: sip.js holds the BYE until it does, or Timer H, 32 s
          // (RFC 3261 §15). For the receptionist the call is over now: it ends and is recorded here; the BYE goes
          // when it may.
          if (this.#calls.get(call.model.id) === call) this.#end(call.model.id);
          void bye.catch((error: unknown) => this.log.warn('could not end the call cleanly', error));
          return Promise.resolve();
        }
        default:
          return Promise.resolve();
      }
    })();
    await ending.catch((error: unknown) => this.log.warn('could not end the call cleanly', error));
  }

  #newInviter(userAgent: UserAgent, uri: URI): Inviter {
    return new Inviter(userAgent, uri, { sessionDescriptionHandlerOptions: { constraints: this.mediaConstraints() } });
  }

  /** Opens the microphone for an INVITE not sent yet; disposes of the INVITE when that fails. */
  async #prepareInviter(inviter: Inviter): Promise<void> {
    try {
      await this.host.prepareMicrophone(inviter);
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
            if (response.message.statusCode === 180 || response.message.statusCode === 183)
              this.updateCall(id, { status: 'Ringing' });
          },
          onRedirect: (response) => {
            const contact: unknown = response.message.parseHeader('contact');
            const call = this.#calls.get(id);
            const userAgent = this.host.userAgent();
            if (
              !(contact instanceof NameAddrHeader) ||
              redirectsLeft <= 0 ||
              call === undefined ||
              userAgent === null
            ) {
              this.updateCall(id, { endReason: responseText(response) });
              return;
            }
            this.log.info(`${id} redirected to ${contact.uri.toString()}`);
            // Replaced now, in the same task: the old INVITE's end (already queued) is then not the call's end.
            const next = this.#newInviter(userAgent, contact.uri);
            call.session = next;
            this.#watch(id, next);
            this.updateCall(id, { remoteNumber: contact.uri.user ?? call.model.remoteNumber });
            this.#prepareInviter(next).then(
              () => this.#invite(id, next, redirectsLeft - 1),
              (error: unknown) => {
                this.updateCall(id, {
                  endReason: error instanceof CommandError ? error.payload.messageKey : String(error),
                });
                this.#end(id);
              },
            );
          },
          onReject: (response) => this.updateCall(id, { endReason: responseText(response) }),
        },
      })
      .catch((error: unknown) => {
        this.log.warn('the INVITE failed', error);
        this.#end(id);
      });
  }

  /**
   * Answers a ringing caller into the reception queue: they hear the console's music (not the microphone), the
   * receptionist does not hear them, and no other call is put on hold. Shown held until taken (`#takeFromQueue`).
   */
  async answerWithMusic(callId: CallId): Promise<void> {
    const call = this.#calls.get(callId);
    if (call?.model.status !== 'Alerting' || call.model.direction !== 'incoming') return;
    this.log.info(`answering ${callId} into the reception queue, with music`);
    this.host.prepareMusic(call.session);
    this.updateCall(callId, { onQueueMusic: true });
    try {
      await (call.session as Invitation).accept({
        sessionDescriptionHandlerOptions: { constraints: this.mediaConstraints() },
      });
    } catch (error) {
      this.updateCall(callId, { onQueueMusic: false });
      throw error;
    }
  }

  /** The receptionist takes a queued caller: the microphone replaces the music, they hear each other. */
  async #takeFromQueue(call: LiveCall): Promise<void> {
    if (call.session.state !== SessionState.Established) return;
    await this.#holdActiveCalls();
    await this.host.switchToMicrophone(call.session);
    this.media.attach(call.model.id, call.session);
    this.updateCall(call.model.id, { status: 'Active', onQueueMusic: false, answeredAt: Date.now() });
  }

  async #answer(call: LiveCall): Promise<void> {
    if (call.model.status !== 'Alerting') return;
    this.log.info(`answering ${call.model.id}`);
    // Before anything else: without a microphone the call must go on ringing (sip.js would answer it 480).
    await this.host.prepareMicrophone(call.session);
    await this.#holdActiveCalls();
    try {
      await (call.session as Invitation).accept({
        sessionDescriptionHandlerOptions: { constraints: this.mediaConstraints() },
      });
    } catch (error) {
      // An offer the browser cannot take (not SDP, no audio it knows, a port out of range): sip.js has refused the
      // call (480) and ended it. The caller's phone is at fault; the receptionist is told why the call went.
      if (call.session.state !== SessionState.Terminated) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      this.log.warn(`${call.model.id}: the caller's offer could not be used, so the call was refused: ${detail}`);
      throw new CommandError({ code: 'failed', messageKey: 'error_answer_offer_unusable', detail });
    }
  }

  /** Auto answer and intercom: a failure (no microphone) leaves the call ringing, with the reason in the state. */
  #answerByItself(id: CallId): void {
    this.act(id, 'answer').catch((error: unknown) =>
      this.log.warn(`could not answer ${id} by itself`, error instanceof Error ? error.message : error),
    );
  }

  /** One conversation at a time: whoever the receptionist was talking to waits on hold. */
  async #holdActiveCalls(): Promise<void> {
    const active = [...this.#calls.values()].filter((call) => call.model.status === 'Active');
    await Promise.all(active.map((call) => this.setHeld(call, true)));
    // A new call puts a conference in progress on hold as a whole.
    this.host.conferenceHeldByAnotherCall(active.map((call) => call.model.id));
  }

  /** Sends the REFER and waits for the transferee's verdict (its NOTIFYs), or the timeout. */
  #refer(call: LiveCall, referTo: Session | URI): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(transferFailed('timeout')), TRANSFER_TIMEOUT_MS);
      const settle = (error?: CommandError) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      call.session
        .refer(referTo, {
          requestDelegate: { onReject: (response) => settle(transferFailed(responseText(response))) },
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
  }

  /**
   * Sends a ringing call on without answering it: a 302 to the number (RFC 3261 §21.3.3), which the PBX follows for
   * the caller. It needs no microphone, so a receptionist without one can still route every call.
   */
  async #deflect(call: LiveCall, number: string): Promise<void> {
    const uri = this.host.uriFor(number);
    this.log.info(`sending ${call.model.id} on to ${uri.toString()} unanswered`);
    call.endedBy = 'deflected';
    try {
      await redirect(call.session as Invitation, uri);
    } catch (error) {
      call.endedBy = null;
      throw transferFailed(error instanceof Error ? error.message : String(error));
    }
  }

  #track(
    session: Session,
    initial: Pick<Call, 'direction' | 'status' | 'remoteName' | 'remoteNumber'> & Partial<Pick<Call, 'signaling'>>,
  ): CallId {
    const id = `call-${Date.now().toString(36)}-${this.#nextCallNumber++}` as CallId;
    const model: Call = {
      id,
      signaling: null,
      ...initial,
      createdAt: Date.now(),
      answeredAt: null,
      isMuted: false,
      transferringTo: null,
      recalledFrom: null,
      onQueueMusic: false,
      endReason: null,
    };
    this.#calls.set(id, { model, session, endedBy: null });
    this.#watch(id, session);
    this.host.changed();
    return id;
  }

  /** Follows a session's life; a session the call no longer uses (a redirect followed) is not the call's. */
  #watch(id: CallId, session: Session): void {
    const sipCallId = (session as Inviter | Invitation).request.callId;
    this.#sipCallIds.delete(sipCallId);
    this.#sipCallIds.add(sipCallId);
    for (const oldest of this.#sipCallIds) {
      if (this.#sipCallIds.size <= REMEMBERED_SIP_CALL_IDS) break;
      this.#sipCallIds.delete(oldest);
    }
    session.stateChange.addListener((state) => {
      if (this.#calls.get(id)?.session !== session) return;
      if (state === SessionState.Established) {
        // A caller answered into the reception queue hears music, and is not heard, until taken.
        const isQueued = this.#calls.get(id)?.model.onQueueMusic === true;
        if (!isQueued) this.media.attach(id, session);
        // Answered for the receptionist only once taken: a queued caller who gives up was missed.
        this.updateCall(id, isQueued ? { status: 'Held' } : { status: 'Active', answeredAt: Date.now() });
      } else if (state === SessionState.Terminated) {
        // sip.js moves an Inviter to Terminated before it calls the request delegate's onReject, which records why
        // the call failed: end the call once that has run.
        queueMicrotask(() => {
          if (this.#calls.get(id)?.session === session) this.#end(id);
        });
      }
    });
  }

  /** A call that ended normally leaves at once; one that failed stays a few seconds with its reason. */
  #end(id: CallId): void {
    const call = this.#calls.get(id);
    if (call === undefined || call.model.status === 'Ended') return;
    // One party hung up: the conference is over, the other stays on the line with the receptionist.
    if (this.host.conferenceIncludes(id)) this.host.dissolveConference();
    this.media.detach(id);
    this.host.releaseMicrophone(call.session);
    this.#endedCalls.set(id, recordOf(call.model, call.endedBy, Date.now()));
    if (call.model.endReason === null) {
      this.#calls.delete(id);
      this.host.changed();
      return;
    }
    this.updateCall(id, { status: 'Ended' });
    setTimeout(() => {
      if (this.#calls.delete(id)) this.host.changed();
    }, FAILED_CALL_VISIBLE_MS);
  }
}

/**
 * Whether the call's audio path still joins us to the far end: its ICE connection is up, which the browser checks
 * every few seconds with the far end's consent (RFC 7675) whether or not audio flows (a held call sends none).
 */
function isMediaPathAlive(session: Session): boolean {
  const handler = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
  const state = handler?.peerConnection?.iceConnectionState;
  return state === 'connected' || state === 'completed';
}

/**
 * A re-INVITE, sent again when the answer asks for it: 491 (both ends re-INVITEd at once) and 500 (the far end still
 * busy with the last exchange) ask to try again shortly (RFC 3261 §14.1, §21.5.1). Null once accepted, else the status
 * of the refusal (or of the last try).
 */
async function reInviteRetrying(session: Session): Promise<number | null> {
  for (let attempt = 1; ; attempt++) {
    const status = await reInvite(session);
    if (status === null || (status !== 491 && status !== 500) || attempt >= REINVITE_ATTEMPTS) return status;
    await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(BACKOFF.reInvite, attempt - 1)));
  }
}

/** Answers a ringing INVITE with a redirect to `uri` (302 Moved Temporarily). */
function redirect(invitation: Invitation, uri: URI): Promise<void> {
  return invitation.reject({ statusCode: 302, extraHeaders: [`Contact: <${uri.toString()}>`] });
}
