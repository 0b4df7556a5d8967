import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Contact, ContactFields } from '../../shared/model/contact.ts';
import { digitRunPrefixes, digitTails, MIN_SEARCH_DIGITS, wordsOf } from '../storage/text-keys.ts';

/** The fields whose words find a contact. */
const WORDED_FIELDS = ['name', 'company', 'department', 'title', 'location'] as const;

/**
 * The keys under which a contact is found by a search: each word of its name, company, department, title and
 * location, without accents (`n:elodie`), each e-mail (`e:…`), and the tails of every number's digits (`d:…`). A
 * loose row (`searchKeys`, multi-entry) has the tails that start at an even position (`digitTails(…, 2)`: half the
 * index entries, each a write of its own); a packed part every tail (`every` 1: a run of digits is then one prefix).
 */
export function contactSearchKeys(fields: ContactFields, every: 1 | 2 = 2): string[] {
  return [...contactWordKeys(fields), ...contactDigitKeys(fields, every)];
}

/** The search keys of a contact that are not its numbers': its words (`n:…`) and e-mails (`e:…`), each once. */
export function contactWordKeys(fields: Pick<ContactFields, (typeof WORDED_FIELDS)[number] | 'emails'>): string[] {
  const keys = new Set<string>();
  for (const field of WORDED_FIELDS) for (const word of foldedWordsOf(fields[field])) keys.add(`n:${word}`);
  for (const email of fields.emails) keys.add(`e:${email.toLowerCase()}`);
  return [...keys];
}

/** The search keys of a contact's numbers: the tails of their digits (`d:…`), each once. */
export function contactDigitKeys(fields: Pick<ContactFields, 'phones'>, every: 1 | 2): string[] {
  const keys = new Set<string>();
  for (const phone of fields.phones) for (const tail of digitTails(phone.number, every)) keys.add(`d:${tail}`);
  return [...keys];
}

/**
 * The one key a number is known by, whatever way it was written (issue #13: "matched on a normalised E.164 key,
 * never by string equality of the raw text"): `+33142685300` for a number of the plan read in the office's country,
 * `x:201` for an extension or a short code, `u:alice` for a SIP user by name (`sip:alice@pbx` too). Null for nothing
 * dialable.
 */
export function numberKey(number: string, country: CountryCode): string | null {
  const trimmed = number.trim().replace(/^(sips?|tel):/i, '');
  if (trimmed === '') return null;
  if (trimmed.includes('@')) {
    const [user = ''] = trimmed.toLowerCase().split('@');
    // A SIP address is its user part, on the PBX the console is on: a number (sip:+33142685300@pbx, sip:201@pbx) is
    // that number, a name (sip:bob@pbx) that name.
    return numberKey(user, country);
  }
  if (/^[\p{L}][\p{L}\p{N}._-]*$/u.test(trimmed)) return `u:${trimmed.toLowerCase()}`;
  const digits = trimmed.replace(/[^0-9+]/g, '');
  const parsed = parsePhoneNumberFromString(trimmed, country);
  if (parsed !== undefined && parsed.isPossible()) return parsed.number;
  const bare = digits.replace(/^\+/, '');
  return bare.length > 0 ? `x:${bare}` : null;
}

/** The keys of every number of a contact, for caller identification (`phoneKeys`, multi-entry). */
export function contactPhoneKeys(fields: ContactFields, country: CountryCode): string[] {
  const keys = new Set<string>();
  for (const phone of fields.phones) {
    const key = numberKey(phone.number, country);
    if (key !== null) keys.add(key);
  }
  return [...keys];
}

/**
 * A search as the indexes read it: the key prefixes to look up in the loose rows' index (`prefixes`) and in a packed
 * part's keys (`packedPrefix`, one: they hold every tail of a number), and the test every contact found must also pass.
 */
export interface ContactSearch {
  readonly prefixes: readonly [string, ...string[]];
  readonly packedPrefix: string;
  matches(contact: Contact): boolean;
}

/**
 * What the receptionist typed, as an index prefix: two digits or more find any run of those digits in any number;
 * words find contacts whose name, company, department, title or location has words starting so (every word typed
 * must match one); an e-mail's start finds it. Null for nothing to look for.
 */
export function contactSearch(text: string): ContactSearch | null {
  const needle = text.trim().toLowerCase();
  if (needle === '') return null;
  const digits = needle.replace(/\D/g, '');
  if (!/\p{L}/u.test(needle) && digits.length >= MIN_SEARCH_DIGITS) {
    const [atEvenPosition, ...atOddPosition] = digitRunPrefixes(digits);
    return {
      prefixes: [`d:${atEvenPosition}`, ...atOddPosition.map((run) => `d:${run}`)],
      packedPrefix: `d:${digits}`,
      matches: (contact) => contact.phones.some((phone) => phone.number.replace(/\D/g, '').includes(digits)),
    };
  }
  if (needle.includes('@')) {
    return {
      prefixes: [`e:${needle}`],
      packedPrefix: `e:${needle}`,
      matches: (contact) => contact.emails.some((email) => email.toLowerCase().startsWith(needle)),
    };
  }
  const words = foldedWordsOf(needle);
  const first = words[0];
  if (first === undefined) return null;
  return {
    prefixes: [`n:${first}`],
    packedPrefix: `n:${first}`,
    matches: (contact) => {
      const contactWords = WORDED_FIELDS.flatMap((field) => foldedWordsOf(contact[field]));
      return words.every((word) => contactWords.some((contactWord) => contactWord.startsWith(word)));
    },
  };
}

/** Words without their accents: "elodie" finds Élodie, as a receptionist types it. */
function foldedWordsOf(text: string): string[] {
  return wordsOf(text.normalize('NFD').replace(/\p{M}/gu, ''));
}

/** How a contact sorts in a list: by name, without case or accents. */
export function sortNameOf(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}
