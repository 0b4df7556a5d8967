import { Subscriber, SubscriptionState, type Notification, type URI, type UserAgent } from 'sip.js';
import { BACKOFF, Backoff, type BackoffPolicy } from '../../shared/backoff.ts';
import type { Logger } from '../../shared/log.ts';
import { onSubscribeRefused } from '../sip/subscribe-refusal.ts';

/** What one kind of subscription is: the event package, its body and how to read it. */
export interface SubscriptionSpec<T> {
  /** The event package (`message-summary`, `dialog`…). */
  readonly event: string;
  /** The body type asked for (the `Accept` header). */
  readonly accept: string;
  readonly expiresSeconds: number;
  /**
   * Reads a NOTIFY body; null (or an Error thrown, whose message is logged) when it cannot: the NOTIFY is then
   * logged and changes nothing.
   */
  parse(body: string): T | null;
}

export interface SubscriptionKeeperDelegate<T> {
  /** A NOTIFY's body, read. */
  onNotify(value: T): void;
  /**
   * Nothing is known any more: `problem` says why when the server refused or ended the subscription (`403
   * Forbidden`, `timeout`, `ended`) — it is asked again with backoff; null when it was stopped on purpose.
   */
  onUnknown(problem: string | null): void;
}

/**
 * Keeps one subscription (RFC 6665) alive for as long as it is wanted: SUBSCRIBE, refreshed before expiry (by
 * sip.js), asked again with backoff when the server ends or refuses it, each NOTIFY body parsed and handed on.
 * Message waiting uses one; each busy lamp (hundreds at once) uses one.
 *
 * ```
 *  stopped ──start()──▶ subscribed ──server ends / refuses──▶ waiting ──backoff──▶ subscribed
 *     ▲                     │                                    │
 *     └──────stop()─────────┴────────────────stop()──────────────┘
 * ```
 */
export class SubscriptionKeeper<T> {
  #subscriber: Subscriber | null = null;
  #userAgent: UserAgent | null = null;
  #target: URI | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Why the last attempt failed, until a NOTIFY comes (a refusal also ends the subscriber: said once). */
  #problem: string | null = null;
  readonly #retry: Backoff;

  constructor(
    private readonly spec: SubscriptionSpec<T>,
    private readonly delegate: SubscriptionKeeperDelegate<T>,
    private readonly log: Logger,
    policy: BackoffPolicy = BACKOFF.resubscribe,
  ) {
    this.#retry = new Backoff(policy);
  }

  /** Subscribes to `target` through this user agent; a call for the same pair while subscribed changes nothing. */
  start(userAgent: UserAgent, target: URI): void {
    if (this.#userAgent === userAgent && this.#target?.toString() === target.toString() && this.#subscriber !== null)
      return;
    this.stop();
    this.#userAgent = userAgent;
    this.#target = target;
    this.#subscribe(userAgent, target);
  }

  /** Ends the subscription (an unSUBSCRIBE when one is up) and forgets what it said. */
  stop(): void {
    clearTimeout(this.#retryTimer);
    const subscriber = this.#subscriber;
    const wasStarted = this.#userAgent !== null;
    this.#subscriber = null;
    this.#userAgent = null;
    this.#target = null;
    this.#problem = null;
    this.#retry.reset();
    // The unSUBSCRIBE goes out now (sip.js's dispose would first wait for the server's last NOTIFY).
    if (subscriber !== null)
      void subscriber
        .unsubscribe()
        .then(() => subscriber.dispose())
        .catch(() => undefined);
    if (wasStarted) this.delegate.onUnknown(null);
  }

  #subscribe(userAgent: UserAgent, target: URI): void {
    const subscriber = new Subscriber(userAgent, target, this.spec.event, {
      expires: this.spec.expiresSeconds,
      extraHeaders: [`Accept: ${this.spec.accept}`],
    });
    this.#subscriber = subscriber;
    const isCurrent = () => subscriber === this.#subscriber;
    subscriber.delegate = {
      onNotify: (notification: Notification) => {
        void notification.accept().catch(() => undefined);
        if (!isCurrent()) return;
        const value = this.#parse(notification.request.body ?? '');
        if (value === null) return;
        this.#retry.reset();
        this.#problem = null;
        this.delegate.onNotify(value);
      },
    };
    subscriber.stateChange.addListener((state) => {
      if (state !== SubscriptionState.Terminated || !isCurrent()) return;
      const delay = this.#retry.next();
      const problem = this.#problem ?? 'ended';
      this.log.info(
        `${this.spec.event} subscription to ${target.user ?? ''} ended (${problem}); again in ${Math.round(delay / 1000)} s`,
      );
      this.delegate.onUnknown(problem);
      this.#retryTimer = setTimeout(() => {
        if (isCurrent() && this.#userAgent === userAgent) this.#subscribe(userAgent, target);
      }, delay);
    });
    subscriber.subscribe().catch((error: unknown) => this.log.warn(`could not subscribe to ${this.spec.event}`, error));
    onSubscribeRefused(subscriber, (reason) => {
      if (isCurrent()) this.#problem = reason;
    });
  }

  #parse(body: string): T | null {
    try {
      const value = this.spec.parse(body);
      // An empty body is a server with nothing to say yet (Kamailio's first message-summary NOTIFY), not a fault.
      if (value === null && body.trim() !== '') this.log.warn(`ignored an unreadable ${this.spec.event} NOTIFY`);
      return value;
    } catch (error) {
      this.log.warn(
        `ignored an unreadable ${this.spec.event} NOTIFY: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  }
}
