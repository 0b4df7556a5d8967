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
