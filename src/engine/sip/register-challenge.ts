import { parseSipMessage } from './parse-sip-message.ts';

/**
 * The realm of a digest challenge to a REGISTER (a 401 or 407), read with sip.js's own parser; null for anything
 * else. sip.js answers the challenge itself and does not tell the realm, which "remember me" needs to keep an HA1.
 */
export function registerChallengeRealm(message: string): string | null {
  // Cheap test first: this sees every message the line receives, and only these two need parsing.
  if (!message.startsWith('SIP/2.0 401') && !message.startsWith('SIP/2.0 407')) return null;
  const parsed = parseSipMessage(message);
  if (parsed === undefined || !('statusCode' in parsed) || parsed.method !== 'REGISTER') return null;
  const challenge: unknown = parsed.parseHeader(parsed.statusCode === 401 ? 'www-authenticate' : 'proxy-authenticate');
  if (typeof challenge !== 'object' || challenge === null || !('realm' in challenge)) return null;
  return typeof challenge.realm === 'string' ? challenge.realm : null;
}
