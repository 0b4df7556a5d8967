import { describe, expect, it } from 'vitest';
import { findNumberCandidates, isInNonPhoneContext } from '../../src/shared/phone-number/number-candidates.ts';

/** Whether the words around the first candidate of `text` make it something else than a phone number. */
function isOtherThanPhone(text: string): boolean {
  const [candidate] = findNumberCandidates(text, 10);
  if (candidate === undefined) throw new Error(`no candidate in ${text}`);
  return isInNonPhoneContext(text, candidate);
}

describe('the words around a number', () => {
  it('leave a number alone in its text, or among digits and punctuation only, a phone number', () => {
    expect(isOtherThanPhone('01 23 45 67 89')).toBe(false);
    expect(isOtherThanPhone('12 – 01 23 45 67 89 – 34')).toBe(false);
  });

  it('still read a currency after a number with nothing but digits before it', () => {
    expect(isOtherThanPhone('12 · 0123456789 €')).toBe(true);
    expect(isOtherThanPhone('0123456789 EUR')).toBe(true);
    expect(isOtherThanPhone('0123456789 euros TTC')).toBe(true);
  });

  it('still read the words and symbols before a number', () => {
    expect(isOtherThanPhone('SIRET 01 23 45 67 89')).toBe(true);
    expect(isOtherThanPhone('Montant : 0123456789 ')).toBe(false);
    expect(isOtherThanPhone('£ 0123456789')).toBe(true);
    expect(isOtherThanPhone('Tél. (standard) : 01 23 45 67 89')).toBe(false);
    expect(isOtherThanPhone('N° de TVA 0123456789')).toBe(true);
  });
});
