import {
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  SIPExtension,
  UserAgent,
  type Invitation,
  type Session,
  type SessionDescriptionHandlerFactory,
} from 'sip.js';
import type { Logger } from '../log.ts';
import { WebSocket } from 'ws';
import { weriftHandlerFactory } from './werift-media.ts';

// sip.js opens its transport with the global WebSocket, which Node 20 does not have.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export interface PartyCall {
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly peer: string;
  readonly state: string;
  /** Audio bytes sent and received on this call (zero with signaling-only media), and DTMF digits heard. */
  readonly audio: { readonly sent: number; readonly received: number; readonly dtmf: string };
}

export interface PartyOptions {
  readonly user: string;
  readonly displayName: string;
  readonly password: string;
  readonly domain: string;
  readonly serverUrl: string;
  readonly log: Logger;
  /** Real audio (werift) by default; signaling only where no media is wanted. */
  readonly media?: SessionDescriptionHandlerFactory;
  /** False for a phone that only places calls: one whose user's registration another device holds. */
  readonly registers?: boolean;
}

/**
 * One simulated person of the lab office: a sip.js user agent registered to the lab like any phone. What it does
 * on its own (answer after some rings, be busy, hang up) is decided by its owner through `onIncoming`.
 */
export class Party {
  readonly #sessions = new Map<
    string,
    {
      session: Session;
      direction: 'incoming' | 'outgoing';
      peer: string;
      /** Settles once the call is confirmed (an answered call's ACK, an outgoing call's answer) or ends. */
      confirmed: Promise<void>;
    }
  >();
  #userAgent: UserAgent | null = null;
  #nextId = 1;
  onIncoming: (invitation: Invitation, id: string) => void = () => undefined;
  /** A call of this party ended, whoever ended it. */
  onCallEnded: (id: string) => void = () => undefined;

  constructor(readonly options: PartyOptions) {}

  get user(): string {
    return this.options.user;
  }

  async start(): Promise<void> {
    const { user, displayName, password, domain, serverUrl } = this.options;
    const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
    if (uri === undefined) throw new Error(`bad user ${user}`);
    const userAgent = new UserAgent({
      uri,
      displayName,
      authorizationUsername: user,
      authorizationPassword: password,
      transportOptions: { server: serverUrl },
      logBuiltinEnabled: false,
      sessionDescriptionHandlerFactory: this.options.media ?? weriftHandlerFactory,
      // Someone picking up a call this party placed sends it an INVITE with Replaces (RFC 3891).
      sipExtensionReplaces: SIPExtension.Supported,
      delegate: {
        onInvite: (invitation) => {
          const id = this.#track(invitation, 'incoming', invitation.remoteIdentity.uri.user ?? '');
          if (invitation.replacee !== undefined) void this.#takeReplacement(invitation, invitation.replacee);
          else this.onIncoming(invitation, id);
        },
      },
    });
    this.#userAgent = userAgent;
    await userAgent.start();
    if (this.options.registers === false) return;
    const registerer = new Registerer(userAgent);
    await new Promise<void>((resolve, reject) => {
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) resolve();
      });
      registerer
        .register({
          requestDelegate: {
            onReject: (response) => reject(new Error(`${user}: REGISTER ${response.message.statusCode}`)),
          },
        })
        .catch(reject);
    });
  }

  /** Calls `target` (a user of the office or the reception), optionally as someone from outside. */
  call(target: string, caller?: { name: string; number: string }): string {
    const userAgent = this.#userAgent;
    const uri = UserAgent.makeURI(`sip:${target}@${this.options.domain}`);
    if (userAgent === null || uri === undefined) throw new Error(`${this.user} cannot call ${target}`);
    const inviter = new Inviter(userAgent, uri, {
      params:
        caller === undefined
          ? {}
          : { fromDisplayName: caller.name, fromUri: `sip:${caller.number}@${this.options.domain}` },
    });
    const id = this.#track(inviter, 'outgoing', target);
    inviter
      .invite()
      .catch((error: unknown) => this.options.log.warn(`${this.user}: call to ${target} failed: ${String(error)}`));
    return id;
  }

  async answer(id: string): Promise<void> {
    const entry = this.#sessions.get(id);
    if (entry?.session.state === SessionState.Initial || entry?.session.state === SessionState.Establishing) {
      await (entry.session as Invitation).accept();
    }
  }

  async reject(id: string, statusCode = 486): Promise<void> {
    const entry = this.#sessions.get(id);
    if (entry !== undefined && entry.direction === 'incoming')
      await (entry.session as Invitation).reject({ statusCode });
  }

  async hangUp(id: string): Promise<void> {
    const entry = this.#sessions.get(id);
    if (entry === undefined) return;
    const { session } = entry;
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Inviter) await session.cancel();
    else if (session.state === SessionState.Initial || session.state === SessionState.Establishing)
      await (session as Invitation).reject();
  }

  async hold(id: string, isHeld: boolean): Promise<void> {
    const entry = this.#sessions.get(id);
    if (entry?.session.state !== SessionState.Established) return;
    entry.session.sessionDescriptionHandlerOptionsReInvite = { hold: isHeld } as object;
    await entry.session.invite();
  }

  /** Transfers a call (REFER); one just answered is transferred once the caller confirmed the answer (ACK). */
  async transfer(id: string, target: string): Promise<void> {
    const entry = this.#sessions.get(id);
    const uri = UserAgent.makeURI(`sip:${target}@${this.options.domain}`);
    if (entry === undefined || uri === undefined) return;
    await entry.confirmed;
    const { session } = entry;
    if (session.state !== SessionState.Established) return;
    await session.refer(uri, {
      requestDelegate: {
        onReject: (response) =>
          this.options.log.warn(`${this.user}: transfer to ${target} refused: ${response.message.statusCode}`),
      },
    });
  }

  /**
   * An INVITE with Replaces matched one of this party's calls (sip.js checked the dialog and `early-only`): the call
   * goes on with whoever sent it, and the replaced one ends. sip.js would end it itself after the answer with a BYE
   * it never awaits, which fails unhandled for a call still ringing (no dialog to BYE) and leaves that INVITE
   * uncancelled; so the party takes it from sip.js and ends it as fits: cancelled while ringing, else hung up.
   */
  async #takeReplacement(invitation: Invitation, replaced: Session): Promise<void> {
    this.options.log.info(`${this.user}: ${invitation.remoteIdentity.uri.user ?? ''} takes over a call`);
    (invitation as unknown as { _replacee: Session | undefined })._replacee = undefined;
    try {
      await invitation.accept();
      // The phone it rang at learns another answered it (RFC 3326), so it does not count it missed.
      if (replaced instanceof Inviter && replaced.state === SessionState.Establishing)
        await replaced.cancel({ extraHeaders: ['Reason: SIP;cause=200;text="Call completed elsewhere"'] });
      else if (replaced.state === SessionState.Established) await replaced.bye();
    } catch (error) {
      this.options.log.warn(`${this.user}: could not hand the call over: ${String(error)}`);
    }
  }

  /**
   * Joins the party of call `heldId` with that of call `otherId` and leaves (an attended transfer: REFER with
   * Replaces, RFC 5589 §7): the lab's park slot hands a parked caller to whoever came to retrieve them.
   */
  async joinCalls(heldId: string, otherId: string): Promise<void> {
    const held = this.#sessions.get(heldId)?.session;
    const other = this.#sessions.get(otherId)?.session;
    if (held?.state !== SessionState.Established || other?.state !== SessionState.Established) return;
    await held.refer(other);
  }

  /**
   * Acts on this party's call with this SIP Call-ID as its user would on the phone: hang up, hold, or talk (answer a
   * call ringing in, take back a held one). False when the party has no such call.
   */
  async actOnCall(sipCallId: string, action: 'release' | 'hold' | 'talk'): Promise<boolean> {
    const found = [...this.#sessions.entries()].find(
      ([, entry]) => (entry.session as Inviter | Invitation).request.callId === sipCallId,
    );
    if (found === undefined) return false;
    const [id, { session, direction }] = found;
    if (action === 'release') await this.hangUp(id);
    else if (action === 'hold') await this.hold(id, true);
    else if (direction === 'incoming' && session.state !== SessionState.Established) await this.answer(id);
    else await this.hold(id, false);
    return true;
  }

  calls(): PartyCall[] {
    return [...this.#sessions.entries()].map(([id, entry]) => {
      const media = entry.session.sessionDescriptionHandler as
        Partial<{ bytesSent: number; bytesReceived: number; dtmfReceived: string }> | undefined;
      return {
        id,
        direction: entry.direction,
        peer: entry.peer,
        state: entry.session.state,
        audio: { sent: media?.bytesSent ?? 0, received: media?.bytesReceived ?? 0, dtmf: media?.dtmfReceived ?? '' },
      };
    });
  }

  async stop(): Promise<void> {
    await this.#userAgent?.stop();
  }

  #track(session: Session, direction: 'incoming' | 'outgoing', peer: string): string {
    const id = `${this.user}-${this.#nextId++}`;
    let confirm = () => undefined as void;
    const confirmed = new Promise<void>((resolve) => (confirm = resolve));
    this.#sessions.set(id, { session, direction, peer, confirmed });
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established && direction === 'outgoing') confirm();
      if (state !== SessionState.Terminated) return;
      confirm();
      this.#sessions.delete(id);
      this.onCallEnded(id);
    });
    // Transferred (REFER): call the new party, as a phone does, and leave the transferor once connected. sip.js
    // reports the new call's progress back to the transferor in NOTIFYs.
    session.delegate = {
      ...session.delegate,
      onAck: () => confirm(),
      onRefer: (referral) => {
        void referral
          .accept()
          .then(() => {
            // The new call goes out as the same person (an outside caller keeps their name and number).
            const me = session.localIdentity;
            const inviter = referral.makeInviter({
              params: { fromUri: me.uri.toString(), fromDisplayName: me.displayName },
            });
            this.#track(inviter, 'outgoing', referral.referTo.uri.user ?? '');
            inviter.stateChange.addListener((state) => {
              if (state === SessionState.Established && session.state === SessionState.Established)
                void session.bye().catch(() => undefined);
            });
            return inviter.invite();
          })
          .catch((error: unknown) => this.options.log.warn(`${this.user}: transfer failed: ${String(error)}`));
      },
    };
    return id;
  }
}
