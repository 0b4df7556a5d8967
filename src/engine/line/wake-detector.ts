/**
 * Notices that the computer slept: a timer that ticks every few seconds finds much more time passed than it asked
 * for. After a sleep the SIP connection may be dead without anyone having said so (no FIN crossed the network), so
 * the engine checks the registration then instead of waiting for the next refresh.
 */
export interface WakeDetectorOptions {
  readonly tickMs: number;
  /** A gap longer than this between two ticks counts as a sleep. */
  readonly sleepMs: number;
  readonly now: () => number;
  readonly setInterval: (callback: () => void, ms: number) => unknown;
}

const DEFAULTS: WakeDetectorOptions = {
  tickMs: 5_000,
  sleepMs: 20_000,
  now: () => Date.now(),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
};

export function watchForWake(onWake: (sleptMs: number) => void, options: Partial<WakeDetectorOptions> = {}): void {
  const { tickMs, sleepMs, now, setInterval } = { ...DEFAULTS, ...options };
  let last = now();
  setInterval(() => {
    const current = now();
    const gap = current - last;
    last = current;
    if (gap > sleepMs) onWake(gap);
  }, tickMs);
}
