import { describe, expect, it } from 'vitest';
import { checkDialRequest, type DialRequestRules } from '../../src/background/click-to-call/dial-request-check.ts';
import { RateLimiter } from '../../src/background/click-to-call/rate-limiter.ts';
import { isLinkingAllowedOn, DEFAULT_CLICK_TO_CALL } from '../../src/shared/model/click-to-call.ts';
import { sipAddressOf, telephoneNumberOf } from '../../src/shared/phone-number/telephone-uri.ts';

const RULES: DialRequestRules = {
  defaultCountry: 'FR',
  extensionLength: 4,
  confirmInternational: true,
  confirmPremium: true,
};

describe('a dial request from outside the console', () => {
  it('accepts a national number at once', () => {
    expect(checkDialRequest('01 23 45 67 89', RULES)).toEqual({
      kind: 'allowed',
      number: '+33123456789',
      needsConfirmation: null,
    });
  });
  it('holds another country and premium-rate numbers for confirmation, unless settings relax it', () => {
    expect(checkDialRequest('+44 20 7946 0018', RULES)).toMatchObject({ needsConfirmation: 'international' });
    expect(checkDialRequest('08 99 12 34 56', RULES)).toMatchObject({ needsConfirmation: 'premium' });
    expect(checkDialRequest('+44 20 7946 0018', { ...RULES, confirmInternational: false })).toMatchObject({
      needsConfirmation: null,
    });
  });
  it('refuses what is not a real number, and more than 15 digits', () => {
    expect(checkDialRequest('1234567890123456', RULES)).toMatchObject({ kind: 'refused' });
    expect(checkDialRequest('javascript:alert(1)', RULES)).toEqual({ kind: 'refused', reason: 'not-a-number' });
    expect(checkDialRequest('00 00 00 00 00', RULES)).toMatchObject({ kind: 'refused' });
  });
  it('takes an internal extension', () => {
    expect(checkDialRequest('214', RULES)).toEqual({ kind: 'allowed', number: '214', needsConfirmation: null });
  });
});

describe('the per-tab rate limit', () => {
  it('allows one request per gap and a few per window', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, 2_000, () => now);
    expect(limiter.tryAcquire('tab:1')).toBe(true);
    expect(limiter.tryAcquire('tab:1')).toBe(false);
    expect(limiter.tryAcquire('tab:2')).toBe(true);
    now = 2_500;
    expect(limiter.tryAcquire('tab:1')).toBe(true);
    now = 5_000;
    expect(limiter.tryAcquire('tab:1')).toBe(true);
    now = 8_000;
    expect(limiter.tryAcquire('tab:1')).toBe(false);
    now = 61_000;
    expect(limiter.tryAcquire('tab:1')).toBe(true);
  });
});

describe('site rules', () => {
  it('follows the global switch, the deny list and the allow list', () => {
    expect(isLinkingAllowedOn('crm.example.com', DEFAULT_CLICK_TO_CALL)).toBe(true);
    expect(isLinkingAllowedOn('crm.example.com', { ...DEFAULT_CLICK_TO_CALL, isEnabled: false })).toBe(false);
    expect(isLinkingAllowedOn('crm.example.com', { ...DEFAULT_CLICK_TO_CALL, deniedSites: ['*.example.com'] })).toBe(
      false,
    );
    expect(
      isLinkingAllowedOn('mail.example.org', { ...DEFAULT_CLICK_TO_CALL, allowedSites: ['crm.example.com'] }),
    ).toBe(false);
    expect(isLinkingAllowedOn('crm.example.com', { ...DEFAULT_CLICK_TO_CALL, allowedSites: ['crm.example.com'] })).toBe(
      true,
    );
  });
  it('reads the number out of tel:, callto: and sip: links, and nothing else', () => {
    expect(telephoneNumberOf('tel:+33140203040')).toBe('+33140203040');
    expect(telephoneNumberOf('callto://+44%2020%207946%200018')).toBe('+44 20 7946 0018');
    expect(telephoneNumberOf('sip:+33123456789@pbx.example.com')).toBe('+33123456789');
    expect(telephoneNumberOf('sip:alice@pbx.example.com')).toBeNull();
    expect(telephoneNumberOf('https://example.com')).toBeNull();
  });
  it('reads the SIP address of a named sip: link, without what could ride along', () => {
    expect(sipAddressOf('sip:accueil@example.com')).toBe('sip:accueil@example.com');
    expect(sipAddressOf('SIP:Reception@PBX.Example.com:5061;transport=tls?subject=x')).toBe(
      'sip:Reception@pbx.example.com:5061',
    );
    expect(sipAddressOf('sip:a b@example.com')).toBeNull();
    expect(sipAddressOf('sip:"><img>@example.com')).toBeNull();
    expect(sipAddressOf('sip:accueil@-example.com')).toBeNull();
    expect(sipAddressOf('tel:+33123456789')).toBeNull();
  });
});

describe('a SIP address from a page', () => {
  it('always waits for the receptionist, and only a clean address goes through', () => {
    expect(checkDialRequest('sip:accueil@example.com', RULES)).toEqual({
      kind: 'allowed',
      number: 'sip:accueil@example.com',
      needsConfirmation: 'sip-address',
    });
    expect(checkDialRequest('sip:accueil@', RULES)).toEqual({ kind: 'refused', reason: 'not-a-number' });
  });
});
