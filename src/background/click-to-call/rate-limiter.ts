/**
 * At most `limit` events per key in any `windowMs`, and never two closer than `minGapMs`. One per tab: a page that
 * somehow gets dial requests through cannot turn them into a stream of calls.
 */
export class RateLimiter {
  readonly #history = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly minGapMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the event and returns true if it is within the limits; a refused event is not recorded. */
  tryAcquire(key: string): boolean {
    const now = this.now();
    const recent = (this.#history.get(key) ?? []).filter((time) => now - time < this.windowMs);
    const last = recent.at(-1);
    if (recent.length >= this.limit || (last !== undefined && now - last < this.minGapMs)) {
      this.#history.set(key, recent);
      return false;
    }
    recent.push(now);
    this.#history.set(key, recent);
    return true;
  }

  forget(key: string): void {
    this.#history.delete(key);
  }
}
