import type { CallRecord } from '../../shared/model/call-record.ts';
import { digitTails, MIN_SEARCH_DIGITS, wordsOf } from './text-keys.ts';

/**
 * The keys under which a call of the history is found (Dexie's multi-entry index `searchKeys`), so a search reads
 * the index instead of every row: each word of the name (`n:martin`), the number as written (`r:bob@pbx.example`),
 * and every tail of its digits (`d:612345678`, `d:12345678`…) — a prefix search on the tails finds any run of digits
 * in the number, whatever its format.
 */
export function historySearchKeys(record: Pick<CallRecord, 'remoteName' | 'remoteNumber'>): string[] {
  const keys = new Set<string>();
  for (const word of wordsOf(record.remoteName)) keys.add(`n:${word}`);
  const raw = record.remoteNumber.trim().toLowerCase();
  if (raw !== '') keys.add(`r:${raw}`);
  for (const tail of digitTails(record.remoteNumber)) keys.add(`d:${tail}`);
  return [...keys];
}

/** A search as the index reads it: the key prefixes to look up, and the test every found row must also pass. */
export interface HistorySearch {
  readonly prefixes: string[];
  matches(record: Pick<CallRecord, 'remoteName' | 'remoteNumber'>): boolean;
}

/**
 * What the receptionist typed, as index prefixes: words find names by the start of their words (all words must
 * match) and numbers or addresses by their start; two digits or more find any run of those digits in a number.
 * Null for an empty search (everything matches).
 */
export function historySearch(text: string): HistorySearch | null {
  const needle = text.trim().toLowerCase();
  if (needle === '') return null;
  const words = wordsOf(needle);
  const digits = needle.replace(/\D/g, '');
  const isNumeric = !/\p{L}/u.test(needle) && digits.length >= MIN_SEARCH_DIGITS;
  const prefixes = isNumeric ? [`d:${digits}`] : [...(words[0] === undefined ? [] : [`n:${words[0]}`]), `r:${needle}`];
  return {
    prefixes,
    matches: (record) => {
      if (isNumeric) return record.remoteNumber.replace(/\D/g, '').includes(digits);
      if (record.remoteNumber.toLowerCase().startsWith(needle)) return true;
      const nameWords = wordsOf(record.remoteName);
      return words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)));
    },
  };
}
