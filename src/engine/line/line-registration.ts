import { C, type IncomingResponse, type OutgoingRegisterRequest, type OutgoingRequestMessage } from 'sip.js/lib/core';
import { NameAddrHeader, type UserAgent } from 'sip.js';
import type { Logger } from '../../shared/log.ts';

/**
 * The binding of our contact at the registrar (RFC 3261 §10), kept by hand on sip.js's core rather than by its
 * `Registerer`: a `Registerer` that has lost its connection can only be replaced by disposing of it, which sends an
 * un-REGISTER of the old binding — racing, on another Call-ID, the REGISTER that makes the new one (issue #10.2).
 *
 * ```
 *            register()                 2xx                      refresh timer / register()
 *  Idle ──────────────────▶ Registering ─────▶ Registered ──────────────────────────▶ Registering
 *   ▲                        │   │  ▲  ▲                         │
 *   │        abandon()       │   │  │  └── 423: again with Min-Expires               │ unregister()
 *   ├────────────────────────┘   │  │                                                ▼
 *   │   4xx–6xx, timeout         │  └──────────────── (any) ─────────────── Unregistering ──▶ Idle
 *   └────────────────────────────┘
 * ```
 * The rules it keeps:
 * - One Call-ID for the line's whole life, the CSeq growing by one per request (RFC 3261 §10.2): a REGISTER after a
 *   reconnection refreshes the same binding instead of adding another.
 * - At most one REGISTER transaction in flight (§10.2: "UAs MUST NOT send a new registration until they have
 *   received a final response … or the previous REGISTER request has timed out"). A request asked for while one is
 *   in flight is sent once that one ends.
 * - A transaction whose connection died is over: `abandon()` forgets it (its response could only arrive on the
 *   closed WebSocket), so the next REGISTER goes out as soon as the line is back rather than 32 s later (Timer F).
 * - Never an un-REGISTER except at logout.
 */
export const RegistrationPhase = {
  Idle: 'Idle',
  Registering: 'Registering',
  Registered: 'Registered',
  Unregistering: 'Unregistering',
} as const;
export type RegistrationPhase = (typeof RegistrationPhase)[keyof typeof RegistrationPhase];

const ALLOWED: Record<RegistrationPhase, readonly RegistrationPhase[]> = {
  Idle: ['Registering', 'Unregistering'],
  Registering: ['Registered', 'Idle', 'Registering'],
  Registered: ['Registering', 'Unregistering', 'Idle'],
  Unregistering: ['Idle'],
};

export interface LineRegistrationDelegate {
  /** The registrar accepted the binding, for this many seconds. */
  onRegistered(expiresSeconds: number): void;
  /** The registrar refused it (a final response other than 2xx and 423), or the request timed out (408). */
  onRefused(response: IncomingResponse): void;
}

export interface LineRegistrationOptions {
  /** Seconds asked for; the registrar may grant less (the contact's `expires` in its 200) or ask for more (423). */
  readonly expiresSeconds: number;
  /** Refresh after this share of the granted time (sip.js's default is 99 %; we leave more margin). */
  readonly refreshRatio?: number;
}

const ALLOW_HEADER = 'Allow: ACK,CANCEL,INVITE,MESSAGE,BYE,OPTIONS,INFO,NOTIFY,REFER';

export class LineRegistration {
  #phase: RegistrationPhase = RegistrationPhase.Idle;
  #expiresSeconds: number;
  readonly #refreshRatio: number;
  /** Built once: its Call-ID stays, its CSeq grows (sip.js's digest retry increments it too). */
  readonly #request: OutgoingRequestMessage;
  #inFlight: OutgoingRegisterRequest | null = null;
  /** A registration asked for while another request was in flight: sent when that one ends. */
  #isRegisterQueued = false;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly userAgent: UserAgent,
    private readonly delegate: LineRegistrationDelegate,
    private readonly log: Logger,
    options: LineRegistrationOptions,
  ) {
    this.#expiresSeconds = options.expiresSeconds;
    this.#refreshRatio = options.refreshRatio ?? 0.9;
    const aor = userAgent.configuration.uri;
    const registrar = aor.clone();
    registrar.user = undefined;
    this.#request = userAgent.userAgentCore.makeOutgoingRequestMessage(C.REGISTER, registrar, aor, aor, {});
  }

  get phase(): RegistrationPhase {
    return this.#phase;
  }

  get callId(): string {
    return this.#request.callId;
  }

  /** Registers (or refreshes); while a request is in flight, once it ends. */
  register(): void {
    if (this.#phase === RegistrationPhase.Unregistering) return;
    if (this.#inFlight !== null) {
      this.#isRegisterQueued = true;
      return;
    }
    this.#send(this.#expiresSeconds);
  }

  /**
   * The connection carrying the request in flight is gone: forget that request and the refresh timer. The binding
   * may or may not have survived at the registrar; the next `register()` (same Call-ID) settles it either way.
   */
  abandon(): void {
    clearTimeout(this.#refreshTimer);
    this.#isRegisterQueued = false;
    this.#inFlight?.dispose();
    this.#inFlight = null;
    if (this.#phase !== RegistrationPhase.Idle) this.#transition(RegistrationPhase.Idle);
  }

  /** Removes the binding (logout). Resolves when the registrar answered, or at once if there is nothing to remove. */
  unregister(): Promise<void> {
    const wasBound = this.#phase === RegistrationPhase.Registered || this.#phase === RegistrationPhase.Registering;
    this.abandon();
    if (!wasBound) return Promise.resolve();
    return new Promise((resolve) => {
      this.#send(0, resolve);
    });
  }

  #send(expiresSeconds: number, onDone?: () => void): void {
    clearTimeout(this.#refreshTimer);
    this.#transition(expiresSeconds === 0 ? RegistrationPhase.Unregistering : RegistrationPhase.Registering);
    const request = this.#request;
    request.cseq++;
    request.setHeader('cseq', `${request.cseq} ${C.REGISTER}`);
    const contact = `${this.userAgent.contact.toString({ register: true })};expires=${expiresSeconds}`;
    request.extraHeaders = [`Contact: ${contact}`, ALLOW_HEADER];
    const finish = (): void => {
      this.#inFlight = null;
      onDone?.();
      if (this.#isRegisterQueued && this.#phase !== RegistrationPhase.Unregistering) {
        this.#isRegisterQueued = false;
        this.register();
      }
    };
    const isCurrent = (sent: OutgoingRegisterRequest | null) => sent !== null && sent === this.#inFlight;
    let sent: OutgoingRegisterRequest | null = null;
    sent = this.userAgent.userAgentCore.register(request, {
      onAccept: (response) => {
        if (!isCurrent(sent)) return;
        if (expiresSeconds === 0) {
          this.#transition(RegistrationPhase.Idle);
        } else {
          const granted = this.#grantedSeconds(response);
          this.#transition(RegistrationPhase.Registered);
          this.#refreshTimer = setTimeout(() => this.register(), granted * this.#refreshRatio * 1000);
          this.delegate.onRegistered(granted);
        }
        finish();
      },
      onReject: (response) => {
        if (!isCurrent(sent)) return;
        const code = response.message.statusCode ?? 0;
        const minExpires = Number(response.message.getHeader('min-expires'));
        if (code === 423 && expiresSeconds > 0 && minExpires > this.#expiresSeconds) {
          // Interval Too Brief (RFC 3261 §10.2.8): ask again for what the registrar requires.
          this.#expiresSeconds = minExpires;
          this.#inFlight = null;
          this.#send(minExpires, onDone);
          return;
        }
        this.#transition(RegistrationPhase.Idle);
        if (expiresSeconds > 0) this.delegate.onRefused(response);
        finish();
      },
    });
    this.#inFlight = sent;
  }

  /** The time the registrar granted our contact: its `expires` parameter in the 200, else the Expires header. */
  #grantedSeconds(response: IncomingResponse): number {
    const message = response.message;
    const ours = this.userAgent.contact.uri.user;
    const count = message.getHeaders('contact').length;
    for (let index = 0; index < count; index++) {
      const contact: unknown = message.parseHeader('contact', index);
      if (!(contact instanceof NameAddrHeader) || contact.uri.user !== ours) continue;
      const expires = Number(contact.getParam('expires'));
      if (Number.isFinite(expires) && expires > 0) return expires;
    }
    const header = Number(message.getHeader('expires'));
    if (Number.isFinite(header) && header > 0) return header;
    this.log.warn('the registrar did not say how long it keeps our contact; assuming what we asked for');
    return this.#expiresSeconds;
  }

  #transition(next: RegistrationPhase): void {
    if (!ALLOWED[this.#phase].includes(next)) {
      this.log.warn(`registration: refused transition ${this.#phase} → ${next}`);
      return;
    }
    this.log.debug(`registration ${this.#phase} → ${next}`);
    this.#phase = next;
  }
}
