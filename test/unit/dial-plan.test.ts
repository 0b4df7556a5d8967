import { describe, expect, it } from 'vitest';
import { toDialString, type DialPlan } from '../../src/shared/phone-number/dial-plan.ts';

const france: DialPlan = { defaultCountry: 'FR', outsideLinePrefix: '', extensionLength: 4 };
const francePabx: DialPlan = { ...france, outsideLinePrefix: '0' };
const us: DialPlan = { defaultCountry: 'US', outsideLinePrefix: '9', extensionLength: 3 };

describe('the dial plan', () => {
  it.each([
    ['201', '201'],
    ['*72', '*72'],
    ['#31#', '#31#'],
    ['reception', 'reception'],
    ['bob@example.com', 'bob@example.com'],
    ['sip:bob@example.com', 'sip:bob@example.com'],
    ['01 23 45 67 89', '+33123456789'],
    ['01.23.45.67.89', '+33123456789'],
    ['+33 (0)1 23 45 67 89', '+33123456789'],
    ['0033 1 23 45 67 89', '+33123456789'],
    ['+44 20 7946 0958', '+442079460958'],
    ['06\u00a012\u00a034\u00a056\u00a078', '+33612345678'],
    ['', null],
    ['call me', null],
  ])('in France, with an E.164 PBX, %j dials %j', (input, expected) => {
    expect(toDialString(input, france)).toBe(expected);
  });

  it.each([
    ['01 23 45 67 89', '00123456789'],
    ['+44 20 7946 0958', '000442079460958'],
    ['2001', '2001'],
  ])('in France, behind a PABX with outside line 0, %j dials %j', (input, expected) => {
    expect(toDialString(input, francePabx)).toBe(expected);
  });

  it.each([
    ['(202) 555-0143', '912025550143'],
    ['+33 1 23 45 67 89', '901133123456789'],
    ['123', '123'],
  ])('in the US, behind a PBX with outside line 9, %j dials %j', (input, expected) => {
    expect(toDialString(input, us)).toBe(expected);
  });
});
