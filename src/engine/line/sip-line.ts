import { SIPExtension, UserAgent, type Invitation, type SessionDescriptionHandlerFactory, type URI } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import { BACKOFF, Backoff } from '../../shared/backoff.ts';
import { settledWithin } from '../../shared/settled-within.ts';
import { retryAfterMs } from '../sip/retry-after.ts';
import { PROBE, probeServer } from './connection-probe.ts';
import type { Logger } from '../../shared/log.ts';
import { effectiveAuthorizationUser, type AccountSettings, type Credential } from '../../shared/model/account.ts';
import {
  RegistrationStatus,
  type RegistrationFailure,
  type RegistrationState,
} from '../../shared/model/registration.ts';
import { CommandError } from '../../shared/protocol/command-contract.ts';
import { dialTargetToUri } from '../sip/dial-target.ts';
import { memoizeSipGrammar } from '../sip/grammar-memo.ts';
import { registerChallengeRealm } from '../sip/register-challenge.ts';
import { ConnectionPace } from './connection-pace.ts';
import { LineRegistration } from './line-registration.ts';
import { canTransition } from './registration-machine.ts';
import { watchForWake } from './wake-detector.ts';

/** Seconds between CRLF keep-alives on the WebSocket: well under the 30 s after which NATs and proxies drop it. */
const KEEP_ALIVE_SECONDS = 15;
const REGISTRATION_EXPIRES_SECONDS = 300;
/** How long a logout waits for the registrar to answer its un-REGISTER. */
const UNREGISTER_ANSWER_MS = 3_000;
/** Responses to REGISTER that say "not now" rather than "no": retried as a lost connection is. */
const TRANSIENT_REFUSALS = [408, 500, 503, 504];

export interface SipLineDelegate {
  /** The registration changed (see `registration`). */
  onRegistrationChanged(): void;
  /** Registered on this user agent (the first time, and again after each reconnection). */
  onRegistered(userAgent: UserAgent): void;
  /** An INVITE outside any dialog: a call for the receptionist. */
  onInvite(invitation: Invitation): void;
  /** The connection to the server was lost (a reconnection follows while the receptionist is logged in). */
  onConnectionLost(): void;
  /** The user agent is going away (logout, a new login, a final failure): what used it must let go. */
  onUserAgentStopping(): void;
}

/**
 * The line: one sip.js user agent over SIP-over-WebSocket, its registration and its reconnection. The receptionist's
 * intent (`shouldBeRegistered`) is kept apart from what is observed (`registration`): a lost WebSocket while the
 * intent holds means reconnecting with backoff; a logout drops the intent first so nothing reconnects behind it.
 *
 * Each user agent has its own `AbortSignal`, aborted when it is stopped or replaced: every callback of a user agent
 * checks its own signal, so late events of an old one change nothing (one mechanism, not generation counters).
 */
export class SipLine {
  #registration: RegistrationState = { status: RegistrationStatus.LoggedOut };
  #shouldBeRegistered = false;
  #account: AccountSettings | null = null;
  #userAgent: UserAgent | null = null;
  #lifetime = new AbortController();
  /** The binding at the registrar, for the current user agent (one Call-ID for its whole life). */
  #lineRegistration: LineRegistration | null = null;
  readonly #reconnectBackoff = new Backoff(BACKOFF.lineReconnect);
  /** When the user agent tried to connect lately: never more than twice in a second. */
  readonly #connectionPace = new ConnectionPace();
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** The digest realm of the last challenge to our REGISTER (see `#readIncoming`). */
  #realm: string | null = null;
  /** The next check that the server still answers on this connection (see `connection-probe.ts`). */
  #probeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether a call is up: the connection is then checked every few seconds. */
  #isInCall = false;
  /** Settles the login in progress with the first outcome: registered, or failed with a reason. */
  #loginOutcome: { resolve: () => void; reject: (error: CommandError) => void } | null = null;

  constructor(
    private readonly delegate: SipLineDelegate,
    private readonly sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory,
    private readonly log: Logger,
  ) {
    globalThis.addEventListener?.('online', () => this.#retryNowIfWaiting('network online'));
    watchForWake((sleptMs) => this.#checkAfterWake(sleptMs));
  }

  get registration(): RegistrationState {
    return this.#registration;
  }

  /** The user agent while logged in (registered or not), else null. */
  get userAgent(): UserAgent | null {
    return this.#userAgent;
  }

  get isRegistered(): boolean {
    return this.#registration.status === RegistrationStatus.Registered;
  }

  /** The engine says whether a call is up: a dead connection must then be found in seconds, not in minutes. */
  setInCall(isInCall: boolean): void {
    if (isInCall === this.#isInCall) return;
    this.#isInCall = isInCall;
    if (this.isRegistered) this.#scheduleProbe(this.#lifetime.signal);
  }

  /** What the receptionist typed or clicked, as a SIP URI in the account's domain; a CommandError if it is none. */
  uriFor(target: string): URI {
    const domain = this.#account?.sipAddress.split('@')[1] ?? '';
    const uriText = dialTargetToUri(target, domain);
    const uri = uriText === null ? undefined : UserAgent.makeURI(uriText);
    if (uri === undefined) throw CommandError.invalidInput([{ field: 'target', messageKey: 'error_invalid_value' }]);
    return uri;
  }

  /**
   * Logs in and resolves once the server has accepted the registration; rejects with the reason it did not
   * (wrong credentials, server unreachable, refused). The caller keeps a credential only after this resolves.
   */
  async login(account: AccountSettings, credential: Credential): Promise<{ realm: string | null }> {
    await this.#stopUserAgent();
    this.#loginOutcome?.reject(new CommandError({ code: 'failed', messageKey: 'error_login_superseded' }));
    this.#account = account;
    this.#shouldBeRegistered = true;
    this.#reconnectBackoff.reset();
    this.#realm = null;
    const registered = new Promise<void>((resolve, reject) => (this.#loginOutcome = { resolve, reject }));
    const outcome = registered.then(() => ({ realm: this.#realm }));
    this.#transition({ status: RegistrationStatus.Registering });

    const userAgent = this.#createUserAgent(account, credential);
    const { signal } = this.#lifetime;
    this.#userAgent = userAgent;
    this.#readIncoming(userAgent);
    this.#connectionPace.attempted(Date.now());
    try {
      await userAgent.start();
    } catch (error) {
      if (signal.aborted) return outcome;
      this.log.warn('could not reach the SIP server', error);
      // A first login that cannot connect is an error to fix (wrong URL, server down), not a state to wait in.
      this.#shouldBeRegistered = false;
      this.#fail('server-unreachable', error instanceof Error ? error.message : String(error));
      await this.#stopUserAgent();
      return outcome;
    }
    if (!signal.aborted) this.#register(signal);
    return outcome;
  }

  /** Drops the intent first, so nothing reconnects while the calls are being ended (see `logout`). */
  stopWanting(): void {
    this.#shouldBeRegistered = false;
    clearTimeout(this.#reconnectTimer);
    this.#loginOutcome?.reject(new CommandError({ code: 'failed', messageKey: 'error_login_superseded' }));
    this.#loginOutcome = null;
  }

  /**
   * Removes the binding (when the server can still hear us) and stops the user agent. An un-REGISTER not answered in
   * `UNREGISTER_ANSWER_MS` is not waited for (Timer F is 32 s): the connection went quiet, and the binding expires.
   */
  async logout(): Promise<void> {
    this.stopWanting();
    const registration = this.#lineRegistration;
    if (this.#userAgent?.isConnected() === true && registration !== null) {
      if (!(await settledWithin(registration.unregister(), UNREGISTER_ANSWER_MS)))
        this.log.warn(`the un-REGISTER was not answered in ${UNREGISTER_ANSWER_MS} ms; logging out without it`);
    }
    await this.#stopUserAgent();
    this.#transition({ status: RegistrationStatus.LoggedOut });
  }

  #createUserAgent(account: AccountSettings, credential: Credential): UserAgent {
    memoizeSipGrammar();
    const uri = UserAgent.makeURI(`sip:${account.sipAddress}`);
    if (uri === undefined)
      throw CommandError.invalidInput([{ field: 'account.sipAddress', messageKey: 'error_sip_address' }]);
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    return new UserAgent({
      uri,
      displayName: account.displayName || undefined,
      authorizationUsername: effectiveAuthorizationUser(account),
      ...(credential.kind === 'password'
        ? { authorizationPassword: credential.password }
        : { authorizationHa1: credential.ha1 }),
      transportOptions: { server: account.serverUrl, keepAliveInterval: KEEP_ALIVE_SECONDS, connectionTimeout: 5 },
      preloadedRouteSet: account.outboundProxy ? [`<${account.outboundProxy};lr>`] : [],
      // We reconnect ourselves: sip.js's own reconnection would race ours and keep a stale registerer.
      reconnectionAttempts: 0,
      userAgentString: 'Switchboard',
      // A colleague picking up a call the receptionist placed sends an INVITE with Replaces (RFC 3891, 5359 §2.16).
      sipExtensionReplaces: SIPExtension.Supported,
      logBuiltinEnabled: false,
      logLevel: 'warn',
      // sip.js says at "warn" why it drops what a server or peer sent (a message that does not parse, a response no
      // transaction awaits): the reason a hostile or broken peer's message went nowhere.
      logConnector: (level, category, _label, content) => {
        if (level === 'error' || level === 'warn') this.log.warn(`sip.js ${category}: ${content.slice(0, 300)}`);
      },
      sessionDescriptionHandlerFactoryOptions: {
        // No STUN/TURN by default (an office PBX is reached directly). The SDP goes out once the UDP candidates
        // are in (`PromptSessionDescriptionHandler`); this timeout only bounds a gathering that never gets there.
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 500,
      },
      sessionDescriptionHandlerFactory: this.sessionDescriptionHandlerFactory,
      delegate: {
        // Any drop of our own connection is a lost line, said at once (issue #10.3): sip.js leaves out the error
        // when it believes the close was asked for, and a line shown "Registered" while gone loses calls.
        onDisconnect: (error) => {
          if (!signal.aborted) this.#onTransportLost(signal, error ?? new Error('the connection closed'));
        },
        onInvite: (invitation) => {
          if (!signal.aborted) this.delegate.onInvite(invitation);
        },
      },
    });
  }

  /**
   * Reads every message on its way to sip.js, for two things sip.js does not do. It answers the server's challenges
   * to REGISTER itself and does not say the realm, which "remember me" needs to keep an HA1 for: noted here. And a
   * message it parses but cannot handle (a Request-URI of another scheme, `xmpp:…`) makes it throw out of the
   * socket's event, an uncaught error in the engine: such a message is dropped here with its reason.
   */
  #readIncoming(userAgent: UserAgent): void {
    const transport = userAgent.transport;
    const deliver = transport.onMessage;
    transport.onMessage = (message: string) => {
      this.#realm = registerChallengeRealm(message) ?? this.#realm;
      try {
        deliver?.(message);
      } catch (error) {
        this.log.warn(`dropped a message sip.js could not handle: ${String(error)}`, message.slice(0, 200));
      }
    };
  }

  /** Registers, or refreshes the binding, over the current connection (see `line-registration.ts`). */
  #register(signal: AbortSignal): void {
    const userAgent = this.#userAgent;
    if (userAgent === null || signal.aborted) return;
    this.#lineRegistration ??= new LineRegistration(
      userAgent,
      {
        onRegistered: () => {
          if (signal.aborted) return;
          this.#reconnectBackoff.reset();
          if (!this.isRegistered) this.#transition({ status: RegistrationStatus.Registered, since: Date.now() });
          this.#scheduleProbe(signal);
          this.delegate.onRegistered(userAgent);
          this.#loginOutcome?.resolve();
          this.#loginOutcome = null;
        },
        onRefused: (response) => {
          if (!signal.aborted) this.#onRegisterRefused(signal, response);
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
  #onRegisterRefused(signal: AbortSignal, response: IncomingResponse): void {
    const code = response.message.statusCode ?? 0;
    const reason = `${code} ${response.message.reasonPhrase ?? ''}`.trim();
    if (TRANSIENT_REFUSALS.includes(code) && this.#shouldBeRegistered && this.#loginOutcome === null) {
      // A server that says when to come back (503 with Retry-After, RFC 3261 §21.5.4) is not asked before then.
      const waitMs = retryAfterMs(response.message.getHeader('retry-after')) ?? 0;
      this.log.warn(`REGISTER answered ${reason}; trying again${waitMs > 0 ? ` in ${waitMs / 1000} s, as asked` : ''}`);
      this.#scheduleReconnect(signal, waitMs);
      return;
    }
    const failure: RegistrationFailure =
      code === 401 || code === 403 || code === 407
        ? 'wrong-credentials'
        : code === 408 || code === 503
          ? 'server-unreachable'
          : 'rejected';
    this.#fail(failure, reason);
    this.#shouldBeRegistered = false;
    void this.#stopUserAgent();
  }

  #onTransportLost(signal: AbortSignal, error: Error): void {
    clearTimeout(this.#probeTimer);
    this.log.warn('lost the connection to the SIP server', error.message);
    // Whatever was in flight went with the connection; the next REGISTER (same Call-ID) settles the binding.
    this.#lineRegistration?.abandon();
    this.delegate.onConnectionLost();
    if (this.#shouldBeRegistered) this.#scheduleReconnect(signal);
  }

  /** Tries again after the backoff's next delay, or `atLeastMs` when the server asked for longer. */
  #scheduleProbe(signal: AbortSignal): void {
    clearTimeout(this.#probeTimer);
    const { everyMs } = this.#isInCall ? PROBE.inCall : PROBE.idle;
    this.#probeTimer = setTimeout(() => void this.#probe(signal), everyMs);
  }

  /**
   * Asks the server whether it still hears us; no answer in time and the connection is taken as lost, as a close
   * would be: `Reconnecting` at once, the socket closed (its close may take a minute on a dead network: not waited
   * for), a new connection and REGISTER, and the calls' dialogs refreshed over it (the engine's part).
   */
  async #probe(signal: AbortSignal): Promise<void> {
    const userAgent = this.#userAgent;
    const domain = this.#account?.sipAddress.split('@')[1];
    if (signal.aborted || userAgent === null || domain === undefined || !this.isRegistered) return;
    const { timeoutMs } = this.#isInCall ? PROBE.inCall : PROBE.idle;
    const isAlive = await probeServer(userAgent, domain, timeoutMs);
    if (signal.aborted || this.#userAgent !== userAgent || !this.isRegistered) return;
    if (isAlive) {
      this.#scheduleProbe(signal);
      return;
    }
    this.#onTransportLost(signal, new Error(`the server did not answer within ${timeoutMs} ms`));
    void userAgent.transport.disconnect().catch(() => undefined);
  }

  #scheduleReconnect(signal: AbortSignal, atLeastMs = 0): void {
    clearTimeout(this.#reconnectTimer);
    // The pace holds whatever the backoff says: a server that accepts and drops at once (restarting, overloaded)
    // would otherwise see the "at once" retry right after the last attempt.
    const delay = Math.max(this.#reconnectBackoff.next(), this.#connectionPace.waitBeforeNext(Date.now()), atLeastMs);
    this.#transition({ status: RegistrationStatus.Reconnecting, retryAt: Date.now() + delay });
    this.#reconnectTimer = setTimeout(() => void this.#reconnect(signal), delay);
  }

  async #reconnect(signal: AbortSignal): Promise<void> {
    const userAgent = this.#userAgent;
    if (signal.aborted || userAgent === null || !this.#shouldBeRegistered) return;
    this.#connectionPace.attempted(Date.now());
    try {
      await userAgent.reconnect();
    } catch (error) {
      if (signal.aborted) return;
      this.log.info('reconnect attempt failed', error instanceof Error ? error.message : String(error));
      this.#scheduleReconnect(signal);
      return;
    }
    this.#register(signal);
  }

  #retryNowIfWaiting(why: string): void {
    if (this.#registration.status !== RegistrationStatus.Reconnecting) return;
    this.log.info(`retrying the connection now: ${why}`);
    clearTimeout(this.#reconnectTimer);
    const signal = this.#lifetime.signal;
    const wait = this.#connectionPace.waitBeforeNext(Date.now());
    this.#reconnectTimer = setTimeout(() => void this.#reconnect(signal), wait);
  }

  /** After a sleep: retry at once if waiting to reconnect; if registered, register again to prove the line works. */
  #checkAfterWake(sleptMs: number): void {
    if (!this.#shouldBeRegistered) return;
    this.log.info(`woke after ${Math.round(sleptMs / 1000)} s; checking the line`);
    if (this.#registration.status === RegistrationStatus.Reconnecting) {
      this.#retryNowIfWaiting('wake');
    } else if (this.isRegistered) {
      // A refresh of the binding: a dead connection makes it fail (503 from the transport), which reconnects.
      this.#lineRegistration?.register();
    }
  }

  async #stopUserAgent(): Promise<void> {
    this.#lifetime.abort();
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#probeTimer);
    this.delegate.onUserAgentStopping();
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

  #fail(reason: RegistrationFailure, detail: string): void {
    this.#transition({ status: RegistrationStatus.Failed, reason, detail });
    this.#loginOutcome?.reject(
      new CommandError({ code: 'failed', messageKey: `failure_${reason.replaceAll('-', '_')}`, detail }),
    );
    this.#loginOutcome = null;
  }

  /** The one way the registration changes: along an edge of `registration-machine.ts`, or not at all (logged). */
  #transition(next: RegistrationState): void {
    if (!canTransition(this.#registration, next)) {
      this.log.warn(`registration: refused ${this.#registration.status} → ${next.status}`);
      return;
    }
    this.log.info(`registration ${this.#registration.status} → ${next.status}`);
    this.#registration = next;
    this.delegate.onRegistrationChanged();
  }
}
