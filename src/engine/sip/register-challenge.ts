import { Parser, type Logger as SipLogger } from 'sip.js/lib/core';

/** sip.js's parser wants a logger; what it would say about a message we only peek at is not ours to report. */
const QUIET = {
  error: () => undefined,
  warn: () => undefined,
  log: () => undefined,
  debug: () => undefined,
} as unknown as SipLogger;

/**
 * The realm of a digest challenge to a REGISTER (a 401 or 407), read with sip.js's own parser; null for anything
 * else. sip.js answers the challenge itself and does not tell the realm, which "remember me" needs to keep an HA1.
 */
export function registerChallengeRealm(message: string): string | null {
  // Cheap test first: this sees every message the line receives, and only these two need parsing.
  if (!message.startsWith('SIP/2.0 401') && !message.startsWith('SIP/2.0 407')) return null;
  let parsed: ReturnType<typeof Parser.parseMessage>;
  try {
    parsed = Parser.parseMessage(message, QUIET);
  } catch {
    // A malformed message (sip.js's parser may throw on one): not a challenge we can read.
    return null;
  }
  if (parsed === undefined || !('statusCode' in parsed) || parsed.method !== 'REGISTER') return null;
  const challenge: unknown = parsed.parseHeader(parsed.statusCode === 401 ? 'www-authenticate' : 'proxy-authenticate');
  if (typeof challenge !== 'object' || challenge === null || !('realm' in challenge)) return null;
  return typeof challenge.realm === 'string' ? challenge.realm : null;
}
