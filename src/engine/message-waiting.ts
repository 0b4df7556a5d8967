import { Subscriber, SubscriptionState, type Notification, type URI, type UserAgent } from 'sip.js';
import type { Logger } from '../shared/log.ts';
import type { VoicemailSummary } from '../shared/model/voicemail.ts';
import { parseMessageSummary } from './message-summary.ts';
import { BACKOFF, Backoff } from '../shared/backoff.ts';

const SUBSCRIPTION_SECONDS = 3600;

/**
 * The message-waiting indicator: a `message-summary` subscription (RFC 3842) to the receptionist's own address,
 * kept while registered. sip.js refreshes it; when the server ends it (or refuses it), it is asked again later,
 * less and less often, so a PBX without voicemail costs one SUBSCRIBE every ten minutes at most.
 */
export class MessageWaiting {
  #subscriber: Subscriber | null = null;
  #userAgent: UserAgent | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #retry = new Backoff(BACKOFF.resubscribe);

  constructor(
    private readonly onSummary: (summary: VoicemailSummary | null) => void,
    private readonly log: Logger,
  ) {}

  /** Subscribes for this user agent (once; a new user agent replaces the old subscription). */
  start(userAgent: UserAgent, address: URI): void {
    if (this.#userAgent === userAgent && this.#subscriber !== null) return;
    this.stop();
    this.#userAgent = userAgent;
    this.#subscribe(userAgent, address);
  }

  stop(): void {
    clearTimeout(this.#retryTimer);
    const subscriber = this.#subscriber;
    this.#subscriber = null;
    this.#userAgent = null;
    this.#retry.reset();
    if (subscriber !== null) void subscriber.dispose().catch(() => undefined);
    this.onSummary(null);
  }

  #subscribe(userAgent: UserAgent, address: URI): void {
    const subscriber = new Subscriber(userAgent, address, 'message-summary', {
      expires: SUBSCRIPTION_SECONDS,
      extraHeaders: ['Accept: application/simple-message-summary'],
    });
    this.#subscriber = subscriber;
    subscriber.delegate = {
      onNotify: (notification: Notification) => {
        void notification.accept().catch(() => undefined);
        if (subscriber !== this.#subscriber) return;
        const summary = parseMessageSummary(notification.request.body ?? '');
        if (summary === null) {
          this.log.warn('ignored a message-summary NOTIFY without a Messages-Waiting line');
          return;
        }
        this.#retry.reset();
        this.onSummary(summary);
      },
    };
    subscriber.stateChange.addListener((state) => {
      if (state !== SubscriptionState.Terminated || subscriber !== this.#subscriber) return;
      const delay = this.#retry.next();
      this.log.info(`message-summary subscription ended; asking again in ${Math.round(delay / 1000)} s`);
      this.#retryTimer = setTimeout(() => {
        if (subscriber === this.#subscriber && this.#userAgent === userAgent) this.#subscribe(userAgent, address);
      }, delay);
    });
    subscriber.subscribe().catch((error: unknown) => this.log.warn('could not subscribe to message-summary', error));
  }
}
