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

/** The digits of a number that a search for a run of digits reads: its first 32, whatever the format. */
export function searchedDigitsOf(number: string): string {
  return number.replace(/\D/g, '').slice(0, 32);
}

/**
 * The tails of a number's digits, one starting at every digit — or, with `every` 2, at every other one: half the
 * index entries, for a table of 100,000 contacts whose import time is mostly index writes. A run of digits starting
 * at an odd position is then the tail before it less its first digit: `digitRunPrefixes` looks under both.
 */
export function digitTails(number: string, every: 1 | 2 = 1): string[] {
  const digits = searchedDigitsOf(number);
  const tails: string[] = [];
  for (let start = 0; start <= digits.length - MIN_SEARCH_DIGITS; start += every) tails.push(digits.slice(start));
  return tails;
}

/**
 * The prefixes under which tails at every other digit (or every digit) keep a run of digits wherever it is in a
 * number: the run itself (it starts at an even position), and each digit then the run (it starts at an odd one).
 */
export function digitRunPrefixes(run: string): [string, ...string[]] {
  return [run, ...'0123456789'.split('').map((digit) => `${digit}${run}`)];
}
