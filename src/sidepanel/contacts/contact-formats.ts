/**
 * The contact file formats — vCard (ical.js) and CSV (papaparse), read for an import and written for an export — as
 * a module of their own (`contact-formats.js`, built as an ES module): a fifth of the side panel that only an import
 * or an export needs, loaded then (`load-contact-formats.ts`) rather than parsed each time the console opens.
 */
export { parseCsv } from '../../shared/contacts/parse-csv.ts';
export { parseVCards } from '../../shared/contacts/parse-vcard.ts';
export { toCsv } from '../../shared/contacts/to-csv.ts';
export { toVCard } from '../../shared/contacts/to-vcard.ts';
