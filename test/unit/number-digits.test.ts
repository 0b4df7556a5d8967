import { describe, expect, it } from 'vitest';
import { NumberDigitsBuilder } from '../../src/background/contacts/number-digits.ts';

const phones = (...numbers: string[]) => numbers.map((number) => ({ number }));

describe('the numbers of a directory kept in memory', () => {
  const numbers = new NumberDigitsBuilder();
  // Added out of order, as packs come from the database; position 3 has no number.
  numbers.add(4, phones('+33 1 42 68 53 00'));
  numbers.add(0, phones('01 42 68 53 00', '06.12.34.56.78'));
  numbers.add(2, phones('201'));
  numbers.add(1, phones('(415) 555-0142', '0142 7777'));
  numbers.add(3, phones());
  numbers.add(5, phones('12', '34'));
  const digits = numbers.build();

  it('finds a run of digits anywhere in any number, whatever its format, in position order', () => {
    expect(digits.positionsOf('4268', 0, 10)).toEqual([0, 4]);
    expect(digits.positionsOf('0142', 0, 10)).toEqual([0, 1]);
    expect(digits.positionsOf('201', 0, 10)).toEqual([2]);
    expect(digits.positionsOf('9999', 0, 10)).toEqual([]);
  });

  it('gives each contact once, however many of its numbers hold the run, and no run across two numbers', () => {
    expect(digits.positionsOf('42', 0, 10)).toEqual([0, 1, 4]);
    expect(digits.positionsOf('1234', 0, 10)).toEqual([0]);
  });

  it('pages: skips the first, stops at the limit', () => {
    expect(digits.positionsOf('42', 1, 10)).toEqual([1, 4]);
    expect(digits.positionsOf('42', 0, 2)).toEqual([0, 1]);
    expect(digits.positionsOf('42', 2, 1)).toEqual([4]);
  });
});
