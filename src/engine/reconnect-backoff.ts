/**
 * Delays between reconnection attempts: the first at once (a server restart is usually over by then), then doubling
 * from 1 s up to a cap, each with ±25 % jitter so a whole office does not hammer a recovering PBX in step.
 */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
  readonly random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 30_000, random: Math.random };

export function reconnectDelayMs(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (attempt <= 0) return 0;
  const nominal = Math.min(options.capMs, options.baseMs * 2 ** (attempt - 1));
  const jitter = 1 + (options.random() * 0.5 - 0.25);
  return Math.round(Math.min(options.capMs, nominal * jitter));
}
