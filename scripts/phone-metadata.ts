/**
 * Writes `src/shared/phone-number/page-number-metadata.json`: libphonenumber-js's "min" metadata without what only
 * formatting reads (the formats, the preferred dial-out prefix, the extension's prefix), for the content script.
 * Finding and validating numbers never formats them, and the formats are half the metadata's weight; every page loads
 * this script, so its size matters (issue: under 30 KB gzipped).
 *
 * Beside it, for each country, whether its numbers are written nationally with the national prefix ("01 23…" in
 * France, never "1 23…"): the page scanner takes a national number without it for something else (a company ID).
 * Derived from the same formats before they are dropped, so nothing is hand-kept.
 *
 * Run again after upgrading libphonenumber-js; a unit test fails while the file is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type CountryEntry = unknown[];
interface MinMetadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, CountryEntry>;
  nonGeographic?: Record<string, CountryEntry>;
}

/** Positions in a version-4 country entry (see libphonenumber-js `metadata.js`). */
const FORMATS = 4;
const NATIONAL_PREFIX = 5;
const NATIONAL_PREFIX_FORMATTING_RULE = 6;
const NATIONAL_PREFIX_IS_OPTIONAL = 9;
/** Read by libphonenumber-js's `format` only (`getIddPrefix`, `getExtPrefix`). */
const DEFAULT_IDD_PREFIX = 12;
const EXTENSION_PREFIX = 13;
/** Positions in a format entry. */
const FORMAT_NATIONAL_PREFIX_RULE = 3;
const FORMAT_NATIONAL_PREFIX_IS_OPTIONAL = 4;

export interface PageNumberMetadata {
  readonly metadata: MinMetadata;
  readonly writtenWithNationalPrefix: string[];
}

export async function pageNumberMetadata(): Promise<PageNumberMetadata> {
  const require = createRequire(import.meta.url);
  const source = JSON.parse(
    await readFile(require.resolve('libphonenumber-js/metadata.min.json'), 'utf8'),
  ) as MinMetadata;
  const writtenWithNationalPrefix: string[] = [];
  const strip = (entries: Record<string, CountryEntry> | undefined) => {
    if (entries === undefined) return undefined;
    const stripped: Record<string, CountryEntry> = {};
    for (const [code, entry] of Object.entries(entries)) {
      const copy = [...entry];
      if (Array.isArray(copy[FORMATS])) copy[FORMATS] = [];
      for (const field of [DEFAULT_IDD_PREFIX, EXTENSION_PREFIX]) if (field < copy.length) copy[field] = 0;
      // As the library's own metadata, an entry ends at its last field set.
      while (copy.length > 0 && copy[copy.length - 1] === 0) copy.pop();
      stripped[code] = copy;
    }
    return stripped;
  };
  for (const [country, entry] of Object.entries(source.countries)) {
    if (isWrittenWithNationalPrefix(entry)) writtenWithNationalPrefix.push(country);
  }
  const nonGeographic = strip(source.nonGeographic);
  return {
    metadata: {
      version: source.version,
      country_calling_codes: source.country_calling_codes,
      countries: strip(source.countries) ?? {},
      ...(nonGeographic === undefined ? {} : { nonGeographic }),
    },
    writtenWithNationalPrefix: writtenWithNationalPrefix.sort(),
  };
}

function isWrittenWithNationalPrefix(entry: CountryEntry): boolean {
  const prefix = entry[NATIONAL_PREFIX];
  const formats = entry[FORMATS];
  if (typeof prefix !== 'string' || prefix === '' || !Array.isArray(formats) || formats.length === 0) return false;
  const countryRule =
    typeof entry[NATIONAL_PREFIX_FORMATTING_RULE] === 'string' ? entry[NATIONAL_PREFIX_FORMATTING_RULE] : '';
  const countryOptional = entry[NATIONAL_PREFIX_IS_OPTIONAL] === 1 || entry[NATIONAL_PREFIX_IS_OPTIONAL] === true;
  return (formats as unknown[][]).every((format) => {
    const rule =
      typeof format[FORMAT_NATIONAL_PREFIX_RULE] === 'string' ? format[FORMAT_NATIONAL_PREFIX_RULE] : countryRule;
    const isOptional = format[FORMAT_NATIONAL_PREFIX_IS_OPTIONAL] === 1 || countryOptional;
    return rule.includes(prefix) && !isOptional;
  });
}

export const PAGE_NUMBER_METADATA_FILE = fileURLToPath(
  new URL('../src/shared/phone-number/page-number-metadata.json', import.meta.url),
);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(PAGE_NUMBER_METADATA_FILE, `${JSON.stringify(await pageNumberMetadata())}\n`);
  process.stdout.write(`Wrote ${PAGE_NUMBER_METADATA_FILE}\n`);
}
