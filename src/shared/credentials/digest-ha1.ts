import { md5 } from '@noble/hashes/legacy';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * HA1 of HTTP digest authentication (RFC 2617 §3.2.2.2): MD5(user:realm:password). With it sip.js can answer the
 * server's challenges for that realm (`authorizationHa1`), so "remember me" keeps this instead of the password.
 * MD5 from @noble/hashes (audited, no dependencies), not from sip.js's internals (a deep import that breaks on upgrade).
 */
export function digestHa1(user: string, realm: string, password: string): string {
  return bytesToHex(md5(utf8ToBytes(`${user}:${realm}:${password}`)));
}
