import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
import minMetadata from 'libphonenumber-js/metadata.min.json';
import pageNumberMetadata from '../../src/shared/phone-number/page-number-metadata.json';
import { SimplePlanValidator } from '../../src/shared/phone-number/simple-plan-validator.ts';

const validator = new SimplePlanValidator(pageNumberMetadata.metadata);
const full = minMetadata;

/** A reproducible stream of digits. */
function digitsFrom(seed: number): (count: number) => string {
  let state = seed;
  return (count) => {
    let out = '';
    for (let index = 0; index < count; index++) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      out += String(state % 10);
    }
    return out;
  };
}

const library = (text: string, country?: CountryCode) => {
  const number = parsePhoneNumberFromString(
    text,
    country === undefined ? { extract: false } : { defaultCountry: country, extract: false },
    full,
  );
  return number?.isValid() === true ? number.number : null;
};

describe('the plain-plan fast path', () => {
  it('agrees with libphonenumber-js (full min metadata) on national numbers of every plain country', () => {
    const digits = digitsFrom(7);
    let checked = 0;
    let valid = 0;
    for (const country of Object.keys(pageNumberMetadata.metadata.countries)) {
      for (let sample = 0; sample < 120; sample++) {
        const length = 6 + (sample % 8);
        const written = (sample % 2 === 0 ? '0' : '') + digits(length);
        const fast = validator.national(written, country);
        if (fast === undefined) continue;
        checked++;
        if (fast !== null) valid++;
        expect(fast, `${country} ${written}`).toBe(library(written, country as CountryCode));
      }
    }
    expect(checked).toBeGreaterThan(15_000);
    // Random digits are mostly invalid; enough of them are valid for the agreement to cover both answers.
    expect(valid).toBeGreaterThan(1_000);
  });

  it('agrees with libphonenumber-js on international numbers', () => {
    const digits = digitsFrom(11);
    let checked = 0;
    for (const code of Object.keys(pageNumberMetadata.metadata.country_calling_codes)) {
      for (let sample = 0; sample < 60; sample++) {
        const written = code + digits(6 + (sample % 8));
        const fast = validator.international(written);
        if (fast === undefined) continue;
        checked++;
        expect(fast, `+${written}`).toBe(library(`+${written}`));
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });

  it('finds valid numbers too, not only refusals', () => {
    expect(validator.national('0123456789', 'FR')).toBe('+33123456789');
    expect(validator.international('33123456789')).toBe('+33123456789');
    expect(validator.national('4155550132', 'US')).toBe(library('4155550132', 'US'));
    // Great Britain has a national-prefix parsing rule: libphonenumber-js decides its national numbers.
    expect(validator.national('02079460018', 'GB')).toBeUndefined();
    expect(validator.international('442079460018')).toBe(library('+442079460018'));
  });

  it('takes no number whose calling code would start with 0 for another one', () => {
    // "+01…" is no number of +1, whatever digits follow.
    expect(validator.international('014155550132')).toBeUndefined();
    expect(validator.international('0033123456789')).toBeUndefined();
  });
});
