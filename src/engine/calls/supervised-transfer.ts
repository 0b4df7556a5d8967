import { Inviter, SessionState, type Session, type URI, type UserAgent } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import type { Logger } from '../../shared/log.ts';
import type { Call, CallId } from '../../shared/model/call.ts';
import { CommandError } from '../../shared/protocol/command-contract.ts';

/** What a supervised transfer needs of the calls. */
export interface SupervisedTransferHost {
  userAgent(): UserAgent | null;
  uriFor(target: string): URI;
  mediaConstraints(): MediaStreamConstraints;
  prepareMicrophone(session: Session): Promise<void>;
  releaseMicrophone(session: Session): void;
  setHeld(callId: CallId, isHeld: boolean): Promise<void>;
  updateCall(callId: CallId, patch: Partial<Call>): void;
  /** REFER the call to the party of `to` (Replaces): resolves once the transferee says it is connected. */
  referToSession(callId: CallId, to: Session): Promise<void>;
  /** Ends our leg of the call (the caller now talks to the colleague). */
  endCall(callId: CallId): Promise<void>;
}

/** How long the leg to the colleague is kept after the caller replaced it, in case the colleague's phone does not end it. */
const REPLACED_LEG_GRACE_MS = 2_000;

/**
 * A blind transfer the console supervises, so that a colleague who does not answer sends the caller back to the
 * receptionist instead of to their voicemail (transfer recall, issue #14). The caller waits on hold while the console
 * rings the colleague itself (showing the caller's name); once the colleague answers, the caller is joined to them
 * with an attended transfer (REFER with Replaces, RFC 3891/5589) and the console leaves. If the colleague does not
 * answer within `recallMs`, or the join fails, the colleague stops ringing and the caller comes back: the call rings
 * on hold with "back from <colleague>" until the receptionist takes it again. A refusal (busy, no such number) is
 * said at once and the caller is back on the line, as with a plain blind transfer.
 *
 * ```
 *  held, ringing colleague ──answered──▶ joined (REFER+Replaces) ──▶ done: our legs end
 *          │ no answer in time, join failed            │ refused
 *          ▼                                           ▼
 *  recalled: held, ringing back                  resumed, the refusal said
 * ```
 */
export class SupervisedTransfer {
  readonly #legs = new Set<Inviter>();

  constructor(
    private readonly host: SupervisedTransferHost,
    private readonly log: Logger,
  ) {}

  /** Carries the transfer through; rejects with `error_transfer_recalled` when the caller came back. */
  async transfer(call: Call, number: string, recallMs: number): Promise<void> {
    const userAgent = this.host.userAgent();
    if (userAgent === null) throw new CommandError({ code: 'not-registered', messageKey: 'error_not_registered' });
    const label = number;
    const leg = new Inviter(userAgent, this.host.uriFor(number), {
      sessionDescriptionHandlerOptions: { constraints: this.host.mediaConstraints() },
      // The colleague's phone shows who is being put through (their name, else their number).
      params: { fromDisplayName: call.remoteName || call.remoteNumber },
    });
    await this.host.prepareMicrophone(leg);
    this.#legs.add(leg);
    try {
      await this.host.setHeld(call.id, true);
      this.host.updateCall(call.id, { transferringTo: label, recalledFrom: null });
      const outcome = await this.#ring(leg, recallMs);
      if (outcome.kind === 'refused') {
        this.log.info(`${label} refused the transfer of ${call.id}: ${outcome.reason}`);
        this.host.updateCall(call.id, { transferringTo: null });
        if (call.status === 'Active') await this.host.setHeld(call.id, false);
        throw new CommandError({ code: 'failed', messageKey: 'error_transfer_failed', detail: outcome.reason });
      }
      if (outcome.kind === 'unanswered') {
        this.#recall(call.id, label, 'no answer');
        throw recalled(label, 'no answer');
      }
      // Our side of the colleague's leg stays silent: they only hear the caller, once joined.
      (leg.sessionDescriptionHandler as SessionDescriptionHandler | undefined)?.enableSenderTracks(false);
      try {
        await this.host.referToSession(call.id, leg);
      } catch (error) {
        void leg.bye().catch(() => undefined);
        this.#recall(call.id, label, 'join failed');
        throw recalled(label, error instanceof CommandError ? (error.payload.detail ?? 'join failed') : String(error));
      }
      this.log.info(`transferred ${call.id} to ${label}, answered`);
      this.host.updateCall(call.id, { transferringTo: null });
      await this.host.endCall(call.id);
      setTimeout(() => {
        if (leg.state === SessionState.Established) void leg.bye().catch(() => undefined);
      }, REPLACED_LEG_GRACE_MS);
    } finally {
      this.host.releaseMicrophone(leg);
      this.#legs.delete(leg);
    }
  }

  /** Logout: every colleague still ringing for a transfer stops. */
  cancelAll(): void {
    for (const leg of this.#legs) if (leg.state === SessionState.Establishing) void leg.cancel().catch(() => undefined);
  }

  /** Rings the colleague until they answer, refuse (with the reason), or `recallMs` passes. */
  #ring(leg: Inviter, recallMs: number): Promise<RingOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve({ kind: 'unanswered' });
        void leg.cancel().catch(() => undefined);
      }, recallMs);
      const settle = (outcome: RingOutcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      leg.stateChange.addListener((state) => {
        if (state === SessionState.Established) settle({ kind: 'answered' });
        // Ended without a final answer we saw (a transport failure): as good as refused.
        else if (state === SessionState.Terminated) queueMicrotask(() => settle({ kind: 'refused', reason: 'ended' }));
      });
      leg
        .invite({
          requestDelegate: {
            onReject: (response) =>
              settle({
                kind: 'refused',
                reason: `${response.message.statusCode} ${response.message.reasonPhrase}`.trim(),
              }),
          },
        })
        .catch((error: unknown) => settle({ kind: 'refused', reason: String(error) }));
    });
  }

  #recall(callId: CallId, label: string, why: string): void {
    this.log.info(`${callId} comes back from ${label}: ${why}`);
    this.host.updateCall(callId, { transferringTo: null, recalledFrom: label });
  }
}

type RingOutcome = { kind: 'answered' } | { kind: 'unanswered' } | { kind: 'refused'; reason: string };

function recalled(label: string, why: string): CommandError {
  return new CommandError({ code: 'failed', messageKey: 'error_transfer_recalled', detail: `${label}: ${why}` });
}
