/**
 * The line's promise to the PBX: at most two connection attempts in any one second, so a thousand consoles cannot
 * stampede a server that is restarting. Every path that connects (the backoff's retries, "retry now" on waking or on
 * the network coming back, a login) asks this pace how long to wait first, and says when it tried.
 *
 * Spacing attempts half a second apart is not enough on its own: the socket opens a few milliseconds after the attempt
 * starts, by a varying amount (closing the old one first), so attempts 0, 500 and 1,000 ms apart can open within one
 * second. The third attempt is therefore also held `MARGIN_MS` past a full second after the first.
 */
const MIN_SPACING_MS = 500;
const WINDOW_MS = 1000;
const MARGIN_MS = 100;

export class ConnectionPace {
  /** The two latest attempts, newest last. */
  #attempts: number[] = [];

  /** Milliseconds to wait, from `now`, before the next attempt keeps the promise. */
  waitBeforeNext(now: number): number {
    const [secondLast, last] = this.#attempts.length === 2 ? this.#attempts : [undefined, this.#attempts[0]];
    const afterLast = last === undefined ? 0 : last + MIN_SPACING_MS - now;
    const afterSecondLast = secondLast === undefined ? 0 : secondLast + WINDOW_MS + MARGIN_MS - now;
    return Math.max(0, afterLast, afterSecondLast);
  }

  /** An attempt starts at `now`. */
  attempted(now: number): void {
    this.#attempts = [...this.#attempts, now].slice(-2);
  }
}
