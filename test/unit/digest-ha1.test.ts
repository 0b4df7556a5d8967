import { describe, expect, it } from 'vitest';
import { digestHa1, registerChallengeRealm } from '../../src/shared/credentials/digest-ha1.ts';

describe('remembering a credential as a digest HA1', () => {
  it('computes RFC 2617 HA1', () => {
    // The example of RFC 2617 §3.5: Mufasa / testrealm@host.com / Circle Of Life.
    expect(digestHa1('Mufasa', 'testrealm@host.com', 'Circle Of Life')).toBe('939e7578ed9e3c518a452acee763bce9');
  });

  it('reads the realm of a challenge to REGISTER only', () => {
    const challenge = (status: string, method: string) =>
      `SIP/2.0 ${status}\r\nVia: SIP/2.0/WSS x;branch=z9hG4bK1\r\nCSeq: 1 ${method}\r\nWWW-Authenticate: Digest realm="pbx.example.com", nonce="abc", qop="auth"\r\nContent-Length: 0\r\n\r\n`;
    expect(registerChallengeRealm(challenge('401 Unauthorized', 'REGISTER'))).toBe('pbx.example.com');
    expect(registerChallengeRealm(challenge('401 Unauthorized', 'INVITE'))).toBeNull();
    expect(registerChallengeRealm(challenge('200 OK', 'REGISTER'))).toBeNull();
    expect(registerChallengeRealm('INVITE sip:a@b SIP/2.0\r\n')).toBeNull();
  });
});
