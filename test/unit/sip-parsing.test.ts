import { describe, expect, it } from 'vitest';
import { digestHa1 } from '../../src/shared/credentials/digest-ha1.ts';
import { registerChallengeRealm } from '../../src/engine/sip/register-challenge.ts';
import { sipfragStatus } from '../../src/engine/sip/sipfrag.ts';
import { namesReplaces } from '../../src/engine/sip/replaces-support.ts';

describe('remembering a credential as a digest HA1', () => {
  it('computes RFC 2617 HA1', () => {
    // The example of RFC 2617 §3.5: Mufasa / testrealm@host.com / Circle Of Life.
    expect(digestHa1('Mufasa', 'testrealm@host.com', 'Circle Of Life')).toBe('939e7578ed9e3c518a452acee763bce9');
  });

  it('reads the realm of a challenge to REGISTER only', () => {
    const challenge = (status: string, method: string) =>
      `SIP/2.0 ${status}\r\nVia: SIP/2.0/WSS x.invalid;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>;tag=2\r\nCall-ID: c1\r\nCSeq: 1 ${method}\r\nWWW-Authenticate: Digest realm="pbx.example.com", nonce="abc", qop="auth"\r\nContent-Length: 0\r\n\r\n`;
    expect(registerChallengeRealm(challenge('401 Unauthorized', 'REGISTER'))).toBe('pbx.example.com');
    expect(registerChallengeRealm(challenge('401 Unauthorized', 'INVITE'))).toBeNull();
    expect(registerChallengeRealm(challenge('200 OK', 'REGISTER'))).toBeNull();
    expect(registerChallengeRealm('INVITE sip:a@b SIP/2.0\r\n')).toBeNull();
    // A proxy's challenge, with the header folded and spaced as servers do.
    const proxy = challenge('407 Proxy Authentication Required', 'REGISTER').replace(
      'WWW-Authenticate: Digest realm="pbx.example.com"',
      'Proxy-Authenticate: Digest  nonce="n1",\r\n realm="proxy.example"',
    );
    expect(registerChallengeRealm(proxy)).toBe('proxy.example');
    // Malformed: no crash, no realm.
    expect(registerChallengeRealm('SIP/2.0 401 Unauthorized\r\nCSeq: nonsense\r\n\r\n')).toBeNull();
  });
});

describe('the progress a transferee reports (message/sipfrag)', () => {
  it.each([
    ['SIP/2.0 100 Trying', { code: 100, reason: 'Trying' }],
    ['SIP/2.0 200 OK\r\n', { code: 200, reason: 'OK' }],
    ['SIP/2.0 404 Not Found\r\nContent-Length: 0\r\n\r\n', { code: 404, reason: 'Not Found' }],
    ['SIP/2.0 603 Declined', { code: 603, reason: 'Declined' }],
    ['INVITE sip:a@b SIP/2.0', null],
    ['nonsense', null],
    ['', null],
  ])('%j reads as %j', (body, status) => {
    expect(sipfragStatus(body)).toEqual(status);
  });
});

describe('whether a far party understands Replaces (its Supported and Require headers)', () => {
  it('finds the option tag among others, in any case and spacing, in any of the headers', () => {
    expect(namesReplaces(['outbound, replaces, gruu'])).toBe(true);
    expect(namesReplaces(['timer', 'REPLACES'])).toBe(true);
    expect(namesReplaces(['100rel,replaces'])).toBe(true);
  });

  it('is false for an empty Supported (baresip 1.0.0), no header, or a tag that only contains the word', () => {
    expect(namesReplaces([''])).toBe(false);
    expect(namesReplaces([])).toBe(false);
    expect(namesReplaces(['noreplaces, replaces-x'])).toBe(false);
  });
});
