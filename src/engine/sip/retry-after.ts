/**
 * The longest wait a server's Retry-After is obeyed for: a PBX that asks for an hour (misconfigured, or one of many
 * consoles told to back off) must not leave the front desk unreachable that long; past this the line tries anyway,
 * still with its own backoff.
 */
export const MAX_RETRY_AFTER_MS = 300_000;

/**
 * How long a refusal asks the client to wait before trying again, from its Retry-After header (RFC 3261 §20.33:
 * delta-seconds, then an optional comment and parameters, `120 (maintenance);duration=3600`); null without one, or
 * one that is not a number. Bounded by `MAX_RETRY_AFTER_MS`.
 */
export function retryAfterMs(header: string | undefined): number | null {
  const seconds = /^\s*(\d{1,9})(?=\s|\(|;|$)/.exec(header ?? '')?.[1];
  if (seconds === undefined) return null;
  return Math.min(Number(seconds) * 1000, MAX_RETRY_AFTER_MS);
}
