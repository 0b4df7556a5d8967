import { describe, expect, it } from 'vitest';
import { findNumberCandidates } from '../../src/shared/phone-number/number-candidates.ts';

/** What a link would cover for each candidate of `text`, read as France's plan: ten digits, written with its 0. */
function candidatesIn(text: string): string[] {
  return findNumberCandidates(text, 10, '0').map(({ start, end }) => text.slice(start, end));
}

describe('the run scanner', () => {
  it('finds each number of a text, with its + or bracket, and nothing in a text without one', () => {
    expect(candidatesIn('Standard : 01 23 45 67 89, mobile 06.12.34.56.78')).toEqual([
      '01 23 45 67 89',
      '06.12.34.56.78',
    ]);
    expect(candidatesIn('Appelez le (+33) 1 23 45 67 89 ou +1 (415) 555-0134')).toEqual([
      '(+33) 1 23 45 67 89',
      '+1 (415) 555-0134',
    ]);
    expect(candidatesIn('Relancer avant la fin du mois')).toEqual([]);
    expect(findNumberCandidates('contact12@client-45.example.fr', 10, '0')).toBe(findNumberCandidates('', 10, '0'));
  });

  it("leaves out the sentence's brackets and keeps the number's own", () => {
    expect(candidatesIn('(tél. 01 23 45 67 89)')).toEqual(['01 23 45 67 89']);
    expect(candidatesIn('01 23 45 67 89 (0,15 €/min)')).toEqual(['01 23 45 67 89']);
    expect(candidatesIn('Tél: 0900 12 34 56 (1,99 €/min) ou 01 23 45 67 89')).toEqual([
      '0900 12 34 56',
      '01 23 45 67 89',
    ]);
    expect(candidatesIn('((01) 23 45 67 89')).toEqual(['(01) 23 45 67 89']);
    expect(candidatesIn('+33 (0)1 23 45 67 89')).toEqual(['+33 (0)1 23 45 67 89']);
    expect(candidatesIn('01 23 45 67 89) (x')).toEqual(['01 23 45 67 89']);
  });

  it('takes no number that a decimal or a code goes on from', () => {
    expect(candidatesIn('01 23 45 67 89,5 m²')).toEqual([]);
    expect(candidatesIn('01 23 45 67 89:30')).toEqual([]);
    expect(candidatesIn('01 23 45 67 89, puis')).toEqual(['01 23 45 67 89']);
  });

  it('cuts a run that holds two numbers, and keeps an area code set apart with the rest of its number', () => {
    expect(candidatesIn('01 23 45 67 89  06 12 34 56 78')).toEqual(['01 23 45 67 89', '06 12 34 56 78']);
    expect(findNumberCandidates('0662 / 12 34 56', 9).map(({ number }) => number)).toEqual(['0662 / 12 34 56']);
  });

  it('takes no national number without the trunk prefix, nor one with too few digits', () => {
    expect(candidatesIn('Commande n° 1234567890')).toEqual([]);
    expect(candidatesIn('Commande n° 0123456789')).toEqual(['0123456789']);
    expect(candidatesIn('12/05/2026 · 123 456 789')).toEqual([]);
  });

  it('still takes an international number shorter than a national one', () => {
    expect(candidatesIn('Luxembourg : +352 26 12 34')).toEqual(['+352 26 12 34']);
    expect(candidatesIn('Luxembourg : 00352 26 12 34')).toEqual(['00352 26 12 34']);
  });

  it('tells a version from a dotted number', () => {
    expect(candidatesIn('Windows 10.0.19045.2965')).toEqual([]);
    expect(candidatesIn('Build 0102.3.4567.89')).toEqual([]);
    expect(candidatesIn('Tél. 01.23.45.67.89')).toEqual(['01.23.45.67.89']);
  });
});
