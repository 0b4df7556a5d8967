import { NameAddrHeader, URI } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { unusableAudioOffer } from '../../src/engine/sip/audio-offer.ts';
import { remotePartyOf } from '../../src/engine/sip/remote-party.ts';
import { unsupportedRequirements } from '../../src/engine/sip/required-extensions.ts';
import { VALID_OFFER } from '../support/hostile-sip-corpus.ts';

/** What the engine checks of a call from a peer before it rings (the hostile corpus drives them end to end). */
describe('guards on an incoming call', () => {
  const SDP = 'application/sdp';

  it('takes an offer with an audio codec the browser has, and refuses one without', () => {
    expect(unusableAudioOffer(SDP, VALID_OFFER)).toBeNull();
    expect(unusableAudioOffer(SDP, VALID_OFFER.replace(/a=rtpmap:.*\r\n/g, ''))).toBeNull(); // static 0: PCMU
    expect(unusableAudioOffer(SDP, VALID_OFFER.replace('m=audio 9 ', 'm=audio 0 '))).toBe(
      'the offer turns its audio off',
    );
    expect(unusableAudioOffer(SDP, VALID_OFFER.replace('m=audio', 'm=video'))).toBe('no audio in the offer');
    expect(unusableAudioOffer(SDP, VALID_OFFER.replace(/111 0\r\n/, '111\r\n').replace(/opus/, 'hostile'))).toBe(
      'no codec this phone has',
    );
    // No offer (the console offers in its 200), or a body that is not SDP (the browser refuses it on answering).
    expect(unusableAudioOffer(undefined, '')).toBeNull();
    expect(unusableAudioOffer('text/plain', 'm=video 9 RTP/AVP 96')).toBeNull();
  });

  it('refuses extensions it does not understand, and understands Replaces', () => {
    expect(unsupportedRequirements(['replaces'])).toEqual([]);
    expect(unsupportedRequirements(['100rel, Replaces', ' timer ', '100rel'])).toEqual(['100rel', 'timer']);
  });

  it('shows a caller as plain, bounded text: escapes undone, no control or direction characters', () => {
    const party = (name: string, user: string) =>
      remotePartyOf(new NameAddrHeader(new URI('sip', user, 'lab.switchboard'), name, {}));
    expect(party('Quote \\"inside\\"', '201')).toEqual({ remoteName: 'Quote "inside"', remoteNumber: '201' });
    expect(party('\u202Eenip\u202C Ali\u0007ce', '2\u202E01')).toEqual({
      remoteName: 'enip Alice',
      remoteNumber: '201',
    });
    expect(party('A'.repeat(10_000), '1'.repeat(1000)).remoteName).toHaveLength(200);
    expect(party('<img src=x onerror=alert(1)>', '201').remoteName).toBe('<img src=x onerror=alert(1)>');
  });
});
