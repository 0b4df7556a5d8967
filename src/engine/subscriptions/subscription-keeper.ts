import { Subscriber, SubscriptionState, type Notification, type URI, type UserAgent } from 'sip.js';
import { BACKOFF, Backoff, type BackoffPolicy } from '../../shared/backoff.ts';
import type { Logger } from '../../shared/log.ts';

/** What one kind of subscription is: the event package, its body and how to read it. */
export interface SubscriptionSpec<T> {
  /** The event package (`message-summary`, `dialog`…). */
  readonly event: string;
  /** The body type asked for (the `Accept` header). */
  readonly accept: string;
  readonly expiresSeconds: number;
  /** Reads a NOTIFY body; null when it cannot (the NOTIFY is then logged and changes nothing). */
  parse(body: string): T | null;
}

/**
 * Keeps one subscription (RFC 6665) alive for as long as it is wanted: SUBSCRIBE, refreshed before expiry (by
 * sip.js), asked again with backoff when the server ends or refuses it, each NOTIFY body parsed and published.
 * Message waiting uses one; the busy lamps (one per watched colleague, hundreds at once) will use one each.
 *
 * ```
 *  stopped ──start()──▶ subscribed ──server ends / refuses──▶ waiting ──backoff──▶ subscribed
 *     ▲                     │                                    │
 *     └──────stop()─────────┴────────────────stop()──────────────┘
 * ```
 * Published values: the parsed body of each NOTIFY; null when stopped (nothing is known any more).
 */
export class SubscriptionKeeper<T> {
  #subscriber: Subscriber | null = null;
  #userAgent: UserAgent | null = null;
  #target: URI | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #retry: Backoff;

  constructor(
    private readonly spec: SubscriptionSpec<T>,
    private readonly publish: (value: T | null) => void,
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

  stop(): void {
    clearTimeout(this.#retryTimer);
    const subscriber = this.#subscriber;
    const wasStarted = this.#userAgent !== null;
    this.#subscriber = null;
    this.#userAgent = null;
    this.#target = null;
    this.#retry.reset();
    if (subscriber !== null) void subscriber.dispose().catch(() => undefined);
    if (wasStarted) this.publish(null);
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
        const value = this.spec.parse(notification.request.body ?? '');
        if (value === null) {
          this.log.warn(`ignored an unreadable ${this.spec.event} NOTIFY`);
          return;
        }
        this.#retry.reset();
        this.publish(value);
      },
    };
    subscriber.stateChange.addListener((state) => {
      if (state !== SubscriptionState.Terminated || !isCurrent()) return;
      const delay = this.#retry.next();
      this.log.info(`${this.spec.event} subscription ended; asking again in ${Math.round(delay / 1000)} s`);
      this.#retryTimer = setTimeout(() => {
        if (isCurrent() && this.#userAgent === userAgent) this.#subscribe(userAgent, target);
      }, delay);
    });
    subscriber.subscribe().catch((error: unknown) => this.log.warn(`could not subscribe to ${this.spec.event}`, error));
  }
}
