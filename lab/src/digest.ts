import { createHash, randomBytes } from 'node:crypto';

/**
 * HTTP digest authentication as SIP uses it (RFC 2617, RFC 3261 §22): the lab challenges REGISTER with a nonce and
 * checks the answer against the user's password from the office file.
 */
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function challengeHeader(realm: string, nonce: string): string {
  return `Digest realm="${realm}", nonce="${nonce}", algorithm=MD5, qop="auth"`;
}

/** The parameters of an `Authorization: Digest …` header; null if it is not one. */
export function parseDigest(header: string): Record<string, string> | null {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match) return null;
  const params: Record<string, string> = {};
  for (const part of (match[1] as string).matchAll(/([a-z0-9-]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/gi)) {
    params[(part[1] as string).toLowerCase()] = part[2] ?? part[3] ?? '';
  }
  return params;
}

/** Whether the answer proves the password (for this method, and a nonce we issued). */
export function verifyDigest(
  params: Record<string, string>,
  method: string,
  password: string,
  isOurNonce: (nonce: string) => boolean,
): boolean {
  const { username, realm, nonce, uri, response, qop, nc, cnonce } = params;
  if (!username || realm === undefined || !nonce || !uri || !response || !isOurNonce(nonce)) return false;
  const ha1 = md5(`${username}:${realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const expected =
    qop === 'auth' ? md5(`${ha1}:${nonce}:${nc ?? ''}:${cnonce ?? ''}:auth:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
  return expected === response.toLowerCase();
}
