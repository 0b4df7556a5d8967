/**
 * The fast pre-filter of the page scanner: finds the runs of text that could be a phone number and throws out, by
 * their shape and the characters glued to them, the ones that are something else (dates, times, decimals, IP
 * addresses, versions, coordinates, codes in words or URLs). Only what survives is validated; the words around a
 * valid number (amounts, references) are looked at last, by `isInNonPhoneContext`.
 */

export interface NumberCandidate {
  /** Offsets in the scanned text; `text.slice(start, end)` is what a link would cover (extension included). */
  readonly start: number;
  readonly end: number;
  /** The number itself, as written (no extension). */
  readonly number: string;
  /** True when written internationally (`+…`, `00…`); the default country is not needed to read it. */
  readonly isInternational: boolean;
  readonly extension: string | null;
}

/** Spaces people put in numbers: plain, no-break, figure, thin, narrow no-break. */
const SPACES = ' \\u00a0\\u2007\\u2009\\u202f';
/** Hyphens: ASCII, Unicode hyphen, non-breaking hyphen, en dash. */
const DASHES = '\\-\\u2010\\u2011\\u2013';
const RUN = new RegExp(`[+(]*\\d[\\d${SPACES}${DASHES}./()]*\\d`, 'g');
const PIECE_BREAK = new RegExp(`[${SPACES}]+[/${DASHES}][${SPACES}]+|[${SPACES}]{2,}`, 'g');
const HAS_DIGIT_PAIR = /\d[^\d]?\d/;

const MIN_DIGITS = 7;
const MAX_NATIONAL_DIGITS = 14;
/** E.164: at most 15 digits after the `+`. */
const MAX_INTERNATIONAL_DIGITS = 15;

/** Glued to a number, these make it part of a word, a code, a URL, an amount or a reference. */
const BAD_BEFORE = /[\p{L}\p{N}_#№$€£¥@\\=&%*/\-−]/u;
const BAD_AFTER = /[\p{L}\p{N}_%€$£¥°′″@*]/u;
const BAD_BEFORE_ASCII = asciiTable(BAD_BEFORE);
const BAD_AFTER_ASCII = asciiTable(BAD_AFTER);
const CONTINUES_NUMBER = /^[.,:/\-][\d]/;
const CURRENCY_BEFORE = /(?:[$€£¥₹]|\b(?:eur|usd|gbp|chf|cad|aud))[\s\u00a0\u202f]*$/i;
const CURRENCY_AFTER = /^[\s\u00a0\u202f]*(?:[$€£¥₹]|(?:eur|euros?|usd|gbp|chf|cad|aud|dollars?|ht|ttc)\b)/i;
const PHONE_LABEL_BEFORE =
  /(?<![\p{L}\p{N}])(?:t[ée]l[ée]?(?:phone)?|phone|mobile?|portable|gsm|cell(?:ular)?|fax|standard|ligne|appel(?:ez)?|call|tel[ée]fono|telefon|handy|ruf|mob)\b\.?[\s\u00a0\u202f]*(?:\([^)]{0,12}\))?[\s\u00a0\u202f]*[:.]?[\s\u00a0\u202f]*$/iu;
const REFERENCE_BEFORE =
  /(?<![\p{L}\p{N}])(?:order|commande|invoice|facture|r[ée]f(?:[ée]rence)?|n°|nº|no\.|num[ée]ro de (?:commande|dossier|facture|client|s[ée]rie)|siret|siren|tva|vat|iban|bic|account|compte|tracking|suivi|colis|ticket|dossier|contra[ct]t?|serial|s[ée]rie|isbn|sku|lot|version|build|release|ver|id|po|case|bestell(?:nummer)?|rechnung|pedido|factura|ordine|fattura|transaction|payment|paiement|code|entreprise|enterprise|company|registered|kvk|ust-?id|uid|abn|acn|nif|cif|cpf|cnpj|p\.?\s?iva|partita iva|btw|ssn|nir|ein)\.?(?:[\s\u00a0\u202f]+(?:number|num[ée]ro|nummer|n[°º]|no\.?|#))?[\s\u00a0\u202f]*[:.#]?[\s\u00a0\u202f]*(?:[A-Z]{2}[\s\u00a0\u202f]*)?$/iu;
const EXTENSION_AFTER =
  /^[\s\u00a0\u202f]*,?[\s\u00a0\u202f]*(?:ext\.?|extension|x|poste|p\.|durchwahl|app\.|int\.)[\s\u00a0\u202f]*(\d{1,6})(?!\d)/i;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DATE = /^(?:\d{1,2}([./\-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([./\-])\d{1,2}\2\d{1,2})$/;
const YEAR_RANGE = /^(?:19|20)\d\d\s*[\-–/]\s*(?:19|20)\d\d$/;

/** Every candidate in `text`, in order. Cheap: a text without two nearby digits costs one regex test. */
export function findNumberCandidates(text: string): NumberCandidate[] {
  if (!HAS_DIGIT_PAIR.test(text)) return [];
  const candidates: NumberCandidate[] = [];
  RUN.lastIndex = 0;
  for (let match = RUN.exec(text); match !== null; match = RUN.exec(text)) {
    const run = match[0];
    if (countDigits(run) < MIN_DIGITS) continue;
    let pieceStart = 0;
    PIECE_BREAK.lastIndex = 0;
    for (let pieceBreak = PIECE_BREAK.exec(run); ; pieceBreak = PIECE_BREAK.exec(run)) {
      const pieceEnd = pieceBreak === null ? run.length : pieceBreak.index;
      const candidate = candidateAt(text, match.index + pieceStart, match.index + pieceEnd);
      if (candidate !== null) candidates.push(candidate);
      if (pieceBreak === null) break;
      pieceStart = pieceBreak.index + pieceBreak[0].length;
    }
  }
  return candidates;
}

function candidateAt(text: string, rawStart: number, rawEnd: number): NumberCandidate | null {
  let start = rawStart;
  let end = rawEnd;
  // Brackets must pair up: "(see 01 23…)" gives a stray "(" that belongs to the sentence.
  while (start < end && !isNumberStart(text.charCodeAt(start))) start++;
  while (end > start && !isNumberEnd(text.charCodeAt(end - 1))) end--;
  let number = text.slice(start, end);
  if (number.includes('(') || number.includes(')')) {
    while (number.startsWith('(') && !hasBalancedBrackets(number)) {
      start++;
      number = number.slice(1);
    }
    if (!hasBalancedBrackets(number)) return null;
  }

  const digits = countDigits(number);
  const isInternational = isWrittenInternationally(number);
  if (digits < MIN_DIGITS || digits > (isInternational ? MAX_INTERNATIONAL_DIGITS + 2 : MAX_NATIONAL_DIGITS))
    return null;

  if (start > 0) {
    const before = text.charAt(start - 1);
    if (charIs(before, BAD_BEFORE_ASCII, BAD_BEFORE)) return null;
    if ((before === '.' || before === ',' || before === ':') && isDigitCode(text.charCodeAt(start - 2))) return null;
  }
  if (end < text.length) {
    const after = text.slice(end, end + 2);
    if (charIs(after.charAt(0), BAD_AFTER_ASCII, BAD_AFTER) || CONTINUES_NUMBER.test(after)) return null;
  }

  if (!isInternational && !hasPhoneShape(number)) return null;

  // Most numbers end their text (a table cell); only one followed by more can have an extension after it.
  const extension = end < text.length ? EXTENSION_AFTER.exec(text.slice(end, end + 24)) : null;
  if (extension !== null) {
    return { start, end: end + extension[0].length, number, isInternational, extension: extension[1] ?? null };
  }
  return { start, end, number, isInternational, extension: null };
}

/**
 * Whether the words around a candidate say it is something else: an amount (a currency beside it) or a reference
 * ("SIRET", "order no.", "IBAN"… before it, unless a phone label is nearer). These regexes cost more than
 * validating, so the finder asks only about numbers that validated.
 */
export function isInNonPhoneContext(text: string, candidate: NumberCandidate): boolean {
  const lead = text.slice(Math.max(0, candidate.start - 40), candidate.start);
  if (CURRENCY_BEFORE.test(lead) || CURRENCY_AFTER.test(text.slice(candidate.end, candidate.end + 12))) return true;
  return !PHONE_LABEL_BEFORE.test(lead) && REFERENCE_BEFORE.test(lead);
}

/** What a national number never looks like: a date, an IP address, a version, a decimal, a year range. */
function hasPhoneShape(number: string): boolean {
  let dots = 0;
  let slashes = 0;
  let dashes = 0;
  let gaps = 0;
  for (let index = 0; index < number.length; index++) {
    const code = number.charCodeAt(index);
    if (code === 46) dots++;
    else if (code === 47) slashes++;
    else if (code === 45 || code === 0x2010 || code === 0x2011 || code === 0x2013) dashes++;
    else if (
      code === 32 ||
      code === 0xa0 ||
      code === 0x2007 ||
      code === 0x2009 ||
      code === 0x202f ||
      code === 40 ||
      code === 41
    )
      gaps++;
  }
  // One kind of punctuation at most: "9.00-12.30" is a timetable, "01.23.45.67.89" a number.
  if ((dots > 0 ? 1 : 0) + (slashes > 0 ? 1 : 0) + (dashes > 0 ? 1 : 0) > 1) return false;
  if (gaps === 0) {
    // A lone dot with nothing else is a decimal (48.856614), not a number.
    if (dots === 1 && slashes + dashes === 0) return false;
    if (dots + slashes + dashes > 0 && (isIpv4(number) || DATE.test(number) || YEAR_RANGE.test(number))) return false;
  } else if (dashes > 0 && YEAR_RANGE.test(number)) {
    return false;
  }
  // Versions have one-digit parts past the first (10.0.19045.2965); dotted numbers have two or more.
  return (
    dots < 2 ||
    !number
      .split('.')
      .slice(1)
      .some((part) => /^\d$/.test(part.trim()))
  );
}

/** An IPv4 address: four dotted parts, each 0 to 255 (`944.23.56.71`, a Bilbao number, is none). */
function isIpv4(number: string): boolean {
  return IPV4.test(number) && number.split('.').every((part) => Number(part) <= 255);
}

function hasBalancedBrackets(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

const isDigitCode = (code: number) => code >= 48 && code <= 57;

/** `+…`, `(+…`, `00…` or `(00…`: the number carries its country code. */
function isWrittenInternationally(number: string): boolean {
  const first = number.charCodeAt(0) === 40 /* ( */ ? 1 : 0;
  const code = number.charCodeAt(first);
  if (code === 43 /* + */) return true;
  return (
    code === 48 &&
    number.charCodeAt(first + 1) === 48 &&
    isDigitCode(number.charCodeAt(first + 2)) &&
    number.charCodeAt(first + 2) !== 48
  );
}
const isNumberStart = (code: number) => isDigitCode(code) || code === 43 /* + */ || code === 40; /* ( */
const isNumberEnd = (code: number) => isDigitCode(code) || code === 41; /* ) */

function countDigits(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

/** `pattern.test(char)`, answered from a table for ASCII (nearly every character on a page). */
function charIs(char: string, table: readonly boolean[], pattern: RegExp): boolean {
  const code = char.charCodeAt(0);
  return code < 128 ? table[code] === true : pattern.test(char);
}

function asciiTable(pattern: RegExp): boolean[] {
  return Array.from({ length: 128 }, (_, code) => pattern.test(String.fromCharCode(code)));
}
