import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import pageNumberMetadata from './page-number-metadata.json';
import { findNumberCandidates, isInNonPhoneContext } from './number-candidates.ts';
import { SimplePlanValidator } from './simple-plan-validator.ts';

/** A phone number found in page text: where it is, and what to dial. */
export interface FoundNumber {
  readonly start: number;
  readonly end: number;
  /** E.164 (`+33123456789`). */
  readonly e164: string;
  readonly extension: string | null;
}

const metadata = pageNumberMetadata.metadata as unknown as MetadataJson;
const writtenWithNationalPrefix = new Set<string>(pageNumberMetadata.writtenWithNationalPrefix);
const countryEntries = pageNumberMetadata.metadata.countries as Record<string, readonly unknown[] | undefined>;
const simplePlans = new SimplePlanValidator(pageNumberMetadata.metadata);
const NATIONAL_PREFIX = 5;
const INTERNATIONAL_PREFIX = 1;
const POSSIBLE_LENGTHS = 3;
/**
 * The fewest digits a national number may have on a page, whatever its plan allows: shorter runs are postcodes,
 * years and counts far more often than phone numbers.
 */
const FEWEST_NATIONAL_DIGITS = 6;
const NOTHING_FOUND: readonly FoundNumber[] = [];

/**
 * Finds the phone numbers in a text: the pre-filter's candidates, each decided by libphonenumber-js (with the
 * formats-free metadata, see `scripts/phone-metadata.ts`). National numbers are read for `defaultCountry`.
 */
export class PageNumberFinder {
  readonly #country: CountryCode;
  readonly #nationalPrefix: string | null;
  readonly #usesDoubleZero: boolean;
  /** The digits of the shortest national number of the plan, as written (trunk prefix included): Luxembourg's 6. */
  readonly #minNationalDigits: number;
  /** Pages repeat numbers (a CRM lists the same switchboard on every row): each costly validation is done once. */
  readonly #verdicts = new Map<string, string | null>();

  constructor(defaultCountry: CountryCode) {
    this.#country = defaultCountry;
    const entry = countryEntries[defaultCountry];
    const prefix = entry?.[NATIONAL_PREFIX];
    this.#nationalPrefix = writtenWithNationalPrefix.has(defaultCountry) && typeof prefix === 'string' ? prefix : null;
    const idd = entry?.[INTERNATIONAL_PREFIX];
    this.#usesDoubleZero = typeof idd === 'string' && new RegExp(`^(?:${idd})$`).test('00');
    const lengths = entry?.[POSSIBLE_LENGTHS];
    const shortest = Array.isArray(lengths) && lengths.length > 0 ? Math.min(...lengths.map(Number)) : 7;
    this.#minNationalDigits = Math.max(FEWEST_NATIONAL_DIGITS, shortest + (this.#nationalPrefix?.length ?? 0));
  }

  /** The numbers in `text`, in order; the same empty array, never written to, for a text that holds none. */
  find(text: string): readonly FoundNumber[] {
    let found: FoundNumber[] | null = null;
    for (const candidate of findNumberCandidates(text, this.#minNationalDigits, this.#nationalPrefix)) {
      const e164 = this.#validate(candidate.number, candidate.isInternational);
      if (e164 !== null && !isInNonPhoneContext(text, candidate))
        (found ??= []).push({ start: candidate.start, end: candidate.end, e164, extension: candidate.extension });
    }
    return found ?? NOTHING_FOUND;
  }

  /** The E.164 form of a whole written number (a page's `tel:` link), or null when it is not a valid one. */
  numberOf(written: string): string | null {
    const trimmed = written.trim();
    return this.#validate(trimmed, trimmed.startsWith('+') || /^\(?00[1-9]/.test(trimmed));
  }

  #validate(written: string, isInternational: boolean): string | null {
    let compact = compactOf(written.includes('(0)') ? written.replace('(0)', isInternational ? '' : '0') : written);
    // "00" is how most of the world writes "+", even on a page read with a default country that dials out otherwise.
    if (compact.startsWith('00') && !this.#usesDoubleZero) compact = `+${compact.slice(2)}`;
    if (!isInternational && this.#nationalPrefix !== null && !compact.startsWith(this.#nationalPrefix)) return null;
    const fast = this.#fastVerdict(compact);
    if (fast !== undefined) return fast;
    const known = this.#verdicts.get(compact);
    if (known !== undefined) return known;
    const verdict = this.#libraryVerdict(compact);
    if (this.#verdicts.size > 10_000) this.#verdicts.clear();
    this.#verdicts.set(compact, verdict);
    return verdict;
  }

  /** The plain plans' one-regex answer (null: invalid), or undefined when libphonenumber-js must decide. */
  #fastVerdict(compact: string): string | null | undefined {
    return compact.startsWith('+')
      ? simplePlans.international(compact.slice(1))
      : simplePlans.national(compact, this.#country);
  }

  #libraryVerdict(compact: string): string | null {
    const number = parsePhoneNumberFromString(compact, { defaultCountry: this.#country, extract: false }, metadata);
    return number?.isValid() === true ? number.number : null;
  }
}

/**
 * Room for the digits and `+` of any candidate (at most 17 digits, see `findNumberCandidates`), and to spare: a
 * longer `tel:` link is cut here, and is no valid number either way.
 */
const COMPACT_ROOM = 64;
const compactCodes = new Uint16Array(COMPACT_ROOM);
/** A view of the first n codes for each n: made once, so making a compact string allocates the string alone. */
const compactViews = Array.from({ length: COMPACT_ROOM + 1 }, (_, length) => compactCodes.subarray(0, length));

/**
 * The digits and the `+` of a written number. Built from the codes in one string: added a digit at a time, each
 * number made a string per digit (~300 bytes of garbage a number, most of the finder's allocation on a CRM page).
 */
function compactOf(written: string): string {
  let length = 0;
  for (let index = 0; index < written.length && length < COMPACT_ROOM; index++) {
    const code = written.charCodeAt(index);
    if ((code >= 48 && code <= 57) || code === 43) compactCodes[length++] = code;
  }
  return String.fromCharCode.apply(null, compactViews[length] as unknown as number[]);
}
