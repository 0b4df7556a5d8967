import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { challengeHeader, parseDigest, verifyDigest } from './digest.ts';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('the lab registrar’s digest authentication', () => {
  const nonce = 'abc123';
  const answer = (password: string, method = 'REGISTER') => {
    const ha1 = md5(`201:lab.switchboard:${password}`);
    const ha2 = md5(`${method}:sip:lab.switchboard`);
    return `Digest username="201", realm="lab.switchboard", nonce="${nonce}", uri="sip:lab.switchboard", response="${md5(`${ha1}:${nonce}:00000001:xyz:auth:${ha2}`)}", qop=auth, nc=00000001, cnonce="xyz", algorithm=MD5`;
  };

  it('challenges with a realm, a nonce and qop=auth', () => {
    expect(parseDigest(challengeHeader('lab.switchboard', nonce))).toMatchObject({
      realm: 'lab.switchboard',
      nonce,
      qop: 'auth',
    });
  });

  it('accepts the right password and refuses a wrong one, another method, or a nonce it did not issue', () => {
    const ours = (value: string) => value === nonce;
    expect(verifyDigest(parseDigest(answer('lab-201')) ?? {}, 'REGISTER', 'lab-201', ours)).toBe(true);
    expect(verifyDigest(parseDigest(answer('wrong')) ?? {}, 'REGISTER', 'lab-201', ours)).toBe(false);
    expect(verifyDigest(parseDigest(answer('lab-201', 'INVITE')) ?? {}, 'REGISTER', 'lab-201', ours)).toBe(false);
    expect(verifyDigest(parseDigest(answer('lab-201')) ?? {}, 'REGISTER', 'lab-201', () => false)).toBe(false);
    expect(parseDigest('Basic abc')).toBeNull();
  });
});
