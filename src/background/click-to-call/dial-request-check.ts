import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { sipAddressOf } from '../../shared/phone-number/telephone-uri.ts';

export type DialRequestVerdict =
  | { readonly kind: 'refused'; readonly reason: 'not-a-number' | 'too-long' }
  /** `number` is E.164, an internal extension's digits, or a SIP address (`sip:reception@example.com`). */
  | {
      readonly kind: 'allowed';
      readonly number: string;
      readonly needsConfirmation: 'international' | 'premium' | 'sip-address' | null;
    };

export interface DialRequestRules {
  readonly defaultCountry: CountryCode;
  /** Digits of an internal extension (an intranet directory's `tel:214`); longer numbers must be real numbers. */
  readonly extensionLength: number;
  readonly confirmInternational: boolean;
  readonly confirmPremium: boolean;
}

/** At most 15 digits: E.164's limit. */
const MAX_DIGITS = 15;
/** libphonenumber-js's types for numbers that cost the caller more than a normal call. */
const PREMIUM_TYPES = new Set(['PREMIUM_RATE', 'SHARED_COST']);

/**
 * What a dial request that came from outside the console (a web page, the browser's menus) may dial: a real number
 * (valid for its country in libphonenumber-js's full metadata) of at most 15 digits, or an internal extension; and
 * whether the receptionist must confirm it first (another country, a premium-rate or shared-cost line). A page's
 * `sip:` link with a name is a SIP address: it can lead anywhere, so the receptionist always confirms it.
 */
export function checkDialRequest(text: string, rules: DialRequestRules): DialRequestVerdict {
  const written = text.trim();
  if (/^sips?:/i.test(written)) {
    const address = sipAddressOf(written);
    return address === null
      ? { kind: 'refused', reason: 'not-a-number' }
      : { kind: 'allowed', number: address, needsConfirmation: 'sip-address' };
  }
  const digits = written.replace(/\D/g, '');
  if (!/^[+\d\s().\-\/\u00a0\u2007\u2009\u202f\u2010\u2011\u2013]+$/.test(written) || digits.length === 0) {
    return { kind: 'refused', reason: 'not-a-number' };
  }
  if (!written.startsWith('+') && /^\d+$/.test(written) && digits.length <= rules.extensionLength) {
    return { kind: 'allowed', number: digits, needsConfirmation: null };
  }
  const number = parsePhoneNumberFromString(written.replace(/\(0\)/, ''), rules.defaultCountry);
  if (number === undefined || !number.isValid()) return { kind: 'refused', reason: 'not-a-number' };
  if (number.number.length - 1 > MAX_DIGITS) return { kind: 'refused', reason: 'too-long' };
  const type = number.getType();
  if (rules.confirmPremium && type !== undefined && PREMIUM_TYPES.has(type)) {
    return { kind: 'allowed', number: number.number, needsConfirmation: 'premium' };
  }
  if (rules.confirmInternational && number.country !== rules.defaultCountry) {
    return { kind: 'allowed', number: number.number, needsConfirmation: 'international' };
  }
  return { kind: 'allowed', number: number.number, needsConfirmation: null };
}
