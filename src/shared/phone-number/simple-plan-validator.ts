/**
 * A fast path beside libphonenumber-js for the numbering plans that are plain: one country per calling code, a
 * national prefix that is just a prefix (no parsing rule or transform), no per-type patterns. For those, "valid" is
 * exactly "a possible length and the national number pattern" (what libphonenumber-js's own `isValid` checks then),
 * and that takes one precompiled regex instead of a full parse. France, Germany, Belgium, Switzerland, Spain, the
 * Netherlands and about 150 more are plain; anything else returns `undefined` and goes to libphonenumber-js.
 * `test/unit/simple-plan-validator.test.ts` checks the two agree on tens of thousands of numbers.
 */
type CountryEntry = readonly unknown[];

interface PlainPlan {
  readonly callingCode: string;
  /** How this country dials out ("00", "011"…): a national number starting so is really international. */
  readonly internationalPrefix: RegExp | null;
  readonly nationalPrefix: string | null;
  readonly possibleLengths: ReadonlySet<number>;
  readonly shortestLength: number;
  readonly pattern: RegExp;
  /**
   * Per-type patterns (fixed line, mobile…), present where a calling code is shared and the type tells the countries
   * apart (the US for +1): a valid number must also match one of them.
   */
  readonly types: readonly { readonly pattern: RegExp; readonly lengths: ReadonlySet<number> | null }[];
  /** Other countries share this calling code: a number that fits none of this plan's types may be theirs. */
  readonly isShared: boolean;
  /**
   * A national-prefix parsing rule (Great Britain's `0|180020`): national numbers are then left to libphonenumber-js,
   * and so are international ones that start with what the rule would strip.
   */
  readonly prefixForParsing: RegExp | null;
}

/** Positions in a version-4 country entry (see scripts/phone-metadata.ts). */
const CALLING_CODE = 0;
const INTERNATIONAL_PREFIX = 1;
const NATIONAL_NUMBER_PATTERN = 2;
const POSSIBLE_LENGTHS = 3;
const NATIONAL_PREFIX = 5;
/** Fields 6 to 10 and 12 on (formatting and parsing rules, transform, leading digits, default IDD…) make a plan not plain. */
const FIRST_COMPLEX_FIELD = 6;
const NATIONAL_PREFIX_FOR_PARSING = 7;
const TYPES = 11;
/** How an extension is written (" x"): no bearing on validity. */
const EXTENSION_PREFIX = 13;

export class SimplePlanValidator {
  readonly #byCountry = new Map<string, PlainPlan>();
  readonly #byCallingCode = new Map<string, PlainPlan>();

  constructor(metadata: {
    countries: Record<string, CountryEntry>;
    country_calling_codes: Record<string, readonly string[]>;
  }) {
    for (const [country, entry] of Object.entries(metadata.countries)) {
      const sharing = metadata.country_calling_codes[String(entry[CALLING_CODE])] ?? [];
      // Of countries sharing a code, only the first (the one libphonenumber-js tries first) can be decided here.
      if (sharing[0] !== country) continue;
      const plan = plainPlanOf(entry, sharing.length > 1);
      if (plan === null) continue;
      this.#byCountry.set(country, plan);
      this.#byCallingCode.set(plan.callingCode, plan);
    }
  }

  /**
   * E.164 for a number written nationally in `country` (digits only, national prefix included when written), null
   * when invalid, undefined when this plan is not plain.
   */
  national(digits: string, country: string): string | null | undefined {
    const plan = this.#byCountry.get(country);
    // Written with the dial-out prefix or the country code but no "+": libphonenumber-js has rules for those.
    if (plan === undefined || plan.prefixForParsing !== null) return undefined;
    if (plan.internationalPrefix?.test(digits) === true || digits.startsWith(plan.callingCode)) return undefined;
    // As libphonenumber-js does: the prefix is taken off unless that leaves too few digits, or turns a number that
    // matched the national pattern into one that does not.
    let national = digits;
    if (plan.nationalPrefix !== null && digits.startsWith(plan.nationalPrefix)) {
      const stripped = digits.slice(plan.nationalPrefix.length);
      const isTooShort = stripped.length < plan.shortestLength;
      if (!isTooShort && !(plan.pattern.test(digits) && !plan.pattern.test(stripped))) national = stripped;
    }
    return verdictOf(plan, national);
  }

  /** E.164 for `+<digits>`, null when invalid, undefined when its plan is not plain (or the code unknown). */
  international(digits: string): string | null | undefined {
    for (let length = 1; length <= 3 && length < digits.length; length++) {
      const plan = this.#byCallingCode.get(digits.slice(0, length));
      if (plan === undefined) continue;
      const national = digits.slice(length);
      if (plan.nationalPrefix !== null && national.startsWith(plan.nationalPrefix)) return undefined;
      if (plan.prefixForParsing?.test(national) === true) return undefined;
      return verdictOf(plan, national);
    }
    return undefined;
  }
}

function verdictOf(plan: PlainPlan, national: string): string | null | undefined {
  if (!plan.possibleLengths.has(national.length) || !plan.pattern.test(national)) return null;
  if (plan.types.length === 0) return `+${plan.callingCode}${national}`;
  const fitsAType = plan.types.some(
    (type) => (type.lengths === null || type.lengths.has(national.length)) && type.pattern.test(national),
  );
  if (fitsAType) return `+${plan.callingCode}${national}`;
  return plan.isShared ? undefined : null;
}

function plainPlanOf(entry: CountryEntry, isShared: boolean): PlainPlan | null {
  const isSet = (field: unknown) => field !== undefined && field !== 0 && field !== null;
  const allowed = new Set([TYPES, NATIONAL_PREFIX_FOR_PARSING, EXTENSION_PREFIX]);
  if (entry.some((field, index) => index >= FIRST_COMPLEX_FIELD && !allowed.has(index) && isSet(field))) return null;
  const prefixForParsing = entry[NATIONAL_PREFIX_FOR_PARSING];
  const callingCode = entry[CALLING_CODE];
  const pattern = entry[NATIONAL_NUMBER_PATTERN];
  const lengths = entry[POSSIBLE_LENGTHS];
  const prefix = entry[NATIONAL_PREFIX];
  const internationalPrefix = entry[INTERNATIONAL_PREFIX];
  if (typeof callingCode !== 'string' || typeof pattern !== 'string' || !Array.isArray(lengths)) return null;
  return {
    callingCode,
    internationalPrefix:
      typeof internationalPrefix === 'string' && internationalPrefix !== ''
        ? new RegExp(`^(?:${internationalPrefix})`)
        : null,
    nationalPrefix: typeof prefix === 'string' && prefix !== '' ? prefix : null,
    possibleLengths: new Set(lengths as number[]),
    shortestLength: Math.min(...(lengths as number[])),
    pattern: new RegExp(`^(?:${pattern})$`),
    types: typesOf(entry[TYPES]),
    isShared,
    prefixForParsing:
      typeof prefixForParsing === 'string' && prefixForParsing !== '' ? new RegExp(`^(?:${prefixForParsing})`) : null,
  };
}

function typesOf(field: unknown): PlainPlan['types'] {
  if (!Array.isArray(field)) return [];
  return field.flatMap((type: unknown) => {
    if (!Array.isArray(type) || typeof type[0] !== 'string' || type[0] === '') return [];
    const lengths: unknown = type[1];
    return [
      {
        pattern: new RegExp(`^(?:${type[0]})$`),
        lengths: Array.isArray(lengths) ? new Set(lengths as number[]) : null,
      },
    ];
  });
}
