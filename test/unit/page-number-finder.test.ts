import { describe, expect, it } from 'vitest';
import { PageNumberFinder } from '../../src/shared/phone-number/page-number-finder.ts';

describe('the page number finder', () => {
  it('reads each number of a text as E.164, however it is written', () => {
    const finder = new PageNumberFinder('FR');
    const text = 'Standard 01 23 45 67 89 · mobile 06.12.34.56.78 · Londres +44 (0)20 7946 0321 · 0033 1 98 76 54 32';
    const expected = ['+33123456789', '+33612345678', '+442079460321', '+33198765432'];
    expect(finder.find(text).map(({ e164 }) => e164)).toEqual(expected);
    // Asked again (the verdicts are remembered), the same answers.
    expect(finder.find(text).map(({ e164 }) => e164)).toEqual(expected);
  });

  it("reads a page's tel: link, and none that is too long to be a number", () => {
    const finder = new PageNumberFinder('FR');
    expect(finder.numberOf(' +1 (415) 555-0134 ')).toBe('+14155550134');
    expect(finder.numberOf('01-23-45-67-89')).toBe('+33123456789');
    expect(finder.numberOf(`+33 1 23 45 67 89 ${'1'.repeat(80)}`)).toBeNull();
    expect(finder.numberOf('appelez-nous')).toBeNull();
  });
});
