/**
 * Every retry of the product waits by one rule: the first attempt at once or after `baseMs`, each next one `factor`
 * times longer up to `capMs`, each spread by ±`jitter` (a share of the delay) so that many consoles, or both ends of a
 * glare, do not retry in step. The policies are named here, in one place, so they can be read and compared.
 */
export interface BackoffPolicy {
  /** The delay of the first retry (attempt 1); attempt 0 waits nothing when `isFirstAtOnce`. */
  readonly baseMs: number;
  readonly capMs: number;
  readonly factor: number;
  /** 0.25: each delay is drawn in [75 %, 125 %] of its nominal value (still capped). */
  readonly jitter: number;
  /** Attempt 0 goes at once (a server restart is usually over by then). */
  readonly isFirstAtOnce: boolean;
  /**
   * The first `attempts` retries wait `delayMs` each (jittered) before the doubling starts from `baseMs`: a short
   * outage is over within a second of the server's return, at a rate the server can bear.
   */
  readonly steady?: { readonly attempts: number; readonly delayMs: number };
}

export const BACKOFF = {
  /**
   * Reconnecting the SIP line: at once, then every 0.65 s ±20 % for about 30 s (the console is registered again
   * within a second of a restarted server listening, and never tries more than twice a second), then 2 s doubling to
   * 30 s so that a long outage costs the PBX little when a thousand consoles wait for it.
   */
  lineReconnect: {
    baseMs: 2000,
    capMs: 30_000,
    factor: 2,
    jitter: 0.2,
    isFirstAtOnce: true,
    steady: { attempts: 45, delayMs: 650 },
  },
  /** A re-INVITE refused with 491 or 500 (RFC 3261 §14.1, §21.5.1): shortly, a little longer each time. */
  reInvite: { baseMs: 225, capMs: 2000, factor: 2, jitter: 0.33, isFirstAtOnce: false },
  /** A subscription the server ended or refused: 30 s doubling to 10 min (a PBX without the package costs little). */
  resubscribe: { baseMs: 30_000, capMs: 10 * 60_000, factor: 2, jitter: 0, isFirstAtOnce: false },
  /**
   * A busy lamp's subscription the server ended or refused: 2 s doubling to 5 min, ±30 % so that hundreds of lamps
   * ended together (a PBX restart) do not all come back in the same second.
   */
  lampResubscribe: { baseMs: 2000, capMs: 5 * 60_000, factor: 2, jitter: 0.3, isFirstAtOnce: false },
  /**
   * A command that reached nobody (the service worker stopping as it left): again after 100 ms, doubling to 2 s,
   * about 5 s in all — long enough for a worker Chrome is restarting on a busy machine.
   */
  commandRedelivery: { baseMs: 100, capMs: 2000, factor: 2, jitter: 0, isFirstAtOnce: false },
  /**
   * An XSI event channel that dropped or could not open: at once (its subscriptions give the queues afresh), then
   * 1 s doubling to 1 min, ±30 % so that the consoles of one office do not reopen together after an XSP restart.
   */
  xsiChannel: { baseMs: 1000, capMs: 60_000, factor: 2, jitter: 0.3, isFirstAtOnce: true },
  /** A UI's state port to a restarting service worker: at once, then quickly up to 2 s. */
  statePort: { baseMs: 100, capMs: 2000, factor: 2, jitter: 0, isFirstAtOnce: true },
} as const satisfies Record<string, BackoffPolicy>;

/** The delay before attempt `attempt` (0 for the first). */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  if (attempt <= 0 && policy.isFirstAtOnce) return 0;
  const retry = policy.isFirstAtOnce ? attempt - 1 : Math.max(0, attempt);
  const steadyAttempts = policy.steady?.attempts ?? 0;
  const nominal =
    policy.steady !== undefined && retry < steadyAttempts
      ? policy.steady.delayMs
      : Math.min(policy.capMs, policy.baseMs * policy.factor ** (retry - steadyAttempts));
  const spread = 1 + (random() * 2 - 1) * policy.jitter;
  return Math.round(Math.min(policy.capMs, nominal * spread));
}

/** The attempts of one retry loop: `next()` gives the next delay, `reset()` after a success. */
export class Backoff {
  #attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  get attempt(): number {
    return this.#attempt;
  }

  next(): number {
    return backoffDelayMs(this.policy, this.#attempt++, this.random);
  }

  reset(): void {
    this.#attempt = 0;
  }
}
