import { Md5 } from 'sip.js/lib/core/messages/md5.js';

/**
 * HA1 of HTTP digest authentication (RFC 2617 §3.2.2.2): MD5(user:realm:password). With it sip.js can answer the
 * server's challenges for that realm (`authorizationHa1`), so "remember me" keeps this instead of the password.
 * Same MD5 as sip.js's own digest code.
 */
export function digestHa1(user: string, realm: string, password: string): string {
  return Md5.hashStr(`${user}:${realm}:${password}`);
}

/** The realm of a digest challenge to a REGISTER (401/407), from the raw SIP message; null for anything else. */
export function registerChallengeRealm(message: string): string | null {
  if (!/^SIP\/2\.0 40[17] /.test(message) || !/\r\nCSeq:\s*\d+\s+REGISTER\s*\r\n/i.test(message)) return null;
  const match = /\r\n(?:WWW|Proxy)-Authenticate:\s*Digest\s[^\r\n]*?realm="([^"]*)"/i.exec(message);
  return match?.[1] ?? null;
}
