/**
 * The pieces search keys are made of, shared by the history's and the contacts' indexes: the words of a text
 * (lower case, letters and digits, at most 16) and every tail of a number's digits (a prefix search on the tails finds
 * any run of digits, whatever the format the number was written in).
 */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .slice(0, 16);
}

/** The fewest digits a number search looks for (one digit would find nearly everything). */
export const MIN_SEARCH_DIGITS = 2;

export function digitTails(number: string): string[] {
  const digits = number.replace(/\D/g, '').slice(0, 32);
  const tails: string[] = [];
  for (let start = 0; start <= digits.length - MIN_SEARCH_DIGITS; start++) tails.push(digits.slice(start));
  return tails;
}

/**
 * The tails of a number's digits that start at an even position: half the index entries of `digitTails`, for a table
 * of 100,000 contacts whose import time is mostly index writes. A run of digits starting at an odd position is the
 * tail before it less its first digit: `digitRunPrefixes` looks under both.
 */
export function evenDigitTails(number: string): string[] {
  const digits = number.replace(/\D/g, '').slice(0, 32);
  const tails: string[] = [];
  for (let start = 0; start <= digits.length - MIN_SEARCH_DIGITS; start += 2) tails.push(digits.slice(start));
  return tails;
}

/**
 * The prefixes under which `evenDigitTails` (and `digitTails`) keep a run of digits wherever it is in a number: the
 * run itself (it starts at an even position), and each digit then the run (it starts at an odd one).
 */
export function digitRunPrefixes(run: string): string[] {
  return [run, ...'0123456789'.split('').map((digit) => `${digit}${run}`)];
}
